import { isIP } from "node:net";
import { headers } from "next/headers";
import { CLIENT_IP_HEADER } from "./client-ip";

/**
 * The client's address for the audit log, as the portal's server resolved it from the socket and
 * trusted proxies (lib/client-ip.ts). Never X-Forwarded-For itself: any client can write that.
 */
export async function requestIp(): Promise<string | null> {
  const address = (await headers()).get(CLIENT_IP_HEADER);
  return address && isIP(address) ? address : null;
}
