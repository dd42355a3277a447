// The CIMD half of `portal import`: the feed's `clients` ({client_id, kind?}) come in as approved
// CIMD clients. Nothing in the file is trusted: each document is fetched through the safe fetcher
// and pinned as it reads now (bytes, SHA-256, redirect URIs), exactly as a reviewer's approval pins
// a request's. A client already on the list is not fetched again, so a second run changes nothing.
import type { Db, Tx } from "@/lib/db";
import { fetchClientMetadata, type CimdFetchOptions } from "@/lib/cimd/fetch-client-metadata";
import { CIMD_RULE_KINDS, type CimdRuleKind } from "@/lib/cimd-clients/schema";
import { loadBlocked } from "./snapshot";

export interface ClientImportRow {
  line: number;
  clientId: unknown;
  kind?: unknown;
}

export interface PinnedImport {
  kind: CimdRuleKind;
  clientIdUrl: string;
  host: string;
  document: string;
  documentSha256: string;
  redirectUris: string;
}

export interface ClientImportOutcome {
  fresh: PinnedImport[];
  alreadyPresent: string[];
  refused: { line: number; clientId: string; reasons: string[] }[];
}

/** The `clients` of a feed-shaped JSON file (strings are client_id URLs); none for CSV or an array. */
export function parseImportClients(name: string, text: string): ClientImportRow[] {
  if (name.toLowerCase().endsWith(".csv")) return [];
  const data: unknown = JSON.parse(text);
  const list = Array.isArray(data) ? [] : (data as { clients?: unknown })?.clients;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new Error('"clients" must be an array of {"client_id", "kind"}');
  return list.map((item, index) => {
    if (typeof item === "string") return { line: index + 1, clientId: item };
    const client = (item ?? {}) as { client_id?: unknown; kind?: unknown };
    return { line: index + 1, clientId: client.client_id, kind: client.kind };
  });
}

const KINDS = new Set<string>(CIMD_RULE_KINDS);

/** Fetches and checks every client not yet listed; the network work happens before any transaction. */
export async function prepareClientImport(
  db: Db,
  rows: ClientImportRow[],
  fetchOptions: CimdFetchOptions = {},
): Promise<ClientImportOutcome> {
  const outcome: ClientImportOutcome = { fresh: [], alreadyPresent: [], refused: [] };
  if (rows.length === 0) return outcome;
  const listed = await db.cimdClient.findMany({
    where: { revokedAt: null, expiredAt: null },
    select: { kind: true, clientIdUrl: true },
  });
  const present = new Set(listed.map((c) => `${c.kind} ${c.clientIdUrl}`));
  const blocked = await loadBlocked(db);
  const seen = new Set<string>();
  for (const row of rows) {
    const clientId = typeof row.clientId === "string" ? row.clientId : JSON.stringify(row.clientId ?? null);
    const refuse = (...reasons: string[]) => outcome.refused.push({ line: row.line, clientId, reasons });
    const kind = row.kind === undefined || row.kind === null || row.kind === "" ? "client_id" : row.kind;
    if (typeof kind !== "string" || !KINDS.has(kind)) {
      refuse(`unknown kind ${JSON.stringify(kind)} (client_id or client_id_host)`);
      continue;
    }
    if (typeof row.clientId !== "string") {
      refuse("client_id must be a string (the https URL of the client ID metadata document)");
      continue;
    }
    const key = `${kind} ${clientId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (present.has(key)) {
      outcome.alreadyPresent.push(clientId);
      continue;
    }
    const fetched = await fetchClientMetadata(clientId, fetchOptions);
    if (!fetched.approvable || fetched.body === null || fetched.sha256 === null) {
      refuse(...fetched.problems.map((p) => `${p.code}: ${p.message}`));
      continue;
    }
    const url = new URL(fetched.clientId);
    if (blocked.some((b) => b.uri === fetched.clientId || b.host === url.hostname)) {
      refuse("blocked: an admin blocked this client_id URL or its host");
      continue;
    }
    outcome.fresh.push({
      kind: kind as CimdRuleKind,
      clientIdUrl: fetched.clientId,
      host: url.host,
      document: fetched.body,
      documentSha256: fetched.sha256,
      redirectUris: JSON.stringify(fetched.redirectUris.map((r) => r.uri)),
    });
  }
  return outcome;
}

/** Lists the pinned clients under the given (already bumped) version; returns how many changes it wrote. */
export async function addImportedClientsAtVersion(
  tx: Tx,
  clients: PinnedImport[],
  approvedById: string | null,
  version: number,
): Promise<number> {
  for (const pinned of clients) {
    const row = await tx.cimdClient.create({ data: { ...pinned, approvedById }, select: { id: true } });
    await tx.listChange.create({ data: { version, op: "added", target: "client", targetId: row.id } });
  }
  return clients.length;
}
