// `portal cimd check <url>` prints the preview and exits 0 only for a document that can be requested.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { serve, startHttpsServer, type TestHttpsServer } from "@/lib/cimd/test-support/https-server";
import { runCommand } from "./commands";

let server: TestHttpsServer;
const context = { invokedFrom: process.cwd(), actor: { id: null, email: "cli:test" } };
beforeAll(async () => {
  server = await startHttpsServer();
});
afterAll(() => server.close());

async function check(url: string) {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    const code = await runCommand(["cimd", "check", url], context);
    return { code, out: log.mock.calls.map((call) => String(call[0])).join("\n") };
  } finally {
    log.mockRestore();
  }
}

describe("portal cimd check", () => {
  it("refuses a URL that is not https, with its error code", async () => {
    const { code, out } = await check("http://app.example/client");
    expect(code).toBe(1);
    expect(out).toContain("cimd_url_invalid");
  });

  it("names the refused address when loopback is not allowed (the default)", async () => {
    const url = `${server.origin}/client`;
    server.route("/client", serve({ client_id: url, redirect_uris: ["http://127.0.0.1/cb"] }));
    const { code, out } = await check(url);
    expect(code).toBe(1);
    expect(out).toContain("cimd_address_refused");
  });
});
