import { z } from "zod";
import { emptyToUndefined, singleLineText } from "@/lib/text/schema";

export const checkCimdClientSchema = z.object({ cimdClientId: z.string().min(1).max(64) });

export const decideDocumentChangeSchema = z
  .object({
    versionId: z.string().min(1).max(64),
    /** Only which page to refresh afterwards; the version names the client that is changed. */
    cimdClientId: z.string().min(1).max(64),
    decision: z.enum(["approved", "rejected"], { error: "Approve or reject the change" }),
    reason: z.preprocess(emptyToUndefined, singleLineText(1000).optional()),
  })
  .refine((input) => input.decision === "approved" || (input.reason ?? "").length >= 3, {
    error: "Give the reason for rejecting (the developer sees it)",
    path: ["reason"],
  });
export type DecideDocumentChangeInput = z.infer<typeof decideDocumentChangeSchema>;

/** The review queue's drift views: `/admin?drift=changed` and `/admin?drift=unreachable`. */
export const DRIFT_FILTERS = ["changed", "unreachable"] as const;
export type DriftFilter = (typeof DRIFT_FILTERS)[number];
export const driftFilterSchema = z.enum(DRIFT_FILTERS).optional().catch(undefined);

export const DRIFT_LABELS: Record<DriftFilter, string> = {
  changed: "Document changed",
  unreachable: "Unreachable",
};
