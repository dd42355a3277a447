import type { IncomingMessage, ServerResponse } from "node:http";

/** Answers the feed's hot endpoints without Next.js; returns false for everything else. */
export async function tryHandleApiFastPath(_req: IncomingMessage, _res: ServerResponse): Promise<boolean> {
  return false;
}
