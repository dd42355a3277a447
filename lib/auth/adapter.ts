// Auth.js's Prisma adapter, with one addition: expired sign-in links are deleted whenever a new one
// is made. Auth.js stores a link's token before the email is sent (or refused by the rate limits),
// and deletes a token only when its link is used, so without this the table grows with every
// unused or refused request.
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import type { Db } from "@/lib/db";

export function portalAuthAdapter(db: Db): Adapter {
  const adapter = PrismaAdapter(db);
  return {
    ...adapter,
    async createVerificationToken(token) {
      await db.verificationToken.deleteMany({ where: { expires: { lt: new Date() } } });
      return adapter.createVerificationToken!(token);
    },
  };
}
