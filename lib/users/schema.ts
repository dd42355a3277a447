import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
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
