// The corpus of good and hostile client ID metadata documents (testdata/corpus/*.json), each served
// from the local HTTPS server and previewed exactly as the form and the API preview it. A fixture's
// "{{client_id}}" stands for the URL it is served at.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CIMD_ERROR_CODES } from "./problems";
import { previewClientMetadata } from "./preview";
import { startHttpsServer, TEST_CA, type TestHttpsServer } from "./test-support/https-server";

interface CorpusEntry {
  description: string;
  response: { status?: number; headers?: Record<string, string>; document?: unknown; text?: string };
  expect: { approvable: boolean; error_codes: string[] };
}

const corpusDir = path.join(import.meta.dirname, "testdata", "corpus");
const corpus = readdirSync(corpusDir)
  .filter((file) => file.endsWith(".json"))
  .map((file) => ({
    name: file.replace(/\.json$/, ""),
    entry: JSON.parse(readFileSync(path.join(corpusDir, file), "utf8")) as CorpusEntry,
  }));

let server: TestHttpsServer;
beforeAll(async () => {
  server = await startHttpsServer();
});
afterAll(() => server.close());

describe("the document corpus", () => {
  it("has good and hostile documents, and only known codes", () => {
    expect(corpus.filter(({ entry }) => entry.expect.approvable).length).toBeGreaterThanOrEqual(3);
    expect(corpus.filter(({ entry }) => !entry.expect.approvable).length).toBeGreaterThanOrEqual(10);
    for (const { entry } of corpus) {
      for (const code of entry.expect.error_codes) expect(CIMD_ERROR_CODES).toContain(code);
    }
  });

  it.each(corpus)("$name: $entry.description", async ({ name, entry }) => {
    const url = `${server.origin}/corpus/${name}`;
    const { status = 200, headers = {}, document, text } = entry.response;
    const body = (text ?? JSON.stringify(document)).replaceAll("{{client_id}}", url);
    server.route(`/corpus/${name}`, (_req, res) => {
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(body);
    });

    const preview = await previewClientMetadata(url, { allowLoopback: true, ca: TEST_CA, timeoutMs: 2000 });
    expect({ approvable: preview.approvable, error_codes: preview.error_codes }).toEqual(entry.expect);
    expect(preview.errors.every((error) => error.message.length > 0)).toBe(true);
    if (status === 200 && Buffer.byteLength(body) <= 5120) {
      expect(preview.document_sha256).toBe(createHash("sha256").update(body).digest("hex"));
      expect(preview.document_text).toBe(body);
      expect(preview.fetch.bytes).toBe(Buffer.byteLength(body));
    }
    if (preview.approvable) {
      expect(preview.redirect_uris.length).toBeGreaterThan(0);
      expect(preview.redirect_uris.every((uri) => uri.allowed)).toBe(true);
    }
  });
});
