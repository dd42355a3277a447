// `portal import`: brings an existing allowlist in as approved entries. JSON in the shape of the
// feed (an entry needs only `uri`) or CSV with the header uri,kind,client. Every entry passes the
// submission policy or is reported and skipped; entries already on the list are skipped, so a
// second run changes nothing. The feed's `clients` come in too (import-clients.ts), in the same
// version as the entries: one import, one version.
import { type Actor, recordAuditInTx } from "@/lib/audit/record";
import type { CimdFetchOptions } from "@/lib/cimd/fetch-client-metadata";
import type { Db, Tx } from "@/lib/db";
import { lintRedirectUri, RULE_KINDS, type RuleKind } from "@/lib/redirect-uri/lint";
import { importAsOneVersion } from "./bulk-import";
import {
  addImportedClientsAtVersion,
  type ClientImportOutcome,
  type ClientImportRow,
  prepareClientImport,
} from "./import-clients";
import { announceListChange, bumpListVersionBy, currentListVersion } from "./version";

export interface ImportRow {
  line: number;
  uri: unknown;
  kind?: unknown;
  client?: unknown;
}

export interface ImportReport {
  imported: { uri: string; kind: RuleKind }[];
  alreadyPresent: string[];
  refused: { line: number; uri: string; reasons: string[] }[];
  clients: { imported: { clientId: string; kind: string }[] } & Omit<ClientImportOutcome, "fresh">;
}

export interface ImportOptions {
  /** The file's `clients` (parseImportClients). */
  clients?: ClientImportRow[];
  /** How documents are fetched; tests trust their own CA and reach 127.0.0.1. */
  fetchOptions?: CimdFetchOptions;
}

const KINDS = new Set<string>(RULE_KINDS);

export function parseImportFile(name: string, text: string): ImportRow[] {
  if (name.toLowerCase().endsWith(".csv")) return parseCsv(text);
  const data: unknown = JSON.parse(text);
  const feed = (data ?? {}) as { entries?: unknown; clients?: unknown };
  // A file of only clients is a feed with no entries.
  const list = Array.isArray(data) ? data : (feed.entries ?? (Array.isArray(feed.clients) ? [] : undefined));
  if (!Array.isArray(list))
    throw new Error('JSON must be the feed\'s shape ({"entries": [...]}) or an array of entries');
  return list.map((item, index) => {
    if (typeof item === "string") return { line: index + 1, uri: item };
    const entry = (item ?? {}) as { uri?: unknown; kind?: unknown; client?: unknown };
    const client =
      typeof entry.client === "object" && entry.client !== null
        ? (entry.client as { name?: unknown }).name
        : entry.client;
    return { line: index + 1, uri: entry.uri, kind: entry.kind, client };
  });
}

function parseCsv(text: string): ImportRow[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? "").map((h) => h.trim().toLowerCase());
  if (header[0] !== "uri") throw new Error("CSV must start with the header uri,kind,client");
  const column = (name: string) => header.indexOf(name);
  const rows: ImportRow[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === "") return;
    const cells = splitCsvLine(line);
    rows.push({
      line: index + 2,
      uri: cells[0],
      kind: column("kind") >= 0 ? cells[column("kind")] || undefined : undefined,
      client: column("client") >= 0 ? cells[column("client")] || undefined : undefined,
    });
  });
  return rows;
}

/** One CSV line (RFC 4180 quoting). A URI is never trimmed: its spaces are part of what is checked. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

export async function importEntries(
  db: Db,
  rows: ImportRow[],
  actor: Actor,
  source: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const clients = await prepareClientImport(db, options.clients ?? [], options.fetchOptions);
  const report: ImportReport = {
    imported: [],
    alreadyPresent: [],
    refused: [],
    clients: { imported: [], alreadyPresent: clients.alreadyPresent, refused: clients.refused },
  };
  const accepted: { uri: string; kind: RuleKind; clientName: string | null }[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const kind = row.kind === undefined || row.kind === null || row.kind === "" ? undefined : row.kind;
    if (kind !== undefined && (typeof kind !== "string" || !KINDS.has(kind))) {
      report.refused.push({
        line: row.line,
        uri: String(row.uri),
        reasons: [`unknown kind ${JSON.stringify(kind)} (exact, loopback or path_prefix)`],
      });
      continue;
    }
    const verdict = lintRedirectUri(row.uri, { asPathPrefix: kind === "path_prefix" });
    if (!verdict.ok) {
      report.refused.push({
        line: row.line,
        uri: String(row.uri),
        reasons: verdict.reasons.map((r) => `${r.code}: ${r.message}`),
      });
      continue;
    }
    // An explicit exact kind for a loopback URI is honoured: the port then matters.
    const finalKind: RuleKind = kind === "exact" ? "exact" : verdict.kind;
    const uri = finalKind === "exact" ? verdict.input : verdict.uri;
    if (kind === "loopback" && verdict.kind !== "loopback") {
      report.refused.push({
        line: row.line,
        uri,
        reasons: ["kind loopback needs http(s) on 127.0.0.1, [::1] or localhost"],
      });
      continue;
    }
    const key = `${finalKind} ${uri}`;
    if (seen.has(key)) continue;
    seen.add(key);
    accepted.push({
      uri,
      kind: finalKind,
      clientName: typeof row.client === "string" && row.client.trim() ? row.client.trim().slice(0, 200) : null,
    });
  }
  const present = accepted.length > 0 ? await listedKindsAndUris(db) : new Set<string>();
  const fresh = accepted.filter((a) => !present.has(`${a.kind} ${a.uri}`));
  report.alreadyPresent = accepted.filter((a) => present.has(`${a.kind} ${a.uri}`)).map((a) => a.uri);
  if (fresh.length === 0 && clients.fresh.length === 0) return report;
  // The clients join the entries' version (or make one of their own), with one audit row for both.
  const listClientsAndAudit = async (tx: Tx, version: number) => {
    await addImportedClientsAtVersion(tx, clients.fresh, actor.id, version);
    await recordAuditInTx(tx, {
      actor,
      action: "entries.imported",
      entityType: "allowlist",
      after: {
        source,
        count: fresh.length,
        uris: fresh.slice(0, 100).map((a) => a.uri),
        clients: clients.fresh.map((c) => ({ clientId: c.clientIdUrl, kind: c.kind, sha256: c.documentSha256 })),
      },
    });
  };
  if (fresh.length > 0) {
    // Written in batches, listed at once: one version for the whole import (bulk-import.ts).
    await importAsOneVersion(db, fresh, actor.id, async (tx) => listClientsAndAudit(tx, await currentListVersion(tx)));
  } else {
    await db.$transaction((tx) =>
      bumpListVersionBy(tx, async (version) => {
        await listClientsAndAudit(tx, version);
        return clients.fresh.length;
      }),
    );
  }
  report.imported = fresh.map((a) => ({ uri: a.uri, kind: a.kind }));
  report.clients.imported = clients.fresh.map((c) => ({ clientId: c.clientIdUrl, kind: c.kind }));
  announceListChange();
  return report;
}

/** "kind uri" of every listed entry; a raw query, as Prisma's row mapping is slow at 100,000 rows. */
async function listedKindsAndUris(db: Db): Promise<Set<string>> {
  const rows = await db.$queryRawUnsafe<{ kind: string; uri: string }[]>(
    'SELECT "kind", "uri" FROM "AllowlistEntry" WHERE "revokedAt" IS NULL AND "expiredAt" IS NULL',
  );
  return new Set(rows.map((row) => `${row.kind} ${row.uri}`));
}
