import { describe, expect, it } from "vitest";
import { submitRequestSchema, urisFromPaste } from "./schema";

describe("the paste box", () => {
  it("takes the disallowed_uris of the authorization server's error", () => {
    const error =
      '{"error":"invalid_redirect_uri","error_description":"One or more redirect URIs are not allowed","disallowed_uris":["https://unallowed.com","http://127.0.0.1:3000/cb"]}';
    expect(urisFromPaste(error)).toEqual(["https://unallowed.com", "http://127.0.0.1:3000/cb"]);
  });
  it("takes one URI per line otherwise, and nothing from broken JSON", () => {
    expect(urisFromPaste(" https://a.example/cb \n\nhttps://b.example/cb\r\n")).toEqual([
      "https://a.example/cb",
      "https://b.example/cb",
    ]);
    expect(urisFromPaste('{"disallowed_uris": [')).toEqual([]);
  });
});

describe("the submission schema", () => {
  it("needs a client, a justification and 1 to 32 URIs", () => {
    const base = { clientId: "c1", justification: "Our desktop app signs in through a loopback redirect." };
    expect(
      submitRequestSchema.safeParse({ ...base, uris: JSON.stringify([{ uri: "https://a.example/cb" }]) }).success,
    ).toBe(true);
    expect(submitRequestSchema.safeParse({ ...base, uris: "[]" }).success).toBe(false);
    expect(
      submitRequestSchema.safeParse({ ...base, uris: JSON.stringify(Array(33).fill({ uri: "https://a.example/cb" })) })
        .success,
    ).toBe(false);
    expect(submitRequestSchema.safeParse({ ...base, justification: "short", uris: '[{"uri":"x"}]' }).success).toBe(
      false,
    );
  });
});
