"use server";

import { validatedAction } from "@/lib/action";
import { db } from "@/lib/db";
import { UserError } from "@/lib/user-error";
import { checkCimdClient } from "./check";
import { decideDocumentChange } from "./decide";
import { describeOutcome } from "./describe";
import { checkCimdClientSchema, decideDocumentChangeSchema } from "./schema";

const pagesOf = (cimdClientId: string) => [
  "/admin",
  `/admin/cimd-clients/${cimdClientId}`,
  `/cimd-clients/${cimdClientId}`,
];

/** "Check now": re-fetch one approved client at once, whatever its schedule. */
export const checkCimdClientNowAction = validatedAction({
  role: "admin",
  schema: checkCimdClientSchema,
  async run({ cimdClientId }) {
    const result = await checkCimdClient(db, cimdClientId);
    if (result.outcome === "skipped") throw new UserError(`Not checked: ${result.reason}.`);
    return { message: `Checked: ${describeOutcome(result)}.` };
  },
  revalidate: ({ cimdClientId }) => pagesOf(cimdClientId),
});

/** A reviewer approves (publishes) or rejects a pending document change. */
export const decideCimdDocumentChangeAction = validatedAction({
  role: "reviewer",
  schema: decideDocumentChangeSchema,
  async run(input, { user, ip }) {
    const decided = await decideDocumentChange(db, user, input, { ip });
    return {
      message:
        decided.listVersion === null
          ? "Rejected. The approved document stays published."
          : `Approved. The new document is published as list version ${decided.listVersion}.`,
    };
  },
  revalidate: ({ cimdClientId }) => pagesOf(cimdClientId),
});
