import { describe, expect, it } from "vitest";
import { parseImportFile } from "./import";

describe("import files", () => {
  it("reads the feed's JSON shape, where an entry needs only uri", () => {
    const rows = parseImportFile(
      "list.json",
      JSON.stringify({
        version: 3,
        entries: [
          { uri: "https://a.example/cb", kind: "exact", client: { name: "A" } },
          { uri: "http://127.0.0.1/cb" },
        ],
      }),
    );
    expect(rows).toEqual([
      { line: 1, uri: "https://a.example/cb", kind: "exact", client: "A" },
      { line: 2, uri: "http://127.0.0.1/cb", kind: undefined, client: undefined },
    ]);
  });

  it("reads CSV with the header uri,kind,client, quoted cells, and keeps a URI's spaces for the policy to judge", () => {
    const rows = parseImportFile(
      "list.csv",
      'uri,kind,client\nhttps://a.example/cb,,"Acme, Inc."\r\n"https://b.example/x,y",exact,B\n https://c.example/cb,,\n\n',
    );
    expect(rows).toEqual([
      { line: 2, uri: "https://a.example/cb", kind: undefined, client: "Acme, Inc." },
      { line: 3, uri: "https://b.example/x,y", kind: "exact", client: "B" },
      { line: 4, uri: " https://c.example/cb", kind: undefined, client: undefined },
    ]);
  });

  it("refuses files of another shape with a clear message", () => {
    expect(() => parseImportFile("list.csv", "url,kind\nx,y")).toThrow(/header uri,kind,client/);
    expect(() => parseImportFile("list.json", '{"items": []}')).toThrow(/feed's shape/);
  });
});
