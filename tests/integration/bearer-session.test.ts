import { beforeAll, describe, expect, it } from "vitest";
import { type QueryEvent, onQuery } from "@/lib/database/instrument";
import { setupTestDatabase } from "../helpers/in-process";
import { TEST_SECRET } from "../helpers/server";

// authenticate() with a Bearer session token, in-process: the checks it makes itself (signature,
// one query) and the cases it leaves to Better Auth (sliding refresh, expiry).
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

beforeAll(() => {
  process.env.BETTER_AUTH_SECRET = TEST_SECRET;
});

describe("a Bearer session token", () => {
  it("is checked with one query (the session with its user), signed, URL-encoded or bare", async () => {
    const session = await signUp("one-query@example.com");
    for (const token of [session.token, encodeURIComponent(session.token), session.raw]) {
      const events: QueryEvent[] = [];
      const stop = onQuery((e) => events.push(e));
      const user = await authenticate(bearer(token)).finally(stop);
      expect(user).toMatchObject({ email: "one-query@example.com" });
      expect(events).toHaveLength(1);
      expect(events[0]!.sql).toMatch(/FROM "public"\."sessions".*JOIN LATERAL/s);
    }
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
