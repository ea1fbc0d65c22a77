import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, signUp } from "../helpers/api";
import { createEmbeddedDatabase } from "../helpers/database";
import { type TestServer, startServer, startServerExpectingFailure } from "../helpers/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ label: "platform", env: { AUTH_RATE_LIMIT: "false" } });
});
afterAll(async () => server?.close());

describe("health", () => {
  it.each(["/api/health", "/health"])("GET %s — ok when the database answers", async (path) => {
    const res = await call(server.url, "GET", path);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("GET /api/health — 503 when the database does not answer", async () => {
    const broken = await startServer({
      label: "nodb",
      database: {
        env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" },
        kind: "postgres",
        drop: async () => {},
      },
      waitFor: "listening",
    });
    try {
      for (const path of ["/api/health", "/health"]) {
        const res = await call(broken.url, "GET", path);
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ status: "error" });
      }
    } finally {
      await broken.close();
    }
  });
});

describe("the error contract", () => {
  it("answers unknown API paths with a JSON 404", async () => {
    const res = await call(server.url, "GET", "/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: "not_found", message: expect.stringContaining("/api/nothing-here") });
  });

  it.each([
    ["DELETE", "/api/health"],
    ["POST", "/api/me"],
    ["PUT", "/api/auth/login"],
    ["GET", "/api/auth/login"],
  ])("answers %s %s with a JSON 405 and an Allow header", async (method, path) => {
    const res = await call(server.url, method, path);
    expect(res.status).toBe(405);
    expect(res.body.error).toBe("method_not_allowed");
    expect(res.headers.get("allow")).toBeTruthy();
  });

  it("answers a body over 64 KiB with 413", async () => {
    const huge = JSON.stringify({ email: "a@example.com", password: "x".repeat(70 * 1024) });
    const res = await call(server.url, "POST", "/api/auth/login", {
      raw: huge,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe("payload_too_large");
  });

  it("answers 413 even when the body is streamed without a Content-Length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("never shows a stack trace or internals in an error", async () => {
    const session = await signUp(server.url);
    const res = await call(server.url, "POST", "/api/auth/login", {
      raw: '{"email": 1',
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/at \w+ \(|node_modules|prisma/i);
    expect(session.token).toBeTruthy();
  });
});

describe("start-up guards", () => {
  it("a second server on the same embedded database refuses to start, and the first keeps working", async () => {
    const database = createEmbeddedDatabase("lock");
    const first = await startServer({ label: "lock", database, env: { AUTH_RATE_LIMIT: "false" } });
    try {
      const user = await signUp(first.url);
      const second = await startServerExpectingFailure({ PGLITE_DIR: database.env.PGLITE_DIR! });
      expect(second.code).toBe(1);
      expect(second.output).toContain("is in use by another process");
      expect((await call(first.url, "GET", "/api/me", { token: user.token })).status).toBe(200);
      // After a clean stop the data is intact and the next server opens it.
      await first.restart();
      expect((await call(first.url, "GET", "/api/me", { token: user.token })).status).toBe(200);
    } finally {
      await first.close();
      await database.drop();
    }
  });

  it("a serverless production deployment without DATABASE_URL refuses to start", async () => {
    const { code, output } = await startServerExpectingFailure({ VERCEL: "1" });
    expect(code).toBe(1);
    expect(output).toContain("DATABASE_URL is not set");
  });

  it("production without BETTER_AUTH_SECRET refuses to start", async () => {
    const { code, output } = await startServerExpectingFailure({ BETTER_AUTH_SECRET: "", PGLITE_DIR: "memory://" });
    expect(code).toBe(1);
    expect(output).toContain("BETTER_AUTH_SECRET is required in production");
  });
});
