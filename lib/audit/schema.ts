import { z } from "zod";
import { emptyToUndefined as empty } from "@/lib/text/schema";

export const auditFilterSchema = z.object({
  action: z.preprocess(empty, z.string().trim().max(100).optional()),
  actor: z.preprocess(empty, z.string().trim().max(254).optional()),
  entity: z.preprocess(empty, z.string().trim().max(100).optional()),
  from: z.preprocess(empty, z.coerce.date().optional().catch(undefined)),
  to: z.preprocess(empty, z.coerce.date().optional().catch(undefined)),
  before: z.preprocess(empty, z.coerce.number().int().optional().catch(undefined)),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
