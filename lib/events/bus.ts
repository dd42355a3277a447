// In-process signals between the Next.js app and the portal's own server (server/main.ts). They
// load separate copies of lib/, so the emitter lives on globalThis to be one per process.
import { EventEmitter } from "node:events";

type PortalEvents = {
  /** The allowlist changed: the feed rebuilds its snapshot now rather than at its next check. */
  "allowlist-changed": [];
  /** An API token was revoked: drop cached token lookups. */
  "tokens-changed": [];
};

const holder = globalThis as unknown as { portalBus?: EventEmitter<PortalEvents> };
export const portalBus: EventEmitter<PortalEvents> = (holder.portalBus ??= new EventEmitter<PortalEvents>());
