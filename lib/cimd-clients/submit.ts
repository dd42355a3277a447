// A request whose subject is a client_id URL. The document is fetched once more at submission (the
// preview the developer saw may be stale) and exactly what was read is pinned: bytes, SHA-256,
// redirect URIs, fetch details and checks. The reviewer decides on those bytes, never a re-fetch.
import { recordedChange } from "@/lib/audit/recorded-change";
import type { CurrentUser } from "@/lib/auth/guards";
import { fetchClientMetadata, type CimdFetchOptions } from "@/lib/cimd/fetch-client-metadata";
import { toCimdPreview } from "@/lib/cimd/preview";
import { db } from "@/lib/db";
import { autoApproveQuietly, startSubmission } from "@/lib/requests/submit";
import { UserError } from "@/lib/user-error";
import { CIMD_HOST_FLAG, type SubmitCimdRequestInput } from "./schema";

export async function submitCimdRequest(
  user: CurrentUser,
  input: SubmitCimdRequestInput,
  ip: string | null = null,
  fetchOptions: CimdFetchOptions = {},
): Promise<{ id: string; created: boolean; autoApproved?: boolean }> {
  const start = await startSubmission(user.id, input);
  if ("earlier" in start) return start.earlier;
  const { client } = start;

  const fetched = await fetchClientMetadata(input.clientIdUrl, fetchOptions);
  if (!fetched.approvable || fetched.body === null || fetched.sha256 === null) {
    const reasons = fetched.problems.map((p) => `${p.code}: ${p.message}`).join("; ");
    throw new UserError(`The client ID metadata document cannot be requested: ${reasons || "it was not read"}.`);
  }
  const preview = toCimdPreview(fetched);
  const redirectUris = fetched.redirectUris.map((r) => r.uri);
  const flags = new Set(preview.redirect_uris.flatMap((r) => r.flags.map((f) => f.code)));
  if (input.kind === "client_id_host") flags.add(CIMD_HOST_FLAG);

  const request = await recordedChange(db, async (tx) => {
    const created = await tx.request.create({
      data: {
        clientId: client.id,
        requesterId: user.id,
        justification: input.justification,
        idempotencyKey: input.idempotencyKey ?? null,
        flagCodes: [...flags].sort().join(" "),
        cimd: {
          create: {
            kind: input.kind,
            clientIdUrl: fetched.clientId,
            host: new URL(fetched.clientId).host,
            document: fetched.body!,
            documentSha256: fetched.sha256!,
            redirectUris: JSON.stringify(redirectUris),
            fetchDetails: JSON.stringify(preview.fetch),
            checks: JSON.stringify(preview.redirect_uris),
          },
        },
      },
      select: { id: true },
    });
    return {
      result: created,
      events: [{ requestId: created.id, type: "submitted", detail: `CIMD client ${fetched.clientId}` }],
      audit: {
        actor: user,
        action: "request.submitted",
        entityType: "request",
        entityId: created.id,
        ip,
        after: { client: client.name, cimd: { kind: input.kind, clientId: fetched.clientId, sha256: fetched.sha256 } },
      },
    };
  });
  return { id: request.id, created: true, autoApproved: await autoApproveQuietly(request.id) };
}
