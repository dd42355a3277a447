// A request's id: the caller's X-Request-Id when it looks like an id (a proxy or load balancer
// in front set it, so both logs share it), else a new one. Anything else — long, or with spaces,
// quotes or control characters — is replaced, so the header cannot forge or break log lines.
import { randomUUID } from "node:crypto";

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
