// Which client_id and redirect URIs the validate endpoint accepts for a CIMD client.
import { describe, expect, it } from "vitest";
import type { FeedClient } from "@/lib/api/schema";
import { matchCimdClient } from "./match";

const client = (kind: FeedClient["kind"], client_id: string, redirect_uris: string[]): FeedClient => ({
  id: `c-${client_id}`,
  kind,
  client_id,
  redirect_uris,
  document_sha256: "0".repeat(64),
  document: "{}",
  approved_at: "2026-01-01T00:00:00.000Z",
  expires_at: null,
});

const clients = [
  client("client_id", "https://app.example/oauth/client.json", ["https://app.example/cb", "http://127.0.0.1/cb"]),
  client("client_id_host", "https://vendor.example/i/1", ["https://vendor.example/cb"]),
];

describe("matchCimdClient", () => {
  it("accepts an approved client_id with pinned URIs; a pinned portless loopback URI matches any port", () => {
    const result = matchCimdClient(
      "https://app.example/oauth/client.json",
      ["https://app.example/cb", "http://127.0.0.1:51234/cb"],
      clients,
      [],
    );
    expect(result).toMatchObject({ ok: true, client: { kind: "client_id" } });
  });

  it("names the URIs outside the pinned list", () => {
    expect(
      matchCimdClient(
        "https://app.example/oauth/client.json",
        ["https://app.example/cb", "https://evil.example/cb"],
        clients,
        [],
      ),
    ).toEqual({ ok: false, error: "invalid_redirect_uri", disallowed: ["https://evil.example/cb"] });
  });

  it("refuses an unknown client_id, another path on an exact rule's host, and a non-canonical URL", () => {
    for (const id of [
      "https://other.example/c",
      "https://app.example/other",
      "HTTPS://app.example/oauth/client.json",
    ]) {
      expect(matchCimdClient(id, ["https://app.example/cb"], clients, [])).toMatchObject({
        ok: false,
        error: "unauthorized_client",
      });
    }
  });

  it("a host rule accepts any client_id URL on its exact host, not a subdomain", () => {
    expect(matchCimdClient("https://vendor.example/i/2", ["https://vendor.example/cb"], clients, [])).toMatchObject({
      ok: true,
    });
    expect(matchCimdClient("https://x.vendor.example/i/2", ["https://vendor.example/cb"], clients, [])).toMatchObject({
      error: "unauthorized_client",
    });
  });

  it("a block naming the client_id URL or its host wins; a blocked redirect URI is refused", () => {
    const id = "https://app.example/oauth/client.json";
    const byUri = [{ id: "b1", uri: id, host: null, reason: "x" }];
    const byHost = [{ id: "b2", uri: null, host: "app.example", reason: "x" }];
    expect(matchCimdClient(id, ["https://app.example/cb"], clients, byUri)).toMatchObject({
      error: "unauthorized_client",
    });
    expect(matchCimdClient(id, ["https://app.example/cb"], clients, byHost)).toMatchObject({
      error: "unauthorized_client",
    });
    const uriBlock = [{ id: "b3", uri: "http://127.0.0.1/cb", host: null, reason: "x" }];
    expect(matchCimdClient(id, ["http://127.0.0.1:8080/cb"], clients, uriBlock)).toMatchObject({
      error: "invalid_redirect_uri",
    });
  });
});
