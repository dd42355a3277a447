// npm run db:generate — derive the PostgreSQL schema and regenerate both committed clients.
import { prisma, writePostgresSchema } from "./prisma-tools.mjs";

writePostgresSchema();
prisma("sqlite", ["generate"]);
prisma("postgres", ["generate"]);
