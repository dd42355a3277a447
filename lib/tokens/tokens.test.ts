// Token checks against a stand-in database whose answers the test releases by hand, to interleave
// a slow lookup with a revocation, and to take the database away.
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { portalBus } from "@/lib/events/bus";
import { hashToken, TokenVerifier } from "./tokens";

const TOKEN = "alp_test-token";
const row = (revoked: boolean) => ({
  id: "t1",
  tokenHash: hashToken(TOKEN),
  scopes: "allowlist:read",
  revokedAt: revoked ? new Date() : null,
});
type Row = ReturnType<typeof row>;

/** A database whose token lookups wait until the test answers them. */
function heldDatabase() {
  const pending: { resolve: (row: Row) => void; reject: (error: Error) => void }[] = [];
  const db = {
    apiToken: {
      findUnique: () => new Promise<Row>((resolve, reject) => pending.push({ resolve, reject })),
      update: () => Promise.resolve(),
    },
  } as unknown as Db;
  return { db, pending };
}

describe("API token checks", () => {
  it("does not cache a lookup that was in flight when a token was revoked", async () => {
    const { db, pending } = heldDatabase();
    const verifier = new TokenVerifier(db);
    const slow = verifier.check(`Bearer ${TOKEN}`, "allowlist:read");
    expect(pending).toHaveLength(1);

    portalBus.emit("tokens-changed"); // the revocation commits while the lookup is on its way
    pending[0]!.resolve(row(false)); // the lookup read the row before the revocation
    expect(await slow).toMatchObject({ ok: true }); // that one request was already under way

    // The next request must ask again instead of reusing the stale answer for up to 2 s.
    const next = verifier.check(`Bearer ${TOKEN}`, "allowlist:read");
    expect(next).toBeInstanceOf(Promise);
    expect(pending).toHaveLength(2);
    pending[1]!.resolve(row(true));
    expect(await next).toMatchObject({ ok: false, status: 401, error: "invalid_token" });
  });

  it("still caches lookups when nothing changed meanwhile", async () => {
    const { db, pending } = heldDatabase();
    const verifier = new TokenVerifier(db);
    const first = verifier.check(`Bearer ${TOKEN}`, "allowlist:read");
    pending[0]!.resolve(row(false));
    expect(await first).toMatchObject({ ok: true });
    expect(verifier.check(`Bearer ${TOKEN}`, "allowlist:read")).toMatchObject({ ok: true }); // synchronous
  });

  it("answers a repeated poll by its header alone, and forgets it the moment a token changes", async () => {
    const { db, pending } = heldDatabase();
    const verifier = new TokenVerifier(db);
    expect(verifier.allowsKnown(`Bearer ${TOKEN}`, "allowlist:read")).toBe(false); // never seen
    const first = verifier.check(`Bearer ${TOKEN}`, "allowlist:read");
    pending[0]!.resolve(row(false));
    await first;
    void verifier.check(`Bearer ${TOKEN}`, "allowlist:read"); // a cached hit remembers the header
    expect(verifier.allowsKnown(`Bearer ${TOKEN}`, "allowlist:read")).toBe(true);
    expect(verifier.allowsKnown(`Bearer ${TOKEN}`, "allowlist:validate")).toBe(false); // scope still checked
    expect(verifier.allowsKnown(`Bearer ${TOKEN}x`, "allowlist:read")).toBe(false);

    portalBus.emit("tokens-changed"); // e.g. a revocation in this process
    expect(verifier.allowsKnown(`Bearer ${TOKEN}`, "allowlist:read")).toBe(false);
  });

  it("answers 503 temporarily_unavailable for an unknown token while the database is down", async () => {
    const { db, pending } = heldDatabase();
    const verifier = new TokenVerifier(db);
    const check = verifier.check(`Bearer ${TOKEN}`, "allowlist:read");
    pending[0]!.reject(new Error("connect ECONNREFUSED"));
    expect(await check).toMatchObject({ ok: false, status: 503, error: "temporarily_unavailable" });
  });
});
