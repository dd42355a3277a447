// GET /.well-known/allowlist-jwks.json — the signed feed's public keys; no token needed.
import { toWebResponse } from "@/lib/api/next-adapter";
import { handleJwks } from "@/lib/api/signed-api";

export async function GET() {
  return toWebResponse(await handleJwks());
}
