// POST /api/v1/allowlist/validate — are these redirect URIs allowed? The exact RFC 7591 error if not.
import { handleValidate } from "@/lib/api/allowlist-api";
import { fromWebRequest, toWebResponse } from "@/lib/api/next-adapter";

export async function POST(request: Request) {
  return toWebResponse(await handleValidate(fromWebRequest(request)));
}
