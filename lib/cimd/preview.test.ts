// What the request form, the preview endpoint and `portal cimd check` show.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCimdPreview, previewClientMetadata } from "./preview";
import { serve, startHttpsServer, TEST_CA, type TestHttpsServer } from "./test-support/https-server";

let server: TestHttpsServer;
const options = { allowLoopback: true, ca: TEST_CA, timeoutMs: 2000 };
beforeAll(async () => {
  server = await startHttpsServer();
});
afterAll(() => server.close());

describe("the preview", () => {
  it("shows the fetch, the document and each redirect URI's checks, as plain JSON", async () => {
    const url = `${server.origin}/client`;
    const document = {
      client_id: url,
      redirect_uris: ["http://127.0.0.1/cb", "http://evil.example/cb", "https://App.example.com/cb"],
    };
    server.route("/client", serve(document, { "cache-control": "max-age=60", etag: '"e1"' }));
    const preview = await previewClientMetadata(url, options);
    expect(JSON.parse(JSON.stringify(preview))).toEqual(preview);
    expect(preview).toMatchObject({
      client_id: url,
      outcome: "fetched",
      approvable: false,
      error_codes: ["cimd_redirect_uri_refused"],
      fetch: { status: 200, content_type: "application/json", cache_control: "max-age=60", etag: '"e1"' },
      document,
      document_text: JSON.stringify(document),
    });
    expect(preview.document_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(preview.errors.map((error) => error.redirect_uri)).toEqual([
      "http://evil.example/cb",
      "https://App.example.com/cb",
    ]);
    expect(preview.redirect_uris[0]).toEqual({
      uri: "http://127.0.0.1/cb",
      allowed: true,
      kind: "loopback",
      any_port: true,
      rejections: [],
      flags: [],
    });
    expect(preview.redirect_uris[2]!.rejections).toEqual([
      expect.objectContaining({ code: "not_canonical", suggestion: "https://app.example.com/cb" }),
    ]);

    const text = formatCimdPreview(preview);
    expect(text).toContain(`Client ID   ${url}`);
    expect(text).toContain("REFUSED (cimd_redirect_uri_refused)");
    expect(text).toContain("http://127.0.0.1/cb — ok, loopback (any port)");
    expect(text).toContain("✗ http_not_loopback");
    expect(text).toContain(JSON.stringify(document));
  });

  it("says why nothing was fetched", async () => {
    const preview = await previewClientMetadata("https://app.example.com/", options);
    expect(preview).toMatchObject({ outcome: "failed", error_codes: ["cimd_url_invalid"], document: null });
    expect(formatCimdPreview(preview)).toContain("cimd_url_invalid: Not a usable client ID URL: it must have a path");
  });
});
