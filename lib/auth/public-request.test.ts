import { describe, expect, it } from "vitest";
import { atPublicOrigin } from "./public-request";

describe("atPublicOrigin", () => {
  it("moves a request Next.js saw at localhost to the public origin, path and query intact", async () => {
    const seen = new Request("http://localhost:3411/api/auth/callback/oidc?code=abc&state=x%2Fy");
    const rebuilt = await atPublicOrigin(seen, "https://portal.example.com");
    expect(rebuilt.url).toBe("https://portal.example.com/api/auth/callback/oidc?code=abc&state=x%2Fy");
  });

  it("keeps a loopback IP literal as it is (Next's own URL class would turn it into localhost)", async () => {
    const rebuilt = await atPublicOrigin(
      new Request("http://localhost:3411/api/auth/session"),
      "http://127.0.0.1:3411",
    );
    expect(new URL(rebuilt.url).host).toBe("127.0.0.1:3411");
  });

  it("keeps the method, headers and body of a form post", async () => {
    const seen = new Request("http://localhost:3000/api/auth/signin/nodemailer", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: "a=b" },
      body: "email=dev%40example.com",
    });
    const rebuilt = await atPublicOrigin(seen, "http://127.0.0.1:3000");
    expect(rebuilt.method).toBe("POST");
    expect(rebuilt.headers.get("cookie")).toBe("a=b");
    expect(await rebuilt.text()).toBe("email=dev%40example.com");
  });
});
