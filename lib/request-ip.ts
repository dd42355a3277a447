import { headers } from "next/headers";

/** The client's address for the audit log: the first X-Forwarded-For hop, as the server saw it. */
export async function requestIp(): Promise<string | null> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null;
}
