// A real production server (`node scripts/start.mjs` on the `next build` output) on its own
// port and its own fresh database, for tests that talk HTTP.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { applyMigrations, postgresMigrationAdapter } from "@/lib/database/schema-engine";
import { type TestDatabase, createPostgresDatabase, createTestDatabase } from "./database";

const root = path.resolve(import.meta.dirname, "../..");

export function ensureBuild(): void {
  if (existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("[tests] no production build found: running next build");
  execFileSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type ServerOptions = {
  label: string;
  env?: Record<string, string | undefined>;
  /** Reuse this database instead of creating one. */
  database?: TestDatabase;
  port?: number;
  /** Extra arguments for `npm start` (e.g. `-H 127.0.0.1`); the server is then reached at 127.0.0.1. */
  args?: string[];
  /** Wait for a healthy database (default), or only for the port to answer. */
  waitFor?: "healthy" | "listening";
};

export type TestServer = {
  url: string;
  port: number;
  database: TestDatabase;
  output: () => string;
  /** The server process's id, while it runs (the benchmarks read its CPU time in /proc). */
  pid: () => number | undefined;
  /** Stops the process, keeping the database. */
  stop: () => Promise<void>;
  /** Kills the process outright (SIGKILL: no clean-up), keeping the database. */
  kill: () => Promise<void>;
  /** Starts the process again on the same port and database. */
  restart: () => Promise<void>;
  /** Stops the process and drops the database. */
  close: () => Promise<void>;
};

export const TEST_SECRET = "test-secret-that-is-long-enough-0123456789";

async function waitForServer(
  url: string,
  child: ChildProcess,
  output: () => string,
  waitFor: "healthy" | "listening",
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok || waitFor === "listening") return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

/** Starts a server that is expected to refuse to start; resolves with its exit code and output. */
export async function startServerExpectingFailure(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  ensureBuild();
  const port = await freePort();
  const proc = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      BETTER_AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: "",
      ...env,
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout?.on("data", (d) => (output += d));
  proc.stderr?.on("data", (d) => (output += d));
  const timer = setTimeout(() => proc.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => proc.once("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}

export async function startServer(options: ServerOptions): Promise<TestServer> {
  ensureBuild();
  const database = options.database ?? (await createTestDatabase(options.label));
  // PostgreSQL is migrated by a deploy step (`npm run db:migrate`); the embedded database migrates itself.
  if (!options.database && database.env.DATABASE_URL) {
    await applyMigrations(postgresMigrationAdapter(database.env.DATABASE_URL));
  }
  const port = options.port ?? (await freePort());
  const url = `http://${options.args ? "127.0.0.1" : "localhost"}:${port}`;
  let child: ChildProcess | undefined;
  let log = "";

  const launch = async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      BETTER_AUTH_URL: url,
      BETTER_AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: undefined,
      PGLITE_DIR: undefined,
      GEMINI_API_KEY: undefined,
      GOOGLE_GENERATIVE_AI_API_KEY: undefined,
      AI_PROVIDER: undefined,
      ...database.env,
      ...options.env,
    };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    log = "";
    const proc = spawn(process.execPath, ["scripts/start.mjs", ...(options.args ?? [])], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stdout?.on("data", (d) => (log += d));
    proc.stderr?.on("data", (d) => (log += d));
    child = proc;
    await waitForServer(url, proc, () => log, options.waitFor ?? "healthy");
  };

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once("exit", () => resolve());
      proc.kill(signal);
      setTimeout(() => proc.kill("SIGKILL"), 5_000).unref();
    });
  };

  await launch();
  return {
    url,
    port,
    database,
    output: () => log,
    pid: () => child?.pid,
    stop: () => stop(),
    kill: () => stop("SIGKILL"),
    restart: async () => {
      await stop();
      await launch();
    },
    close: async () => {
      await stop();
      if (!options.database) await database.drop();
    },
  };
}

/** A server whose model is the real @ai-sdk/google provider, pointed at a fake Gemini (./fake-gemini.ts). */
export function startServerOnFakeGemini(
  label: string,
  gemini: { url: string },
  env: Record<string, string> = {},
): Promise<TestServer> {
  return startServer({
    label,
    env: { AUTH_RATE_LIMIT: "false", GEMINI_API_KEY: "test-gemini-key", GEMINI_BASE_URL: gemini.url, ...env },
  });
}

/**
 * `count` production servers on one fresh PostgreSQL database: several instances of one app.
 * Closing them stops every process and drops the database.
 */
export async function startServers(
  count: number,
  options: Omit<ServerOptions, "database" | "port"> & { databaseUrl: string },
): Promise<{ servers: TestServer[]; database: TestDatabase; close: () => Promise<void> }> {
  const database = await createPostgresDatabase(options.databaseUrl, `taskchat_test_${options.label}`);
  await applyMigrations(postgresMigrationAdapter(database.env.DATABASE_URL!));
  const servers: TestServer[] = [];
  const close = async () => {
    await Promise.all(servers.map((s) => s.close()));
    await database.drop();
  };
  try {
    // One at a time: the machine is small and each start reads the whole build.
    for (let i = 0; i < count; i++)
      servers.push(await startServer({ ...options, label: `${options.label}_${i}`, database }));
  } catch (error) {
    await close();
    throw error;
  }
  return { servers, database, close };
}
