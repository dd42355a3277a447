"use server";

import { validatedAction } from "@/lib/action";
import { blockEntry, revokeEntry, unblockEntry } from "@/lib/allowlist/entries";
import { db } from "@/lib/db";
import { redirectWithNotice } from "@/lib/notice";
import { notifyDeveloper } from "@/lib/requests/notify";
import { blockSchema, revokeSchema, unblockSchema } from "./schema";

const revalidate = () => ["/admin/entries"];

export const revokeEntryAction = validatedAction({
  role: "admin",
  schema: revokeSchema,
  async run({ entryId, reason }, { user, ip }) {
    const entry = await revokeEntry(db, entryId, reason, user, ip);
    if (entry.requestId) await notifyDeveloper(entry.requestId, { kind: "revoked", uri: entry.uri, reason });
    return { message: `Revoked ${entry.uri}. It leaves the list at once.` };
  },
  revalidate,
  redirect: ({ returnTo }) => redirectWithNotice(returnTo, "revoked"),
});

export const blockAction = validatedAction({
  role: "admin",
  schema: blockSchema,
  async run({ target, value, reason }, { user, ip }) {
    await blockEntry(
      db,
      { uri: target === "uri" ? value : null, host: target === "host" ? value : null, reason },
      user,
      ip,
    );
    return {
      message: `Blocked ${target === "host" ? "the host" : ""} ${value}. It is denied even where an entry allows it.`,
    };
  },
  revalidate,
  redirect: ({ returnTo }) => redirectWithNotice(returnTo, "blocked"),
});

export const unblockAction = validatedAction({
  role: "admin",
  schema: unblockSchema,
  async run({ blockId }, { user, ip }) {
    await unblockEntry(db, blockId, user, ip);
    return { message: "Block removed." };
  },
  revalidate,
  redirect: ({ returnTo }) => redirectWithNotice(returnTo, "unblocked"),
});
