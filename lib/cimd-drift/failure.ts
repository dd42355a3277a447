// A check that found no usable document (a fetch error code, an HTTP error, a timeout, a document
// that now fails the fetcher's checks): the pinned set stays published, the client is marked
// unreachable since the first failure and retried with backoff, and after a day the developer and
// reviewers are told, once. Whether to revoke is an admin's decision, not the portal's.
import { recordedChange } from "@/lib/audit/recorded-change";
import type { CimdFetchResult } from "@/lib/cimd/result";
import type { Db } from "@/lib/db";
import { mailDeveloper, mailReviewers } from "./notify";
import { backoffSeconds, UNREACHABLE_ALERT_MS, withJitter } from "./schedule";

interface FailingClient {
  id: string;
  clientIdUrl: string;
  unreachableSince: Date | null;
  failedChecks: number;
  unreachableAlertAt: Date | null;
}

function describe(fetched: CimdFetchResult): { code: string; message: string } {
  const first = fetched.problems[0];
  return first ? { code: first.code, message: first.message } : { code: "cimd_http_status", message: "No document." };
}

export async function recordFailure(
  db: Db,
  client: FailingClient,
  fetched: CimdFetchResult,
  now: Date,
  random?: () => number,
) {
  const { code, message } = describe(fetched);
  const failures = client.failedChecks + 1;
  const since = client.unreachableSince ?? now;
  const update = {
    lastCheckedAt: now,
    nextCheckAt: new Date(now.getTime() + withJitter(backoffSeconds(failures), random)),
    unreachableSince: since,
    failedChecks: failures,
    lastError: `${code}: ${message}`,
  };
  if (client.unreachableSince) await db.cimdClient.update({ where: { id: client.id }, data: update });
  else {
    // The first failure is a state change worth an audit row; the retries that follow are not.
    await recordedChange(db, async (tx) => {
      await tx.cimdClient.update({ where: { id: client.id }, data: update });
      return {
        result: null,
        audit: {
          actor: null,
          action: "cimd_client.unreachable",
          entityType: "cimd_client",
          entityId: client.id,
          after: { code, message },
        },
      };
    });
  }
  const alerted = now.getTime() - since.getTime() >= UNREACHABLE_ALERT_MS && (await claimAlert(db, client.id, now));
  if (alerted) {
    const paragraphs = [
      `The portal has not been able to read ${client.clientIdUrl} since ${since.toISOString()}. The last attempt failed with ${code}: ${message}`,
      "The redirect URIs approved earlier stay on the allowlist for now. An admin may revoke the client if the document does not come back.",
    ];
    await Promise.all([
      mailDeveloper(db, client.id, (url) => `Client metadata document unreachable: ${url}`, paragraphs),
      mailReviewers(db, client.id, `Unreachable for a day: ${client.clientIdUrl}`, paragraphs),
    ]);
  }
  return { outcome: "unreachable" as const, code, message, alerted };
}

/** Once per outage: only the check that sets the alert time sends the mails. */
async function claimAlert(db: Db, id: string, now: Date): Promise<boolean> {
  const { count } = await db.cimdClient.updateMany({
    where: { id, unreachableAlertAt: null },
    data: { unreachableAlertAt: now },
  });
  return count === 1;
}
