import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { bearer, jwt } from "better-auth/plugins";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function createAuth() {
  const e = env();
  return betterAuth({
    appName: "Taskchat",
    baseURL: e.BETTER_AUTH_URL,
    secret: e.BETTER_AUTH_SECRET,
    trustedOrigins: list(e.TRUSTED_ORIGINS),
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    emailAndPassword: { enabled: true, autoSignIn: true, minPasswordLength: 8, maxPasswordLength: 128 },
    session: {
      // Signed session data in a short-lived cookie: most browser requests need no session query.
      cookieCache: { enabled: true, maxAge: 5 * 60 },
    },
    rateLimit: {
      // On in production (Better Auth's default), switchable for local load tests.
      enabled: e.AUTH_RATE_LIMIT ?? e.isProduction,
      storage: "database",
      window: 10,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 10 },
        "/sign-up/email": { window: 60, max: 5 },
      },
    },
    advanced: {
      // Session + user in one query.
      database: { joins: true },
      ipAddress: {
        // `npm start` (scripts/start.mjs) and Vercel both set X-Forwarded-For themselves, replacing
        // whatever the client sent; behind another proxy, TRUSTED_PROXIES names it.
        ipAddressHeaders: ["x-forwarded-for"],
        trustedProxies: list(e.TRUSTED_PROXIES),
      },
    },
    plugins: [
      bearer(),
      jwt({
        // Otherwise every get-session (so every Bearer-token request, every page render: they all
        // call it) reads the signing key, decrypts it and signs a JWT that nobody reads. Clients
        // get a JWT from GET /api/auth/token.
        disableSettingJwtHeader: true,
        jwt: {
          expirationTime: "15m",
          // No more of the user than the id (`sub`) and email.
          definePayload: ({ user }) => ({ email: user.email }),
        },
      }),
      nextCookies(), // must stay last
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as typeof globalThis & { __taskchatAuth?: Auth };

/** The Better Auth instance, created on first use. */
export function auth(): Auth {
  holder.__taskchatAuth ??= createAuth();
  return holder.__taskchatAuth;
}
