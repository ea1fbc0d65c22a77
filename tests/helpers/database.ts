// Fresh databases for tests: a new PostgreSQL database per use when DATABASE_URL is set (created
// next to it, dropped afterwards), otherwise an embedded PGlite (in memory, or in a temp folder
// for a server process).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export type TestDatabase = {
  /** Environment for the code under test: DATABASE_URL, or PGLITE_DIR for the embedded database. */
  env: { DATABASE_URL?: string; PGLITE_DIR?: string };
  kind: "postgres" | "pglite";
  /** Direct SQL access (PostgreSQL only; an embedded database belongs to the process that opened it). */
  query?: <R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
  ) => Promise<pg.QueryResult<R>>;
  drop: () => Promise<void>;
};

export const baseUrl = process.env.DATABASE_URL?.trim() || undefined;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database (no tables: the code under test applies its migrations). */
export async function createTestDatabase(label: string, options: { memory?: boolean } = {}): Promise<TestDatabase> {
  if (!baseUrl) {
    if (options.memory) return { env: { PGLITE_DIR: "memory://" }, kind: "pglite", drop: async () => {} };
    return createEmbeddedDatabase(label);
  }
  return createPostgresDatabase(baseUrl, `taskchat_test_${label}`);
}

/** An embedded (PGlite) database in a new temporary folder, whatever DATABASE_URL says. */
export function createEmbeddedDatabase(label: string): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), `taskchat-${label}-`));
  return {
    env: { PGLITE_DIR: path.join(dir, "pglite") },
    kind: "pglite",
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A new, empty PostgreSQL database on the server of `serverUrl`, named `<prefix>_<random>`
 * (the benchmarks use it too, with their own server URL and prefix).
 */
export async function createPostgresDatabase(serverUrl: string, prefix: string): Promise<TestDatabase> {
  const name = `${prefix.replace(/\W/g, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(serverUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    env: { DATABASE_URL: url },
    kind: "postgres",
    query: (sql, params) => pool.query(sql, params),
    drop: async () => {
      await pool.end();
      await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
