// GET /api/v1/allowlist — the approved list, conditional (ETag, ?since=), compressed.
import { handleAllowlistGet } from "@/lib/api/allowlist-api";
import { fromWebRequest, toWebResponse } from "@/lib/api/next-adapter";

export async function GET(request: Request) {
  return toWebResponse(await handleAllowlistGet(fromWebRequest(request)));
}
