// Which client_id URLs the fetcher will even try: what a developer typing one into the form is told.
import { describe, expect, it } from "vitest";
import { checkClientIdUrl } from "./client-id-url";

function reason(input: unknown): string | null {
  const checked = checkClientIdUrl(input);
  return checked.ok ? null : checked.problem.message;
}

describe("client ID URLs", () => {
  it.each([
    "https://claude.ai/oauth/claude-code-client-metadata",
    "https://app.example.com/.well-known/client.json",
    "https://app.example.com:8443/client",
    "https://app.example.com/client?v=2",
    "https://127.0.0.1:8443/client",
    "https://[::1]:8443/client",
    "https://app.example.com/client/",
  ])("accepts %s", (url) => {
    expect(checkClientIdUrl(url)).toMatchObject({ ok: true });
  });

  it.each([
    ["http://app.example.com/client", "must use https, not http"],
    ["ftp://app.example.com/client", "must use https, not ftp"],
    ["https://app.example.com/", "must have a path"],
    ["https://app.example.com", "must have a path"],
    ["https://app.example.com/client#x", "must not have a fragment"],
    ["https://app.example.com/client#", "must not have a fragment"],
    ["https://user@app.example.com/client", "user name or password"],
    ["https://user:pw@app.example.com/client", "user name or password"],
    ["https://@app.example.com/client", "user name or password"],
    ["https://app.example.com/a/../client", ". or .. segments"],
    ["https://app.example.com/./client", ". or .. segments"],
    ["https://app.example.com/a/%2e%2E/client", ". or .. segments"],
    ["https://app.example.com/client/.", ". or .. segments"],
    ["https://App.Example.com/client", "use https://app.example.com/client"],
    ["https://app.example.com:443/client", "use https://app.example.com/client"],
    ["HTTPS://app.example.com/client", "use https://app.example.com/client"],
    ["https://app.example.com\\client", "use https://app.example.com/client"],
    ["https:app.example.com/client", "use https://app.example.com/client"],
    ["https://app.example.com/a b", "a space"],
    [" https://app.example.com/client", "a space"],
    ["https://bücher.example/client", "non-ASCII"],
    ["https://0x7f.1/client", "use https://127.0.0.1/client"],
    ["client.json", "not an absolute URL"],
    ["", "empty"],
    [42, "must be a string"],
    [`https://app.example.com/${"a".repeat(2100)}`, "longer than 2048"],
  ])("refuses %s: %s", (input, why) => {
    const checked = checkClientIdUrl(input);
    expect(checked).toMatchObject({ ok: false, problem: { code: "cimd_url_invalid" } });
    expect(reason(input)).toContain(why);
  });
});
