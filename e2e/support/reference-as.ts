// A reference authorization server, as an MCP server's OAuth would run one: an RFC 7591
// registration endpoint that accepts only redirect URIs on the portal's allowlist. It keeps the
// list in memory by polling the feed (If-None-Match, then ?since=), keeps its last good copy
// when the portal is unreachable, and refuses anything else with the exact invalid_redirect_uri body.
// It also takes CIMD clients (GET /authorize with an https client_id): only a client the feed's
// `clients` lists, only with a redirect_uri its approval pinned; it never fetches the document.
// Its matching is written independently of the portal's engine, so the two check each other.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface Entry {
  id: string;
  kind: "exact" | "loopback" | "path_prefix";
  uri: string;
}
interface Blocked {
  uri: string | null;
  host: string | null;
}
interface CimdClient {
  kind: "client_id" | "client_id_host";
  client_id: string;
  redirect_uris: string[];
}

export class ReferenceAuthorizationServer {
  private entries = new Map<string, Entry>();
  private blocked: Blocked[] = [];
  private clients: CimdClient[] = [];
  private version: number | null = null;
  private etag: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private server: Server | null = null;
  polls = 0;
  failedPolls = 0;

  constructor(
    private feedBase: string,
    private token: string,
    readonly pollMs = 500,
  ) {}

  async start(): Promise<string> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.server = createServer((req, res) => {
      if (req.method === "GET" && req.url?.startsWith("/authorize?")) return this.authorize(req, res);
      if (req.method !== "POST" || req.url !== "/register") {
        res.writeHead(404).end();
        return;
      }
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const metadata = JSON.parse(body) as { redirect_uris: string[] };
        const disallowed = [...new Set(metadata.redirect_uris.filter((uri) => !this.allows(uri)))];
        if (disallowed.length > 0) {
          res.writeHead(400, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              error: "invalid_redirect_uri",
              error_description: "One or more redirect URIs are not allowed",
              disallowed_uris: disallowed,
            }),
          );
          return;
        }
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ client_id: `client-${Date.now()}`, ...metadata }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await new Promise((resolve) => this.server?.close(resolve));
  }

  setFeedBase(base: string) {
    this.feedBase = base;
  }

  private async poll() {
    this.polls++;
    try {
      const url =
        this.version === null
          ? `${this.feedBase}/api/v1/allowlist`
          : `${this.feedBase}/api/v1/allowlist?since=${this.version}`;
      const response = await fetch(url, {
        headers: {
          authorization: `Bearer ${this.token}`,
          "accept-encoding": "gzip",
          ...(this.etag ? { "if-none-match": this.etag } : {}),
        },
        signal: AbortSignal.timeout(2000),
      });
      if (response.status === 304) return;
      if (!response.ok) throw new Error(`feed answered ${response.status}`);
      const body = (await response.json()) as {
        version: number;
        entries?: Entry[];
        blocked?: Blocked[];
        clients?: CimdClient[];
        added?: Entry[];
        removed?: string[];
      };
      if (body.entries) {
        this.entries = new Map(body.entries.map((e) => [e.id, e]));
        this.blocked = body.blocked ?? [];
        // A delta never carries client changes: the portal answers a full list whenever one changed.
        this.clients = body.clients ?? [];
      } else {
        for (const id of body.removed ?? []) this.entries.delete(id);
        for (const entry of body.added ?? []) this.entries.set(entry.id, entry);
      }
      this.version = body.version;
      this.etag = `"${body.version}"`;
    } catch {
      this.failedPolls++; // keep the last good copy
    }
  }

  /** An authorization request from a CIMD client: 302 back with a code, or 400 without redirecting. */
  private authorize(req: IncomingMessage, res: ServerResponse) {
    const params = new URL(req.url!, "http://as.test").searchParams;
    const clientId = params.get("client_id") ?? "";
    const redirectUri = params.get("redirect_uri") ?? "";
    const refuse = (error: string, description: string) =>
      res
        .writeHead(400, { "content-type": "application/json" })
        .end(JSON.stringify({ error, error_description: description }));
    const client = this.cimdClient(clientId);
    if (!client) return refuse("unauthorized_client", "client_id is not an approved CIMD client");
    // Never redirect to a URI the approval did not pin (RFC 6749 §4.1.2.1): answer here instead.
    const pinned = client.redirect_uris.some((uri) => uri === redirectUri || withoutValidPort(redirectUri) === uri);
    if (!pinned || this.isBlocked(redirectUri)) return refuse("invalid_request", "redirect_uri is not registered");
    const back = new URL(redirectUri);
    back.searchParams.set("code", `code-${Date.now()}`);
    if (params.get("state")) back.searchParams.set("state", params.get("state")!);
    res.writeHead(302, { location: back.href }).end();
  }

  private cimdClient(clientId: string): CimdClient | null {
    if (!clientId.startsWith("https://") || this.isBlocked(clientId)) return null;
    const host = new URL(clientId).host;
    return (
      this.clients.find((c) => c.kind === "client_id" && c.client_id === clientId) ??
      this.clients.find((c) => c.kind === "client_id_host" && new URL(c.client_id).host === host) ??
      null
    );
  }

  private isBlocked(candidate: string): boolean {
    return this.blocked.some((b) => b.uri === candidate || (b.host && hostOf(candidate) === b.host));
  }

  allows(candidate: string): boolean {
    if (this.isBlocked(candidate)) return false;
    for (const entry of this.entries.values()) {
      if (entry.kind === "exact" && entry.uri === candidate) return true;
      if (entry.kind === "loopback" && withoutValidPort(candidate) === entry.uri) return true;
      if (
        entry.kind === "path_prefix" &&
        candidate.startsWith(entry.uri) &&
        /^[A-Za-z0-9_-]{1,128}$/.test(candidate.slice(entry.uri.length))
      )
        return true;
    }
    return false;
  }
}

function hostOf(uri: string): string | null {
  try {
    return new URL(uri).hostname;
  } catch {
    return null;
  }
}

/** RFC 8252 §7.3: the same URI with any port 1–65535 (decimal, no leading zero), or none. */
function withoutValidPort(candidate: string): string | null {
  const m = /^(http:\/\/(?:127\.0\.0\.1|\[::1\]|localhost))(?::(\d+))?(\/.*)?$/.exec(candidate);
  if (!m) return null;
  if (m[2] !== undefined && (!/^[1-9]\d*$/.test(m[2]) || Number(m[2]) > 65535)) return null;
  return m[1]! + (m[3] ?? "");
}

export async function register(base: string, redirectUris: string[]) {
  const response = await fetch(`${base}/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_name: "Test MCP client", redirect_uris: redirectUris }),
  });
  return { status: response.status, text: await response.text() };
}

/** An authorization request as a CIMD client's browser would send it; the answer is not followed. */
export async function authorize(base: string, clientId: string, redirectUri: string) {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    state: "s1",
  });
  const response = await fetch(`${base}/authorize?${query}`, { redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), text: await response.text() };
}
