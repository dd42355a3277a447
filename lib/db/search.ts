import { env } from "@/lib/env";

/** A case-insensitive `contains` on both databases (SQLite's LIKE already ignores ASCII case). */
export function containsText(text: string): { contains: string } {
  return (env.databaseKind === "postgres" ? { contains: text, mode: "insensitive" } : { contains: text }) as {
    contains: string;
  };
}
