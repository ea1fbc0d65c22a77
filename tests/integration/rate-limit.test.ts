import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, uniqueEmail } from "../helpers/api";
import { type TestServer, startServer } from "../helpers/server";

// The production defaults: Better Auth's limiter on, stored in the database, no proxy trusted.
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ label: "ratelimit" });
});
afterAll(async () => server?.close());

async function attempts(n: number, headers: (i: number) => Record<string, string>) {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    // A different account each time: the per-account backoff stays out of the way of the per-client limit.
    const res = await call(server.url, "POST", "/api/auth/sign-in/email", {
      body: { email: `nobody-${i}@example.com`, password: "wrong password" },
      headers: headers(i),
    });
    statuses.push(res.status);
  }
  return statuses;
}

/** Signs in wrongly from this client until the limiter answers 429 (each test sets up its own state). */
async function exhaustSignIns() {
  for (let i = 0; i < 20; i++) {
    const res = await call(server.url, "POST", "/api/auth/sign-in/email", {
      body: { email: uniqueEmail("exhaust"), password: "wrong password" },
    });
    if (res.status === 429) return;
  }
  throw new Error("the sign-in limit never answered 429");
}

describe("sign-in rate limit", () => {
  it("limits repeated sign-ins from one client, even when it sends its own X-Forwarded-For", async () => {
    const statuses = await attempts(14, (i) => ({ "x-forwarded-for": `203.0.113.${i + 1}` }));
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
  });

  it("POST /api/auth/login shares the limit and answers 429 with Retry-After", async () => {
    await exhaustSignIns();
    const res = await call(server.url, "POST", "/api/auth/login", {
      body: { email: "nobody@example.com", password: "wrong password" },
    });
    expect(res.status).toBe(429);
    expect(res.body.error).toBe("rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("is counted in the database, so it holds across a restart", async () => {
    await exhaustSignIns();
    await server.restart();
    const res = await call(server.url, "POST", "/api/auth/sign-in/email", {
      body: { email: "nobody@example.com", password: "wrong password" },
    });
    expect(res.status).toBe(429);
  });

  it("keeps sign-up limited too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i}` },
        body: JSON.stringify({ name: "Rate", email: uniqueEmail("rl"), password: "long enough password" }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
