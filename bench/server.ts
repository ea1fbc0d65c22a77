// The servers under measurement: the production build (`node scripts/start.mjs`) on a fresh
// database, started with the same helpers the integration tests use.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { applyMigrations, postgresMigrationAdapter } from "@/lib/database/schema-engine";
import { type TestDatabase, createEmbeddedDatabase, createPostgresDatabase } from "../tests/helpers/database";
import { type TestServer, startServer } from "../tests/helpers/server";

export const root = path.resolve(import.meta.dirname, "..");

/** The PostgreSQL server the benchmark databases are created on. */
export const postgresServerUrl =
  process.env.BENCH_DATABASE_URL?.trim() ||
  process.env.DATABASE_URL?.trim() ||
  "postgresql://postgres@127.0.0.1:5432/postgres";

// Everything that goes into `next build`.
const BUILD_INPUTS = [
  "app",
  "lib",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(entry, name))),
    stat.mtimeMs,
  );
}

/** Runs `next build` when there is no build, or when a source file is newer than it. */
export function ensureFreshBuild(log: (line: string) => void): void {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sourcesAt = Math.max(...BUILD_INPUTS.map((entry) => newestMtime(path.join(root, entry))));
  if (builtAt > sourcesAt) {
    log("production build is up to date");
    return;
  }
  log(builtAt ? "sources changed since the last build: running next build" : "no production build: running next build");
  const started = performance.now();
  const result = spawnSync("npx", ["next", "build"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export type BenchServer = TestServer & {
  kind: "postgres" | "pglite";
  /** Direct SQL on the server's database (PostgreSQL only). */
  query: NonNullable<TestDatabase["query"]> | undefined;
};

// Measure the app, not the limits: no sign-up limit, chat and write limits no run reaches, the
// offline model with no artificial delay, and per-request round-trip counts.
const BENCH_ENV = {
  AUTH_RATE_LIMIT: "false",
  CHAT_RATE_LIMIT: "1000000",
  WRITE_RATE_LIMIT: "1000000",
  DB_QUERY_STATS: "1",
  OFFLINE_MODEL_DELAY_MS: "0",
  NEXT_TELEMETRY_DISABLED: "1",
};

/** A production server on `database`, which is dropped when the server is closed. */
async function startOn(database: TestDatabase, label: string, env: Record<string, string>): Promise<BenchServer> {
  try {
    const server = await startServer({ label, database, env: { ...BENCH_ENV, ...env } });
    return {
      ...server,
      kind: database.kind,
      query: database.query,
      close: async () => {
        await server.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A production server on a new, migrated PostgreSQL database (`taskchat_bench_*`, dropped on close). */
export async function startPostgresServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const database = await createPostgresDatabase(postgresServerUrl, "taskchat_bench");
  try {
    await applyMigrations(postgresMigrationAdapter(database.env.DATABASE_URL!));
  } catch (error) {
    await database.drop();
    throw error;
  }
  return startOn(database, "bench", env);
}

/** A production server on the embedded database (PGlite), in a temporary folder. */
export function startEmbeddedServer(env: Record<string, string> = {}): Promise<BenchServer> {
  return startOn(createEmbeddedDatabase("bench"), "bench_pglite", env);
}

/** Another server process on the same database, with other settings (closing it keeps the database). */
export async function startSibling(server: BenchServer, env: Record<string, string>): Promise<BenchServer> {
  const sibling = await startServer({
    label: "bench_sibling",
    database: server.database,
    env: { ...BENCH_ENV, ...env },
  });
  return { ...sibling, kind: server.kind, query: server.query };
}
