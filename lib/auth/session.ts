import "server-only";
import { getCookies, setRequestCookie } from "better-auth/cookies";
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import { auth } from "@/lib/auth/server";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";

/** The authenticated user, and the session the credential belongs to. */
export type AuthUser = { id: string; email: string; sessionId: string; timezone: string };

// Through Better Auth's own /jwks endpoint, which creates the key pair on first use.
async function fetchJwks(): Promise<JSONWebKeySet> {
  const response = await auth().handler(new Request(new URL("/api/auth/jwks", env().BETTER_AUTH_URL)));
  if (!response.ok) throw new Error(`JWKS unavailable (${response.status})`);
  return (await response.json()) as JSONWebKeySet;
}

type KeySet = { verify: ReturnType<typeof createLocalJWKSet>; fetchedAt: number };
let keySet: Promise<KeySet> | undefined;

// The JWKS is read from the database once and kept: keys change only on rotation, and an
// unknown key id triggers one refresh (at most every 30 s).
async function loadKeySet(refresh: boolean): Promise<KeySet> {
  const current = keySet ? await keySet.catch(() => undefined) : undefined;
  if (current && (!refresh || Date.now() - current.fetchedAt < 30_000)) return current;
  const next = fetchJwks().then((jwks) => ({ verify: createLocalJWKSet(jwks), fetchedAt: Date.now() }));
  keySet = next;
  return next;
}

/**
 * A JWT from /api/auth/token: signed by Better Auth's key, not expired (a JWT without `exp` is
 * refused), and — since it carries its session's id (`sid`) — only while that session is alive:
 * signing out or revoking the session ends the JWT too. That check is one primary-key read (with
 * the user's time zone, joined).
 */
async function verifyJwt(token: string): Promise<AuthUser | null> {
  const { BETTER_AUTH_URL } = env();
  const options = { issuer: BETTER_AUTH_URL, audience: BETTER_AUTH_URL, requiredClaims: ["exp", "sub", "sid"] };
  for (const refresh of [false, true]) {
    try {
      const { verify } = await loadKeySet(refresh);
      const { payload } = await jwtVerify(token, verify, options);
      const { sub, email, sid } = payload;
      if (typeof sub !== "string" || typeof email !== "string" || typeof sid !== "string") return null;
      const alive = await prisma.session.findFirst({
        where: { id: sid, userId: sub, expiresAt: { gt: new Date() } },
        select: { user: { select: { timezone: true } } },
      });
      return alive ? { id: sub, email, sessionId: sid, timezone: alive.user.timezone } : null;
    } catch (error) {
      // jose's error classes lose their names in a minified build; the code survives.
      if ((error as { code?: string }).code === "ERR_JWKS_NO_MATCHING_KEY" && !refresh) continue;
      return null;
    }
  }
  return null;
}

async function sessionUser(headers: Headers): Promise<AuthUser | null> {
  const session = await auth().api.getSession({ headers });
  return session
    ? { id: session.user.id, email: session.user.email, sessionId: session.session.id, timezone: session.user.timezone }
    : null;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function decoded(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/**
 * A Bearer session token is the signed session cookie's value (`<token>.<signature>`, perhaps
 * URL-encoded): handed to getSession as that cookie, its signature is checked once, by the
 * signed-cookie read, where the bearer plugin would check it first and hand it on as the same
 * cookie to be checked again. A bare (unsigned) token has no signature and finds no session.
 */
function sessionCookieOf(token: string): Headers {
  const headers = new Headers();
  setRequestCookie(headers, getCookies(auth().options).sessionToken.name, token.includes("%") ? decoded(token) : token);
  return headers;
}

/**
 * The user behind a request: a Bearer JWT (from /api/auth/token), a Bearer session token, or the
 * session cookie — all but the JWT through Better Auth's getSession (only the signed session
 * token is accepted, as by its bearer plugin). A present but malformed or invalid Authorization
 * header never falls back to the cookie: a Bearer request is checked with its token alone.
 */
export async function authenticate(headers: Headers): Promise<AuthUser | null> {
  const authorization = headers.get("authorization");
  if (authorization === null) return sessionUser(headers);
  const token = BEARER.exec(authorization)?.[1];
  if (!token) return null;
  if (token.split(".").length === 3) return verifyJwt(token);
  return sessionUser(sessionCookieOf(token));
}
