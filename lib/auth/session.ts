import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import { auth } from "@/lib/auth/server";
import { env } from "@/lib/env";

export type AuthUser = { id: string; email: string };

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

async function verifyJwt(token: string): Promise<AuthUser | null> {
  const { BETTER_AUTH_URL } = env();
  const options = { issuer: BETTER_AUTH_URL, audience: BETTER_AUTH_URL };
  for (const refresh of [false, true]) {
    try {
      const { verify } = await loadKeySet(refresh);
      const { payload } = await jwtVerify(token, verify, options);
      if (typeof payload.sub !== "string" || typeof payload.email !== "string") return null;
      return { id: payload.sub, email: payload.email };
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
  return session ? { id: session.user.id, email: session.user.email } : null;
}

function decodeToken(token: string): string | null {
  try {
    return token.includes("%") ? decodeURIComponent(token) : token;
  } catch {
    return null;
  }
}

/**
 * A Bearer session token, checked as Better Auth's bearer plugin and getSession check it — the
 * bare token, or `<token>.<base64 HMAC-SHA256 of it>` whose signature must match — then found
 * with its user in one query, through Better Auth's own adapter. Running the get-session
 * endpoint in-process for this (its hooks, cookie parsing, Web Crypto key imports, and a
 * re-signed cookie cache that no Bearer client receives) costs several times that query on
 * every API request. Whenever Better Auth has something to do — the session is due for its
 * sliding refresh, or has expired and is to be deleted — the request goes through getSession.
 */
async function verifySessionToken(token: string, headers: Headers): Promise<AuthUser | null> {
  const [value, signature, ...rest] = decodeToken(token)?.split(".") ?? [];
  if (!value || rest.length > 0) return null;
  const context = await auth().$context;
  if (signature !== undefined) {
    const expected = createHmac("sha256", context.secret).update(value).digest();
    const given = Buffer.from(signature, "base64");
    if (signature.length !== 44 || given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  }
  const found = await context.internalAdapter.findSession(value);
  if (!found) return null;
  const { expiresIn, updateAge } = context.sessionConfig;
  const expiresAt = found.session.expiresAt.getTime();
  const refreshDue = expiresAt - expiresIn * 1000 + updateAge * 1000 <= Date.now();
  if (expiresAt <= Date.now() || refreshDue) return sessionUser(headers);
  return { id: found.user.id, email: found.user.email };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The user behind a request: a Bearer JWT (from /api/auth/token), a Bearer session token, or the
 * session cookie. A present but malformed or invalid Authorization header never falls back to
 * the cookie.
 */
export async function authenticate(headers: Headers): Promise<AuthUser | null> {
  const authorization = headers.get("authorization");
  if (authorization === null) return sessionUser(headers);
  const token = BEARER.exec(authorization)?.[1];
  if (!token) return null;
  return token.split(".").length === 3 ? verifyJwt(token) : verifySessionToken(token, headers);
}
