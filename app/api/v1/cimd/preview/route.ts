// POST /api/v1/cimd/preview — fetch a client ID metadata document safely and show its checks.
import { handleCimdPreview } from "@/lib/api/allowlist-api";
import { fromWebRequest, toWebResponse } from "@/lib/api/next-adapter";

export async function POST(request: Request) {
  return toWebResponse(await handleCimdPreview(fromWebRequest(request)));
}
