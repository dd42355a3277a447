// A PostgreSQL database of a test run's own, on the server TEST_PG_SERVER_URL names: created here,
// dropped by the returned function. Tests never touch a database they did not create.
import pg from "pg";

/** Runs one statement on the server (CREATE/DROP DATABASE, cutting connections off). */
export async function runOnServer(serverUrl, sql) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(serverUrl, prefix) {
  const name = `${prefix}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const run = (sql) => runOnServer(serverUrl, sql);
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
