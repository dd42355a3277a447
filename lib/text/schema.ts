// Free text from forms. Names, reasons and other one-line fields end up in email subjects, text
// emails and the server log, where a line break (or a bidi override) lets the writer forge lines
// the reader trusts. One-line fields refuse them; multi-line fields keep plain line breaks only.
import { z } from "zod";

/** Anything that breaks or reorders a line: C0/C1 controls (CR, LF, tab, escape …), U+2028/2029, bidi overrides and isolates. */
const NOT_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The same, except the line feed that separates lines. */
const NOT_MULTI_LINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function tooLong(max: number) {
  return `At most ${max.toLocaleString("en")} characters`;
}

export function hasLineBreaksOrControls(text: string): boolean {
  return NOT_SINGLE_LINE.test(text);
}

/** One line of plain text, trimmed, at most `max` characters. Chain .min() for a required field. */
export function singleLineText(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: tooLong(max) })
    .refine((text) => !NOT_SINGLE_LINE.test(text), {
      error: "Use one line of plain text: line breaks, tabs and control characters are not allowed",
    });
}

/** Plain text with line breaks (a browser sends a textarea's as CRLF: counted as one, like its maxLength does). */
export function multiLineText(max: number) {
  return z
    .string()
    .overwrite((text) => text.replace(/\r\n?|[\u2028\u2029]/g, "\n"))
    .trim()
    .max(max, { error: tooLong(max) })
    .refine((text) => !NOT_MULTI_LINE.test(text), {
      error: "Use plain text: control characters and bidirectional overrides are not allowed",
    });
}

/** For z.preprocess: a form's or query string's blank field counts as absent. */
export const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
