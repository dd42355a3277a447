// `portal cimd refresh`: bad arguments are a usage error (exit 2 from main); a named client is
// re-checked at once and its outcome printed; an unreachable document or an unknown client exits 1.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
const context = { invokedFrom: process.cwd(), actor: { id: null, email: "cli:test" } };
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(() => t.close());

async function refresh(...args: string[]) {
  const { runCommand } = await import("./commands");
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const code = await runCommand(["cimd", "refresh", ...args], context);
    return { code, out: [...log.mock.calls, ...error.mock.calls].map((call) => String(call[0])).join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("portal cimd refresh", () => {
  it("refuses unknown options and extra arguments as usage errors", async () => {
    const { UsageError } = await import("./commands");
    await expect(refresh("--everything")).rejects.toBeInstanceOf(UsageError);
    await expect(refresh("a", "b")).rejects.toBeInstanceOf(UsageError);
  });

  it("checks one client by client_id URL; keeps it listed but reports it unreachable (exit 1)", async () => {
    // Loopback is refused outside tests' own fetch options: the check fails as an outage would.
    const url = "https://127.0.0.1:9/cli/client.json";
    const row = await t.db.cimdClient.create({
      data: {
        kind: "client_id",
        clientIdUrl: url,
        host: "127.0.0.1:9",
        document: "{}",
        documentSha256: "0".repeat(64),
        redirectUris: "[]",
      },
    });
    const { code, out } = await refresh(url);
    expect(code).toBe(1);
    expect(out).toContain(`${url}  unreachable: cimd_address_refused`);
    expect(await t.db.cimdClient.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ revokedAt: null });
    expect((await refresh("--all")).out).toContain("Checked 1 client.");
  });

  it("says so when no approved client has that id or URL", async () => {
    const { code, out } = await refresh("https://nobody.example/client");
    expect(code).toBe(1);
    expect(out).toContain("no approved CIMD client");
  });
});
