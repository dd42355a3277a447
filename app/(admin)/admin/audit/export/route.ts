// GET /admin/audit/export — the audit log as CSV (admins only; checked here, not by a layout).
import { auditCsvStream } from "@/lib/audit/queries";
import { auditFilterSchema } from "@/lib/audit/schema";
import { currentUser } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/roles";

export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  if (!hasRole(user.role, "admin")) return new Response("Admins only.", { status: 403 });
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(auditCsvStream(filter), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
