// GET /api/metrics — the portal's metrics in the Prometheus text format (token scope metrics:read).
import { handleMetrics } from "@/lib/api/metrics-api";
import { fromWebRequest, toWebResponse } from "@/lib/api/next-adapter";

export async function GET(request: Request) {
  return toWebResponse(await handleMetrics(fromWebRequest(request)));
}
