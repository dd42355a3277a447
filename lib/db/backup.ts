// SQLite's online backup: a consistent copy while the portal keeps serving.
import Database from "better-sqlite3";
import { sqlitePathFromUrl } from "./sqlite-path";

export async function backupSqlite(databaseUrl: string, target: string): Promise<void> {
  const db = new Database(sqlitePathFromUrl(databaseUrl), { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
}
