// GET /api/ready — the database is reachable.
import { db } from "@/lib/db";

export async function GET() {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ready" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json(
      { status: "unavailable", error_description: "The database is not reachable." },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
