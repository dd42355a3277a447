// JSON.parse keeps the last of two members with the same name; other parsers keep the first or
// refuse. A document with {"client_id": A, …, "client_id": B} could then pass here and mean
// something else to the authorization server that reads the pinned copy, so such documents are
// refused outright (RFC 8259 §4: names SHOULD be unique).

/** The first member name that repeats within one object, at any depth; null when none does. */
export function findDuplicateMember(json: string): string | null {
  // One entry per open container: the names seen so far in an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let expectingName = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (char === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === "\\" ? 2 : 1;
      const names = open.at(-1);
      if (expectingName && names) {
        // Decode, so that "client\u005fid" and "client_id" count as the same name.
        const name = JSON.parse(json.slice(i, end + 1)) as string;
        if (names.has(name)) return name;
        names.add(name);
        expectingName = false;
      }
      i = end;
    } else if (char === "{") {
      open.push(new Set());
      expectingName = true;
    } else if (char === "[") {
      open.push(null);
      expectingName = false;
    } else if (char === "}" || char === "]") {
      open.pop();
      expectingName = false;
    } else if (char === ",") {
      expectingName = Boolean(open.at(-1));
    }
  }
  return null;
}
