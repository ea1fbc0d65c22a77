import "server-only";
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

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The user behind a request: a Bearer JWT (from /api/auth/token), a Bearer session token, or the
 * session cookie. A present but malformed Authorization header never falls back to the cookie.
 */
export async function authenticate(headers: Headers): Promise<AuthUser | null> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const token = BEARER.exec(authorization)?.[1];
    if (!token) return null;
    if (token.split(".").length === 3) return verifyJwt(token);
  }
  const session = await auth().api.getSession({ headers });
  return session ? { id: session.user.id, email: session.user.email } : null;
}
