// Used only by the Prisma CLI at development time (generate, migrate dev/diff). The app itself
// never calls the CLI: it applies migrations with lib/db/migrate.ts.
import { defineConfig } from "prisma/config";

const target = process.env.PRISMA_TARGET === "postgres" ? "postgres" : "sqlite";

export default defineConfig(
  target === "postgres"
    ? {
        schema: "prisma/postgres/schema.prisma",
        migrations: { path: "prisma/postgres/migrations" },
        datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/portal_dev" },
      }
    : {
        schema: "prisma/schema.prisma",
        migrations: { path: "prisma/migrations" },
        datasource: { url: process.env.DATABASE_URL ?? "file:./data/dev.db" },
      },
);
