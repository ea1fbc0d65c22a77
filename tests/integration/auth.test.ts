import { SignJWT, decodeJwt, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, signUp, uniqueEmail } from "../helpers/api";
import { type TestServer, startServer } from "../helpers/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ label: "auth", env: { AUTH_RATE_LIMIT: "false" } });
});
afterAll(async () => server?.close());

const UNAUTHORIZED = { error: "unauthorized", message: "Authentication failed" };

describe("sign-up and login", () => {
  it("POST /api/auth/login — returns a token and the user for the right password", async () => {
    const email = uniqueEmail("login");
    await signUp(server.url, { email, password: "a good password", name: "Lou" });
    const res = await call(server.url, "POST", "/api/auth/login", { body: { email, password: "a good password" } });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: expect.any(String), email, name: "Lou" });
    expect(res.body.token).toEqual(expect.any(String));
    const me = await call(server.url, "GET", "/api/me", { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ ...res.body.user, timezone: "UTC", timezone_set: false });
  });

  it.each([
    ["a wrong password", (email: string) => ({ email, password: "not the password" })],
    ["an unknown email", () => ({ email: uniqueEmail("nobody"), password: "a good password" })],
  ])("POST /api/auth/login — answers 401 for %s", async (_name, body) => {
    const email = uniqueEmail("wrong");
    await signUp(server.url, { email, password: "a good password" });
    const res = await call(server.url, "POST", "/api/auth/login", { body: body(email) });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("unauthorized");
    expect(res.body.token).toBeUndefined();
  });

  it.each([
    ["no body", undefined],
    ["invalid JSON", "{nope"],
    ["a missing password", JSON.stringify({ email: "a@example.com" })],
    ["a malformed email", JSON.stringify({ email: "not-an-email", password: "x" })],
    ["an array", "[]"],
  ])("POST /api/auth/login — rejects %s with 400", async (_name, raw) => {
    const res = await call(server.url, "POST", "/api/auth/login", {
      raw,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");
    expect(res.body.message).toEqual(expect.any(String));
  });

  it("a session survives a server restart (it lives in the database)", async () => {
    const session = await signUp(server.url);
    await server.restart();
    const me = await call(server.url, "GET", "/api/me", { token: session.token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(session.user.id);
  });
});

describe("credentials on a protected route (GET /api/me)", () => {
  it("accepts the session cookie", async () => {
    const session = await signUp(server.url);
    const res = await call(server.url, "GET", "/api/me", { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    expect(res.body.email).toBe(session.user.email);
  });

  it("accepts the signed session token (plain or URL-encoded), never the bare one", async () => {
    const session = await signUp(server.url);
    for (const token of [session.token, encodeURIComponent(session.token)]) {
      const res = await call(server.url, "GET", "/api/me", { token });
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(session.user.id);
    }
    const raw = await call(server.url, "GET", "/api/me", { token: session.token.split(".")[0]! });
    expect(raw.status).toBe(401);
  });

  it("accepts a JWT from /api/auth/token that carries only the id and email", async () => {
    const session = await signUp(server.url);
    const tokenRes = await call(server.url, "GET", "/api/auth/token", { token: session.token });
    expect(tokenRes.status).toBe(200);
    const jwt = tokenRes.body.token as string;
    const claims = decodeJwt(jwt);
    expect(claims.sub).toBe(session.user.id);
    expect(claims.email).toBe(session.user.email);
    expect(Object.keys(claims).sort()).toEqual(["aud", "email", "exp", "iat", "iss", "sid", "sub"]);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(15 * 60);
    const res = await call(server.url, "GET", "/api/me", { token: jwt });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: session.user.id,
      email: session.user.email,
      name: session.user.name,
      timezone: "UTC",
      timezone_set: false,
    });
  });

  it("rejects a JWT with a tampered payload", async () => {
    const session = await signUp(server.url);
    const other = await signUp(server.url);
    const jwt = (await call(server.url, "GET", "/api/auth/token", { token: session.token })).body.token as string;
    const [header, , signature] = jwt.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...decodeJwt(jwt), sub: other.user.id, email: other.user.email }),
    ).toString("base64url");
    const res = await call(server.url, "GET", "/api/me", { token: `${header}.${forgedPayload}.${signature}` });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it("rejects a JWT signed with someone else's key", async () => {
    const session = await signUp(server.url);
    const { privateKey } = await generateKeyPair("EdDSA");
    const forged = await new SignJWT({ email: session.user.email })
      .setProtectedHeader({ alg: "EdDSA", kid: "forged" })
      .setSubject(session.user.id)
      .setIssuer(server.url)
      .setAudience(server.url)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(privateKey);
    const res = await call(server.url, "GET", "/api/me", { token: forged });
    expect(res.status).toBe(401);
  });

  it.each([
    ["no credentials", {}],
    ["an empty bearer", { authorization: "Bearer " }],
    ["another scheme", { authorization: "Basic dXNlcjpwYXNz" }],
    ["a made-up token", { authorization: "Bearer not-a-real-token" }],
    ["a forged signed token", { authorization: "Bearer abc.def" }],
    ["a malformed JWT", { authorization: "Bearer a.b.c" }],
    ["a forged cookie", { cookie: "better-auth.session_token=abc.def" }],
  ])("rejects %s with 401", async (_name, headers) => {
    const res = await call(server.url, "GET", "/api/me", { headers: headers as Record<string, string> });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it("a bad Authorization header is not rescued by a valid cookie", async () => {
    const session = await signUp(server.url);
    const res = await call(server.url, "GET", "/api/me", {
      headers: { cookie: session.cookie, authorization: "Bearer forged" },
    });
    expect(res.status).toBe(401);
  });

  it("sign-out ends the session token", async () => {
    const session = await signUp(server.url);
    const out = await call(server.url, "POST", "/api/auth/sign-out", { token: session.token, body: {} });
    expect(out.status).toBe(200);
    const res = await call(server.url, "GET", "/api/me", { token: session.token });
    expect(res.status).toBe(401);
  });
});
