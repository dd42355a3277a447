// What a block may name. Allow rules are stored in canonical form (the submission policy insists on
// it), so a block written any other way ("HTTPS://Host/cb", ":443", an upper-case or Unicode host)
// would match nothing while the dashboard listed it as blocking. A block is therefore refused
// unless it is canonical, and the refusal offers the canonical string, as the submission form does.
import { withoutTrailingDots } from "./hosts";

export type BlockTargetCheck = { ok: true } | { ok: false; message: string; suggestion?: string };

export function checkBlockUri(value: string): BlockTargetCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: "Not an absolute URI: start with its scheme, like https://" };
  }
  if (url.href !== value) return notCanonical(url.href, "URI");
  return { ok: true };
}

const HOST_CHARACTERS = /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/;

export function checkBlockHost(value: string): BlockTargetCheck {
  const notAHost: BlockTargetCheck = {
    ok: false,
    message: "A host is a name like example.com (no scheme, port or path)",
  };
  // A port, path, query or user name has no place in a host block (":" only inside an IPv6 literal).
  if (/[/?#@\\\s]/.test(value) || (!value.startsWith("[") && value.includes(":"))) return notAHost;
  let url: URL;
  try {
    url = new URL(`https://${value}/`);
  } catch {
    return notAHost;
  }
  if (url.port || url.host !== url.hostname || !HOST_CHARACTERS.test(url.hostname)) return notAHost;
  // The matcher ignores a host's trailing dot, so the canonical host block has none.
  const canonical = withoutTrailingDots(url.hostname);
  if (canonical !== value) return notCanonical(canonical, "host");
  return { ok: true };
}

function notCanonical(canonical: string, what: "URI" | "host"): BlockTargetCheck {
  return {
    ok: false,
    message: `Not in canonical form: entries are compared in canonical form, so block ${canonical} instead${what === "host" ? " (lower case, an internationalised name in punycode)" : ""}.`,
    suggestion: canonical,
  };
}
