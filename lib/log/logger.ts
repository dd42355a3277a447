// The server's structured log: one JSON object per line (pino), for the request log and errors,
// so that a log pipeline can filter by level, request id or status without parsing prose.
// On globalThis: the portal's server and Next.js's bundle load separate copies of lib/, and two
// pino instances would interleave their buffered writes.
import pino, { type Logger } from "pino";
import { env } from "@/lib/env";

const holder = globalThis as unknown as { portalLogger?: Logger };
export const logger: Logger = (holder.portalLogger ??= pino({ level: env.LOG_LEVEL }));
