// GET /api/metrics — Prometheus text format for operators; a token with the metrics:read scope.
import { db } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { requestIdFrom } from "@/lib/log/request-id";
import { scrapeMetrics } from "@/lib/metrics/scrape";
import { authenticate } from "./allowlist-api";
import { type ApiRequest, type ApiResponse, temporarilyUnavailable } from "./http";

export async function handleMetrics(req: ApiRequest): Promise<ApiResponse> {
  const denied = await authenticate(req, "metrics:read");
  if (denied) return denied;
  try {
    const { contentType, body } = await scrapeMetrics(db);
    return {
      status: 200,
      headers: { "content-type": contentType, "cache-control": "no-store" },
      body: Buffer.from(body),
    };
  } catch (error) {
    // The server has replaced any client-sent id already; requestIdFrom checks it again wherever this runs.
    logger.error({ err: error, reqId: requestIdFrom(req.header("x-request-id")) }, "metrics could not be read");
    return temporarilyUnavailable("The metrics cannot be read right now. Retry shortly.");
  }
}
