"use server";

import { redirect } from "next/navigation";
import { validatedAction } from "@/lib/action";
import { requireActionRole } from "@/lib/auth/guards";
import type { CimdPreview } from "@/lib/cimd/preview";
import { notifyDeveloper, notifySubmission } from "@/lib/requests/notify";
import { previewForUser } from "./preview-for-user";
import { db } from "@/lib/db";
import { revokeCimdClient } from "./revoke";
import { resubmitCimdRequest } from "./resubmit";
import { resubmitCimdRequestSchema, revokeCimdClientSchema, submitCimdRequestSchema } from "./schema";
import { submitCimdRequest } from "./submit";

/** The form's "Fetch": the document as the reviewer would see it, fetched through the safe fetcher. */
export async function previewCimdAction(clientIdUrl: string): Promise<{ preview?: CimdPreview; message?: string }> {
  const user = await requireActionRole("developer");
  return previewForUser(user, clientIdUrl);
}

export const submitCimdRequestAction = validatedAction<typeof submitCimdRequestSchema, { requestId: string }>({
  role: "developer",
  schema: submitCimdRequestSchema,
  async run(input, { user, ip }) {
    const { id, created, autoApproved } = await submitCimdRequest(user, input, ip);
    if (created) await notifySubmission(id, autoApproved);
    return { requestId: id };
  },
  revalidate: () => ["/requests"],
  redirect: (_input, { requestId }) => redirect(`/requests/${requestId}?submitted=1`),
});

/** "Fetch again and resubmit" after a reviewer asked for changes: the document is re-read and re-pinned. */
export const resubmitCimdRequestAction = validatedAction({
  role: "developer",
  schema: resubmitCimdRequestSchema,
  async run({ requestId, note }, { user, ip }) {
    const { autoApproved } = await resubmitCimdRequest(user, requestId, note, ip);
    await notifySubmission(requestId, autoApproved, true);
    return {};
  },
  revalidate: ({ requestId }) => [`/requests/${requestId}`, "/requests"],
  redirect: ({ requestId }) => redirect(`/requests/${requestId}?resubmitted=1`),
});

export const revokeCimdClientAction = validatedAction({
  role: "admin",
  schema: revokeCimdClientSchema,
  async run({ cimdClientId, reason }, { user, ip }) {
    const revoked = await revokeCimdClient(db, cimdClientId, reason, user, ip);
    if (revoked.requestId) {
      await notifyDeveloper(revoked.requestId, { kind: "revoked", uri: revoked.clientIdUrl, reason });
    }
    return { message: `Revoked ${revoked.clientIdUrl}. It leaves the list at once.` };
  },
  revalidate: () => ["/admin/entries"],
});
