// Runs the policy engine over a request's rows on the server (the browser's verdicts are never trusted).
import type { Flag } from "@/lib/redirect-uri/issues";
import { lintRedirectUri, type RuleKind } from "@/lib/redirect-uri/lint";
import { UserError } from "@/lib/user-error";
import type { UriRow } from "./schema";

export interface LintedRow {
  uri: string;
  kind: RuleKind;
  flags: Flag[];
}

export class RowErrors extends UserError {
  constructor(readonly rows: Record<string, string[]>) {
    super("Some redirect URIs cannot be submitted: see the reasons next to them.", 400, rows);
  }
}

/** Every row must pass; duplicates (after a loopback port is dropped) are submitted once. */
export function lintRowsOrThrow(rows: UriRow[]): LintedRow[] {
  const errors: Record<string, string[]> = {};
  const out: LintedRow[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const verdict = lintRedirectUri(row.uri, { asPathPrefix: row.asPathPrefix });
    if (!verdict.ok) {
      errors[`uris.${index}`] = verdict.reasons.map((r) => r.message);
      return;
    }
    const key = `${verdict.kind} ${verdict.uri}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ uri: verdict.uri, kind: verdict.kind, flags: verdict.flags });
  });
  if (Object.keys(errors).length > 0) throw new RowErrors(errors);
  return out;
}
