// GET /api/v1/allowlist/signed — the snapshot as a compact JWS (see lib/api/signed-api.ts).
import { fromWebRequest, toWebResponse } from "@/lib/api/next-adapter";
import { handleSignedGet } from "@/lib/api/signed-api";

export async function GET(request: Request) {
  return toWebResponse(await handleSignedGet(fromWebRequest(request)));
}
