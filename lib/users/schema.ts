import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { signInEmailSchema } from "@/lib/auth/schema";
import { emptyToUndefined as empty } from "@/lib/text/schema";

export const userFilterSchema = z.object({
  q: z.preprocess(empty, z.string().trim().max(254).optional()),
  role: z.preprocess(empty, z.enum(ROLES).optional().catch(undefined)),
  page: z.preprocess(empty, z.coerce.number().int().min(1).catch(1).default(1)),
});
export type UserFilter = z.infer<typeof userFilterSchema>;

export const roleChangeSchema = z.object({ userId: z.string().min(1).max(64), role: z.enum(ROLES) });
export const deactivateSchema = z.object({
  userId: z.string().min(1).max(64),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

/** Inviting by address, with a role; `sendEmail` is the form's checkbox ("on" or absent). */
export const inviteSchema = z.object({
  email: signInEmailSchema.shape.email,
  role: z.enum(ROLES),
  sendEmail: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});
