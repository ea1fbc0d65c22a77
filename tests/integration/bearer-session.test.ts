import { symmetricDecrypt } from "better-auth/crypto";
import { SignJWT, decodeJwt, importJWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "../helpers/in-process";
import { TEST_SECRET } from "../helpers/server";

// authenticate(), in-process: Bearer session tokens go through Better Auth's public getSession
// (bearer plugin, signed tokens only), so its sliding refresh and expiry apply; JWTs are checked
// against their session.
setupTestDatabase("bearer_session");

const DAY = 24 * 60 * 60 * 1000;

async function signUp(email: string) {
  const { auth } = await import("@/lib/auth/server");
  const res = await auth().api.signUpEmail({
    body: { name: "Bearer", email, password: "correct horse battery" },
    asResponse: true,
  });
  const token = res.headers.get("set-auth-token");
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (!token) throw new Error("no set-auth-token");
  return { token, raw: token.split(".")[0]!, cookie, email };
}

async function authenticate(headers: Record<string, string>) {
  const { authenticate } = await import("@/lib/auth/session");
  return authenticate(new Headers(headers));
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function jwtFor(token: string): Promise<string> {
  const { auth } = await import("@/lib/auth/server");
  return (await auth().api.getToken({ headers: new Headers(bearer(token)) })).token;
}

/** Signs claims with the server's own JWKS key (as only the server could): to test what it accepts. */
async function signWithServerKey(claims: Record<string, unknown>, exp: boolean): Promise<string> {
  const { prisma } = await import("@/lib/db");
  const key = await prisma.jwks.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
  const jwk = JSON.parse(await symmetricDecrypt({ key: TEST_SECRET, data: JSON.parse(key.privateKey) }));
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: key.alg ?? "EdDSA", kid: key.id }).setIssuedAt();
  if (exp) jwt.setExpirationTime("10m");
  return jwt.sign(await importJWK(jwk, key.alg ?? "EdDSA"));
}

beforeAll(() => {
  process.env.BETTER_AUTH_SECRET = TEST_SECRET;
});

describe("a Bearer session token", () => {
  it("is accepted signed or URL-encoded, and refused bare", async () => {
    const session = await signUp("signed@example.com");
    for (const token of [session.token, encodeURIComponent(session.token)]) {
      expect(await authenticate(bearer(token))).toMatchObject({ email: "signed@example.com" });
    }
    expect(await authenticate(bearer(session.raw))).toBeNull();
  });

  it.each([
    ["a wrong signature", (t: string) => `${t.split(".")[0]}.${"A".repeat(43)}=`],
    ["a truncated signature", (t: string) => t.slice(0, -2)],
    ["another session's signature", (t: string) => `${"x".repeat(32)}.${t.split(".")[1]}`],
    ["an unknown token", () => "x".repeat(32)],
  ])("with %s is refused, even beside a valid session cookie", async (_name, forge) => {
    const session = await signUp(`forged-${Math.random().toString(36).slice(2)}@example.com`);
    expect(await authenticate({ ...bearer(forge(session.token)), cookie: session.cookie })).toBeNull();
  });

  it("due for its sliding refresh is extended, by Better Auth", async () => {
    const session = await signUp("refresh@example.com");
    const { prisma } = await import("@/lib/db");
    // Last refreshed two days ago: 5 of its 7 days left, past Better Auth's one-day update age.
    await prisma.session.update({ where: { token: session.raw }, data: { expiresAt: new Date(Date.now() + 5 * DAY) } });
    expect(await authenticate(bearer(session.token))).toMatchObject({ email: "refresh@example.com" });
    const { expiresAt } = await prisma.session.findUniqueOrThrow({ where: { token: session.raw } });
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * DAY);
  });

  it("that has expired is refused and deleted, by Better Auth", async () => {
    const session = await signUp("expired@example.com");
    const { prisma } = await import("@/lib/db");
    await prisma.session.update({ where: { token: session.raw }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticate(bearer(session.token))).toBeNull();
    expect(await prisma.session.findUnique({ where: { token: session.raw } })).toBeNull();
  });
});

describe("every credential", () => {
  it("brings the user's time zone with the session (no read of its own), and a change at once", async () => {
    const session = await signUp("zone@example.com");
    const jwt = await jwtFor(session.token);
    const { prisma } = await import("@/lib/db");
    const { setTimezone } = await import("@/lib/tasks/service");
    for (const headers of [bearer(session.token), bearer(jwt), { cookie: session.cookie }]) {
      expect(await authenticate(headers)).toMatchObject({ email: "zone@example.com", timezone: "UTC" });
    }
    const { userId } = await prisma.session.findUniqueOrThrow({ where: { token: session.raw } });
    await setTimezone(userId, "Asia/Karachi");
    for (const headers of [bearer(session.token), bearer(jwt), { cookie: session.cookie }]) {
      const { captureQueries } = await import("../helpers/in-process");
      let user: unknown;
      const queries = await captureQueries(async () => (user = await authenticate(headers)));
      expect(user).toMatchObject({ timezone: "Asia/Karachi" });
      expect(queries).toHaveLength(1);
    }
  });

  it("cannot set the time zone through Better Auth's own endpoints", async () => {
    const { auth } = await import("@/lib/auth/server");
    const body = { name: "Zone", email: "zone-input@example.com", password: "correct horse battery", timezone: "Asia/Tokyo" };
    const res = await auth().api.signUpEmail({ body, asResponse: true });
    // Better Auth drops a field it does not take as input: the account is made, in UTC.
    expect(res.status).toBe(200);
    const { prisma } = await import("@/lib/db");
    expect(await prisma.user.findUniqueOrThrow({ where: { email: body.email } })).toMatchObject({ timezone: "UTC" });
    expect(await authenticate(bearer(res.headers.get("set-auth-token")!))).toMatchObject({ timezone: "UTC" });
  });
});

describe("a Bearer JWT", () => {
  it("carries its session id and works while that session lives", async () => {
    const session = await signUp("jwt-alive@example.com");
    const jwt = await jwtFor(session.token);
    const { prisma } = await import("@/lib/db");
    const { id } = await prisma.session.findUniqueOrThrow({ where: { token: session.raw } });
    expect(decodeJwt(jwt).sid).toBe(id);
    expect(await authenticate(bearer(jwt))).toMatchObject({ email: "jwt-alive@example.com", sessionId: id });
    await prisma.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticate(bearer(jwt))).toBeNull();
  });

  it("signed by the server's key is refused without exp, or without a session id", async () => {
    const session = await signUp("jwt-claims@example.com");
    const claims = decodeJwt(await jwtFor(session.token));
    const { iss, aud, sub, email, sid } = claims;
    expect(await authenticate(bearer(await signWithServerKey({ iss, aud, sub, email, sid }, true)))).toMatchObject({
      email: "jwt-claims@example.com",
    });
    expect(await authenticate(bearer(await signWithServerKey({ iss, aud, sub, email, sid }, false)))).toBeNull();
    expect(await authenticate(bearer(await signWithServerKey({ iss, aud, sub, email }, true)))).toBeNull();
    // Someone else's session id does not keep a JWT alive either.
    const other = await signUp("jwt-other@example.com");
    const otherSid = decodeJwt(await jwtFor(other.token)).sid;
    expect(
      await authenticate(bearer(await signWithServerKey({ iss, aud, sub, email, sid: otherSid }, true))),
    ).toBeNull();
  });
});
