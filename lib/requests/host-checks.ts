// Checks on a URI's host that the policy engine leaves out because they need the Public Suffix
// List: a host under a shared-hosting suffix (the list's private section: vercel.app, github.io,
// pages.dev …) can be registered by anyone, so the host proves nothing about who the client is.
import { parse } from "tldts";
import type { Flag } from "@/lib/redirect-uri/issues";

export function hostOf(uri: string): string | null {
  try {
    const url = new URL(uri);
    return url.protocol === "https:" || url.protocol === "http:" ? url.hostname : null;
  } catch {
    return null;
  }
}

export function sharedHostingFlag(uri: string): Flag | null {
  const host = hostOf(uri);
  if (!host) return null;
  const parsed = parse(host, { allowPrivateDomains: true });
  if (!parsed.isPrivate || !parsed.publicSuffix) return null;
  return {
    code: "shared_hosting",
    message: `The host is under ${parsed.publicSuffix}, a shared-hosting suffix where anyone can own a name: the name alone says nothing about who runs it.`,
  };
}
