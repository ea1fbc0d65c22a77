// A real outage: a production server on its own PostgreSQL database, which the test then makes
// unreachable (its connections terminated, new ones refused) and brings back.
import pg from "pg";
import { applyMigrations, postgresMigrationAdapter } from "@/lib/database/schema-engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Session, call, signUp } from "../helpers/api";
import { type TestDatabase, baseUrl, createPostgresDatabase } from "../helpers/database";
import { type TestServer, startServer } from "../helpers/server";

// The tests' PostgreSQL server, or the local one the benchmarks use; PGlite lives inside the
// server process and cannot be taken away from it.
const serverUrl = baseUrl ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const available = await reachable(serverUrl);

describe.skipIf(!available)("the database going away", () => {
  let database: TestDatabase;
  let server: TestServer;
  let alice: Session;
  let name: string;

  beforeAll(async () => {
    database = await createPostgresDatabase(serverUrl, "taskchat_test_outage");
    name = new URL(database.env.DATABASE_URL!).pathname.slice(1);
    // The server migrates nothing itself on PostgreSQL: a deploy step does.
    await applyMigrations(postgresMigrationAdapter(database.env.DATABASE_URL!));
    server = await startServer({ label: "outage", database, env: { AUTH_RATE_LIMIT: "false" } });
    alice = await signUp(server.url, { name: "Alice" });
    const added = await call(server.url, "POST", "/api/tasks", { token: alice.token, body: { title: "Buy milk" } });
    expect(added.status).toBe(201);

    await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
  });

  afterAll(async () => {
    await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await server?.stop();
    await database?.drop();
  });

  const bearer = () => ({ token: alice.token });
  const cookie = () => ({ headers: { cookie: alice.cookie, origin: server.url } });

  it.each([
    ["GET", "/api/tasks", bearer],
    ["GET", "/api/tasks", cookie],
    ["POST", "/api/tasks", () => ({ ...bearer(), body: { title: "Call mom" } })],
    ["PATCH", "/api/tasks/1", () => ({ ...bearer(), body: { completed: true } })],
    ["POST", "/api/chat", () => ({ ...bearer(), body: { message: "Show me my tasks" } })],
    ["GET", "/api/conversations", bearer],
    ["GET", "/api/me", bearer],
    ["GET", "/api/auth/get-session", bearer],
    [
      "POST",
      "/api/auth/sign-in/email",
      () => ({ headers: { origin: server.url }, body: { email: alice.user.email, password: alice.password } }),
    ],
    ["POST", "/api/auth/login", () => ({ body: { email: alice.user.email, password: alice.password } })],
    ["POST", "/api/mcp", () => ({ ...bearer(), body: { jsonrpc: "2.0", id: 1, method: "tools/list" } })],
  ] as const)("%s %s (%o) — 503 unavailable with Retry-After", async (method, path, options) => {
    const res = await call(server.url, method, path, options());
    expect({ status: res.status, body: res.body }).toEqual({
      status: 503,
      body: { error: "unavailable", message: "Service temporarily unavailable" },
    });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("POST /api/chatkit — 503 unavailable, with Retry-After", async () => {
    // Sign-in itself needs the database (there is no cookie cache since sessions can be revoked):
    // the outage is a 503 whichever layer meets it first.
    const res = await call(server.url, "POST", "/api/chatkit", {
      ...cookie(),
      body: { type: "threads.list", params: { limit: 5 } },
    });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: "unavailable" });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("GET /api/health — 503", async () => {
    const res = await call(server.url, "GET", "/api/health");
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: "error" });
  });

  it("recovers as soon as the database is back, with nothing acknowledged lost", async () => {
    await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    const health = await call(server.url, "GET", "/api/health");
    expect(health.status).toBe(200);
    const list = await call(server.url, "GET", "/api/tasks", bearer());
    expect(list.status).toBe(200);
    expect(list.body.tasks.map((t: { title: string }) => t.title)).toEqual(["Buy milk"]);
  });
});
