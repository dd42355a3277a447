// The audit log's address comes from the portal's server, never from a header the client wrote.
import { describe, expect, it, vi } from "vitest";

const incoming = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => incoming.headers }));

describe("requestIp", () => {
  it("reads the server's resolved address and ignores X-Forwarded-For and X-Real-IP", async () => {
    const { requestIp } = await import("./request-ip");
    incoming.headers = new Headers({
      "x-forwarded-for": "6.6.6.6",
      "x-real-ip": "6.6.6.7",
      "x-portal-client-ip": "198.51.100.4",
    });
    expect(await requestIp()).toBe("198.51.100.4");
    incoming.headers = new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7" });
    expect(await requestIp()).toBeNull();
  });
});
