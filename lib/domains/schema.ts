// Verified domains: statuses and the forms' schemas (shared by the form and the server action).
import { z } from "zod";

export const DOMAIN_STATUSES = ["pending", "verified", "lapsed", "expired", "released"] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

/** Claims that hold the name: nobody else may claim it while one of these exists. */
export const HOLDING_STATUSES: DomainStatus[] = ["verified", "lapsed"];
/** Claims the owner can still prove (or re-prove). */
export const OPEN_STATUSES: DomainStatus[] = ["pending", "verified", "lapsed"];

export const DAY_MS = 86_400_000;
/** A claim not proven within this is expired. */
export const PENDING_DAYS = 14;
/** A verified domain is proven again this often. */
export const RECHECK_DAYS = 30;
/** A lapsed domain's auto-approved entries are suspended after this grace period. */
export const GRACE_DAYS = 7;

export const claimDomainSchema = z.object({
  domain: z.string().trim().min(1, { error: "Enter a domain name, such as example.com." }).max(253),
});

export const domainIdSchema = z.object({ id: z.string().min(1) });

export const transferDomainSchema = z.object({
  id: z.string().min(1).max(64),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter the new owner's email address." })),
  reason: z.string().trim().min(3, { error: "Give the reason for the transfer (it is audited)." }).max(1000),
});
