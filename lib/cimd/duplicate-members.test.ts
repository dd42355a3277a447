import { describe, expect, it } from "vitest";
import { findDuplicateMember } from "./duplicate-members";

describe("duplicate member names", () => {
  it.each([
    ['{"a":1,"a":2}', "a"],
    ['{"a":1,"b":{"c":1,"c":2}}', "c"],
    ['{"a":[{"x":1},{"y":1,"y":2}]}', "y"],
    ['{"client_id":"x","client\\u005fid":"y"}', "client_id"],
    ['{ "a" : 1 , "a" : 2 }', "a"],
  ])("finds the repeated name in %s", (json, name) => {
    expect(findDuplicateMember(json)).toBe(name);
  });

  it.each([
    '{"a":1,"b":2}',
    '{"a":{"a":{"a":1}}}',
    '[{"a":1},{"a":2}]',
    '{"a":"\\"a\\":1,","b":"{\\"a\\":1}"}',
    '{"a":["a","a"],"b":"a"}',
    "{}",
    "[]",
    '"a"',
  ])("finds none in %s", (json) => {
    expect(findDuplicateMember(json)).toBeNull();
  });
});
