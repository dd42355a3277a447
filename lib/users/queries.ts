import "server-only";
import { db } from "@/lib/db";
import { requestCountsBy } from "@/lib/db/counts";
import { containsText } from "@/lib/db/search";
import type { UserFilter } from "./schema";

export const USERS_PAGE_SIZE = 50;

/** One page of users for the admin's Users page, with how many requests each has made. */
export async function listUsers(filter: UserFilter) {
  const where = {
    ...(filter.q ? { email: containsText(filter.q.toLowerCase()) } : {}),
    ...(filter.role ? { role: filter.role } : {}),
  };
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: { email: "asc" },
      skip: (filter.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        email: true,
        role: true,
        createdAt: true,
        deactivatedAt: true,
        // Neither a used email link nor a linked SSO account: invited, not signed in yet.
        emailVerified: true,
        _count: { select: { accounts: true } },
      },
    }),
    db.user.count({ where }),
  ]);
  const requestCounts = await requestCountsBy(
    "requesterId",
    users.map((u) => u.id),
  );
  return { users, total, requestCounts };
}
