// Every form's one-line fields refuse line breaks and control characters; every text field says
// how long it may be. (The helper itself is tested in schema.test.ts.)
import { describe, expect, it } from "vitest";
import { blockSchema, revokeSchema } from "@/lib/allowlist/schema";
import { createTokenFormSchema } from "@/lib/tokens/schema";
import { clientSchema } from "@/lib/clients/schema";
import { commentSchema, submitRequestSchema } from "@/lib/requests/schema";
import { decisionSchema, requestChangesSchema } from "@/lib/review/schema";

const client = {
  name: "Acme Assistant",
  vendor: "Acme",
  homepage: "https://acme.test",
  description: "A desktop assistant.",
  contactEmail: "dev@acme.test",
  clientType: "desktop",
  logoUrl: "",
  metadataDocumentUrl: "",
};
const forged = "Acme\nSubject: Your request was approved";

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  return result.error?.issues.map((i) => i.message) ?? [];
}

describe("one-line fields", () => {
  it.each([
    ["client name", () => clientSchema.safeParse({ ...client, name: forged })],
    ["vendor", () => clientSchema.safeParse({ ...client, vendor: "Acme\u202Eevil" })],
    ["homepage", () => clientSchema.safeParse({ ...client, homepage: "https://acme.test/\n[mail]" })],
    ["logo URL", () => clientSchema.safeParse({ ...client, logoUrl: "https://acme.test/\tlogo.png" })],
    ["token name", () => createTokenFormSchema.safeParse({ name: forged, scopes: ["allowlist:read"] })],
    ["revocation reason", () => revokeSchema.safeParse({ entryId: "e1", reason: forged })],
    ["block reason", () => blockSchema.safeParse({ target: "host", value: "evil.test", reason: forged })],
    [
      "rejection reason",
      () =>
        decisionSchema.safeParse({
          requestId: "r1",
          revision: 0,
          decisions: [{ id: "u1", decision: "rejected", reason: forged }],
        }),
    ],
  ])("%s refuses a line break or control character", (_field, parse) => {
    const result = parse();
    expect(result.success).toBe(false);
  });

  it("accept ordinary text", () => {
    expect(clientSchema.safeParse(client).success).toBe(true);
    expect(createTokenFormSchema.safeParse({ name: "Production AS", scopes: ["allowlist:read"] }).success).toBe(true);
  });
});

describe("text fields say how long they may be", () => {
  it.each([
    ["client name", () => clientSchema.safeParse({ ...client, name: "x".repeat(101) }), "At most 100 characters"],
    [
      "justification",
      () =>
        submitRequestSchema.safeParse({
          clientId: "c1",
          justification: "x".repeat(2001),
          uris: [{ uri: "https://a.test/cb" }],
        }),
      "At most 2,000 characters",
    ],
    ["comment", () => commentSchema.safeParse({ requestId: "r1", body: "x".repeat(4001) }), "At most 4,000 characters"],
    [
      "change request",
      () => requestChangesSchema.safeParse({ requestId: "r1", revision: 0, message: "x".repeat(4001) }),
      "At most 4,000 characters",
    ],
  ])("%s", (_field, parse, message) => {
    expect(messages(parse())).toContain(message);
  });

  it("counts a textarea's CRLF line breaks as one character, as the browser's maxLength does", () => {
    const body = `${"x".repeat(1999)}\r\n${"y".repeat(1999)}`;
    expect(commentSchema.safeParse({ requestId: "r1", body }).success).toBe(true);
  });
});
