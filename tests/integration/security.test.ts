import { networkInterfaces } from "node:os";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Session, call, signUp, uniqueEmail } from "../helpers/api";
import { type TestServer, startServer } from "../helpers/server";

// The red-team findings of issue #15, each against the production server.
let server: TestServer;
let alice: Session;

beforeAll(async () => {
  server = await startServer({ label: "security", env: { AUTH_RATE_LIMIT: "false" } });
  alice = await signUp(server.url, { name: "Alice" });
});
afterAll(async () => server?.close());

const signUpBody = (email: string, extra: Record<string, unknown> = {}) => ({
  name: "Mallory",
  email,
  password: "correct horse battery",
  ...extra,
});

async function signInStatus(email: string): Promise<number> {
  const res = await call(server.url, "POST", "/api/auth/login", { body: { email, password: "correct horse battery" } });
  return res.status;
}

describe("finding 1: every body is capped before it is read, auth included", () => {
  it("a 200 KB sign-up is refused with 413 and stores nothing", async () => {
    const email = uniqueEmail("big");
    const res = await call(server.url, "POST", "/api/auth/sign-up/email", {
      headers: { origin: server.url },
      body: signUpBody(email, { name: "x".repeat(200_000) }),
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: "payload_too_large" });
    expect(await signInStatus(email)).toBe(401);
  });

  it("a streamed sign-up without Content-Length is cut off at 64 KiB", async () => {
    const email = uniqueEmail("stream");
    const json = JSON.stringify(signUpBody(email, { image: "x".repeat(300_000) }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(json);
        for (let i = 0; i < bytes.length; i += 16_384) controller.enqueue(bytes.slice(i, i + 16_384));
        controller.close();
      },
    });
    const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await signInStatus(email)).toBe(401);
  });

  it.each([
    ["a name over 100 characters", { name: "n".repeat(101) }],
    ["a blank name", { name: "   " }],
    ["an image URL over 2048 characters", { image: `https://example.com/${"i".repeat(2100)}` }],
  ])("sign-up with %s is a 400 and stores nothing", async (_case, extra) => {
    const email = uniqueEmail("bounds");
    const res = await call(server.url, "POST", "/api/auth/sign-up/email", {
      headers: { origin: server.url },
      body: signUpBody(email, extra),
    });
    expect(res.status).toBe(400);
    expect(await signInStatus(email)).toBe(401);
  });

  it("a name of exactly 100 characters is accepted", async () => {
    const session = await signUp(server.url, { name: "n".repeat(100) });
    expect(session.user.name).toHaveLength(100);
  });

  it("renaming yourself past 100 characters is refused", async () => {
    const res = await call(server.url, "POST", "/api/auth/update-user", {
      token: alice.token,
      headers: { origin: server.url },
      body: { name: "n".repeat(101) },
    });
    expect(res.status).toBe(400);
    expect((await call(server.url, "GET", "/api/me", { token: alice.token })).body.name).toBe("Alice");
  });
});

describe("finding 9: JSON content type, and same-origin cookie writes", () => {
  const task = JSON.stringify({ title: "Cross-site?" });

  it.each([
    ["text/plain", "text/plain"],
    ["a form", "application/x-www-form-urlencoded"],
    ["no content type", undefined],
  ])("a write sent as %s is a 415 (Bearer or cookie alike)", async (_case, type) => {
    const headers: Record<string, string> = type ? { "content-type": type } : {};
    const bearer = await call(server.url, "POST", "/api/tasks", { token: alice.token, raw: task, headers });
    expect(bearer.status).toBe(415);
    expect(bearer.body).toMatchObject({ error: "unsupported_media_type" });
    const cookie = await call(server.url, "POST", "/api/tasks", {
      raw: task,
      headers: { ...headers, cookie: alice.cookie, origin: server.url },
    });
    expect(cookie.status).toBe(415);
  });

  it("a cookie-authenticated write with no Origin is refused unless Sec-Fetch-Site says same-origin", async () => {
    const post = (headers: Record<string, string>) =>
      call(server.url, "POST", "/api/tasks", {
        body: { title: "No origin" },
        headers: { cookie: alice.cookie, ...headers },
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post({ "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await post({ "sec-fetch-site": "same-origin" })).status).toBe(201);
    expect((await post({ origin: server.url })).status).toBe(201);
    expect((await post({ origin: "https://evil.example" })).status).toBe(403);
    const { body } = await call(server.url, "GET", "/api/tasks", { token: alice.token });
    expect(body.tasks.filter((t: { title: string }) => t.title === "No origin")).toHaveLength(2);
  });
});

describe("finding 10: odd inputs get proper answers", () => {
  it.each([
    ["a cursor whose id is not a uuid", ["2026-01-01T00:00:00.000Z", "x' OR 1=1"]],
    ["a cursor whose date is not a date", ["yesterday", "4a7f3a54-5c4b-4d5e-8f4b-2f1c1d0e9a11"]],
    ["a cursor that is not a pair", { id: 1 }],
  ])("GET /api/conversations with %s is a 400", async (_case, value) => {
    const cursor = Buffer.from(JSON.stringify(value)).toString("base64url");
    const res = await call(server.url, "GET", `/api/conversations?cursor=${cursor}`, { token: alice.token });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_request" });
  });

  it.each(["/api/tasks/%E0%A4%A", "/chat/%zz", "/%"])(
    "a malformed percent-escape in the path %s is a JSON 400",
    async (path) => {
      const res = await call(server.url, "GET", path, { token: alice.token });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: "invalid_request" });
    },
  );

  it("/api/mcp takes a Bearer token only: the session cookie alone is a 401", async () => {
    const init = { jsonrpc: "2.0", id: 1, method: "tools/list", params: {} };
    const headers = { accept: "application/json, text/event-stream", origin: server.url };
    const cookie = await call(server.url, "POST", "/api/mcp", {
      body: init,
      headers: { ...headers, cookie: alice.cookie },
    });
    expect(cookie.status).toBe(401);
    expect(cookie.headers.get("www-authenticate")).toBe("Bearer");
    const bearer = await call(server.url, "POST", "/api/mcp", { body: init, token: alice.token, headers });
    expect(bearer.status).toBe(200);
  });
});

describe("finding 10: `npm start -- -H 127.0.0.1` listens on that address only", () => {
  let local: TestServer;
  beforeAll(async () => {
    // Its own database: the embedded one cannot be opened by two servers.
    local = await startServer({ label: "security_host", args: ["-H", "127.0.0.1"] });
  });
  afterAll(async () => local?.stop());

  const reachable = (host: string, port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });

  it("answers on 127.0.0.1 and refuses every other address of the machine", async () => {
    expect((await call(local.url, "GET", "/api/health")).status).toBe(200);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.address !== "127.0.0.1")
      .map((a) => a!.address);
    expect(others.length).toBeGreaterThan(0); // ::1 at least
    for (const address of others) expect(await reachable(address, local.port), address).toBe(false);
    // The unrestricted server of this file does listen on them (so the check above can fail).
    expect(await reachable(others[0]!, server.port)).toBe(true);
  });
});

describe("finding 4: security headers", () => {
  it.each(["/sign-in", "/sign-up", "/chat", "/tasks"])(
    "%s sends a CSP with a nonce on its scripts, and the rest",
    async (path) => {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: alice.cookie } });
      expect(res.status).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain("unsafe-eval");
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    },
  );

  it("each page load gets a fresh nonce", async () => {
    const nonceOf = async () =>
      /'nonce-([^']+)'/.exec((await fetch(`${server.url}/sign-in`)).headers.get("content-security-policy") ?? "")?.[1];
    expect(await nonceOf()).not.toBe(await nonceOf());
  });

  it("API answers are never framed and sniffed either", async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
