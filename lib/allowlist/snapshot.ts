// The approved list as the authorization server sees it (PRODUCT.md, GET /api/v1/allowlist).
import type { FeedBlocked, FeedClient, FeedEntry, Snapshot } from "@/lib/api/schema";
import type { Db } from "@/lib/db";
import { RULE_KINDS, type RuleKind } from "@/lib/redirect-uri/lint";
import { withoutLapsed } from "./lapse";
import { currentListVersion } from "./version";

// A suspended entry (its verified domain lapsed) is off the list like a removed one, until restored.
export const activeEntryWhere = () => ({ revokedAt: null, expiredAt: null, suspendedAt: null });

export const entrySelect = {
  id: true,
  kind: true,
  uri: true,
  clientId: true,
  clientName: true,
  approvedAt: true,
  expiresAt: true,
  client: { select: { id: true, name: true } },
} as const;

export type EntryRow = {
  id: string;
  kind: string;
  uri: string;
  clientId: string | null;
  clientName: string | null;
  approvedAt: Date;
  expiresAt: Date | null;
  client: { id: string; name: string } | null;
};

// The published list holds 100,000 entries in memory; most share a handful of kinds and a few
// hundred clients. Each row from the database brings its own copies of those strings, so the
// entry takes the one shared copy instead (never mutated: feed entries are read-only).
const ruleKinds = new Map<string, RuleKind>(RULE_KINDS.map((kind) => [kind, kind]));
const sharedClients = new Map<string, FeedEntry["client"]>();
const SHARED_CLIENTS_MAX = 10_000;

function sharedClient(id: string | null, name: string | null): FeedEntry["client"] {
  const key = `${id ?? ""}\u0000${name ?? "\u0000"}`;
  let client = sharedClients.get(key);
  if (!client) {
    if (sharedClients.size >= SHARED_CLIENTS_MAX) sharedClients.clear();
    sharedClients.set(key, (client = { id, name }));
  }
  return client;
}

export function toFeedEntry(row: EntryRow): FeedEntry {
  return {
    id: row.id,
    kind: ruleKinds.get(row.kind) ?? (row.kind as RuleKind),
    uri: row.uri,
    // The name recorded when the entry was approved, not the client's current one: a developer could
    // otherwise rename an approved client ("Claude (Anthropic)") and have the feed publish it. Entries
    // approved before names were recorded have none and fall back to the current name.
    client: sharedClient(row.client?.id ?? null, row.clientName ?? row.client?.name ?? null),
    approved_at: row.approvedAt.toISOString(),
    expires_at: row.expiresAt?.toISOString() ?? null,
  };
}

export async function loadFeedEntries(db: Db, where: object = activeEntryWhere()): Promise<FeedEntry[]> {
  const rows = await db.allowlistEntry.findMany({
    where,
    select: entrySelect,
    orderBy: [{ approvedAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toFeedEntry);
}

export async function loadBlocked(db: Db): Promise<FeedBlocked[]> {
  const rows = await db.blockedEntry.findMany({
    where: { removedAt: null },
    select: { id: true, uri: true, host: true, reason: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows;
}

export const activeClientWhere = () => ({ revokedAt: null, expiredAt: null, suspendedAt: null });

export const clientSelect = {
  id: true,
  kind: true,
  clientIdUrl: true,
  redirectUris: true,
  documentSha256: true,
  document: true,
  approvedAt: true,
  expiresAt: true,
} as const;

export type ClientRow = {
  id: string;
  kind: string;
  clientIdUrl: string;
  redirectUris: string;
  documentSha256: string;
  document: string;
  approvedAt: Date;
  expiresAt: Date | null;
};

export function toFeedClient(row: ClientRow): FeedClient {
  return {
    id: row.id,
    kind: row.kind as FeedClient["kind"],
    client_id: row.clientIdUrl,
    redirect_uris: JSON.parse(row.redirectUris) as string[],
    document_sha256: row.documentSha256,
    document: row.document,
    approved_at: row.approvedAt.toISOString(),
    expires_at: row.expiresAt?.toISOString() ?? null,
  };
}

export async function loadClients(db: Db): Promise<FeedClient[]> {
  const rows = await db.cimdClient.findMany({
    where: activeClientWhere(),
    select: clientSelect,
    orderBy: [{ approvedAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toFeedClient);
}

/** The list as served now: entries whose expires_at has passed are left out even before the sweep records it. */
export async function buildSnapshot(db: Db, now = Date.now()): Promise<Snapshot> {
  return withoutLapsed(await loadListAtVersion(db), now).snapshot;
}

/**
 * The list as the database holds it at its current version, lapsed entries included (the feed
 * takes those out in memory, see lapse.ts). Reads the version and the list in one transaction,
 * so the two always agree.
 */
export async function loadListAtVersion(db: Db): Promise<Snapshot> {
  return db.$transaction(async (tx) => {
    const version = await currentListVersion(tx);
    const [entries, blocked, clients] = await Promise.all([
      loadFeedEntries(tx as unknown as Db),
      loadBlocked(tx as unknown as Db),
      loadClients(tx as unknown as Db),
    ]);
    return { version, generated_at: new Date().toISOString(), entries, blocked, clients };
  });
}
