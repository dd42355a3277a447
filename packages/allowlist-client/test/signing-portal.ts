// A stand-in for the portal's signed feed, signing with jose: it can rotate its key, serve an older
// version, tamper with a body, be down, or ask the client to come back later.
import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

type Key = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

export interface FakeSnapshot {
  version: number;
  entries: { id: string; kind: "exact" | "loopback" | "path_prefix"; uri: string }[];
  blocked: { id: string; uri: string | null; host: string | null; reason: string }[];
}

let keysMade = 0;
async function makeKey(): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const kid = `key-${++keysMade}`;
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" } };
}

export class SigningPortal {
  server!: Server;
  url = "";
  current!: Key;
  next!: Key;
  retired: Key[] = [];
  snapshot: FakeSnapshot = { version: 1, entries: [], blocked: [] };
  audience = "https://as.test";
  lifetimeSeconds = 3600;
  /** What the next feed requests get instead of the current snapshot. */
  override: ((jws: string) => { status: number; body?: string; headers?: Record<string, string> }) | null = null;
  requests: { path: string; ifNoneMatch?: string }[] = [];
  iat = () => Math.floor(Date.now() / 1000);

  static async start(): Promise<SigningPortal> {
    const portal = new SigningPortal();
    portal.current = await makeKey();
    portal.next = await makeKey();
    portal.server = createServer((req, res) => void portal.handle(req.url ?? "", req.headers, res));
    portal.server.listen(0, "127.0.0.1");
    await once(portal.server, "listening");
    portal.url = `http://127.0.0.1:${(portal.server.address() as AddressInfo).port}`;
    return portal;
  }

  async rotate(): Promise<void> {
    this.retired.push(this.current);
    this.current = this.next;
    this.next = await makeKey();
  }

  async sign(snapshot = this.snapshot, key = this.current, iat = this.iat()): Promise<string> {
    return new SignJWT({ ...snapshot })
      .setProtectedHeader({ alg: "ES256", typ: "allowlist+jwt", kid: key.kid })
      .setIssuer("https://portal.test")
      .setAudience(this.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.lifetimeSeconds)
      .sign(key.privateKey);
  }

  private async handle(url: string, headers: Record<string, string | string[] | undefined>, res: ServerResponse) {
    this.requests.push({ path: url, ifNoneMatch: headers["if-none-match"] as string | undefined });
    if (url === "/.well-known/allowlist-jwks.json") {
      const keys = [this.current, this.next, ...this.retired].map((key) => key.publicJwk);
      res.writeHead(200, { "content-type": "application/jwk-set+json" }).end(JSON.stringify({ keys }));
      return;
    }
    if (headers.authorization !== "Bearer test-token") {
      res.writeHead(401).end();
      return;
    }
    const etag = `"${this.snapshot.version}"`;
    const jws = await this.sign();
    if (this.override) {
      const answer = this.override(jws);
      res.writeHead(answer.status, answer.headers ?? {}).end(answer.body);
      return;
    }
    if (headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/allowlist+jwt", etag }).end(jws);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
