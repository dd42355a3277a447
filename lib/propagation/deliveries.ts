// The process's one delivery recorder. The portal's server and Next.js's bundle load separate
// copies of lib/ (server/main.ts), so it lives on globalThis: one map, one flush timer, and the
// server's shutdown flush covers the polls that Next.js's route handlers answered too.
import { db } from "@/lib/db";
import { DeliveryRecorder } from "./recorder";
import { storeDeliveries } from "./store";

const holder = globalThis as unknown as { portalDeliveries?: DeliveryRecorder };
export const deliveries: DeliveryRecorder = (holder.portalDeliveries ??= new DeliveryRecorder((rows) =>
  storeDeliveries(db, rows),
));

/**
 * Records a feed answer given to a token and returns it. The version is read from the ETag, which
 * every feed answer carries ("42", "42-since-7", "42-lapsed-…"): the version the server now holds.
 */
export function recordAnswer<R extends { status: number; headers: Record<string, string> }>(
  tokenId: string,
  response: R,
): R {
  if (response.status === 200 || response.status === 304) {
    const version = Number.parseInt(response.headers.etag?.slice(1) ?? "", 10);
    if (Number.isSafeInteger(version)) deliveries.record(tokenId, version, Date.now());
  }
  return response;
}
