import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { bearer, jwt } from "better-auth/plugins";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/fields";
import { authHooks, hideSessionTokens } from "@/lib/auth/hooks";
import { existingAccountMail, verificationMail } from "@/lib/auth/mails";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { mailEnabled, sendMail } from "@/lib/mail";

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function createAuth() {
  const e = env();
  const mail = mailEnabled();
  return betterAuth({
    appName: "Taskchat",
    baseURL: e.BETTER_AUTH_URL,
    secret: e.BETTER_AUTH_SECRET,
    trustedOrigins: list(e.TRUSTED_ORIGINS),
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    // With a mail transport, an address must be confirmed before it signs in, and sign-up answers
    // the same for new and taken addresses (the owner of a taken one gets a mail instead).
    // Without one (development, tests, one-person installs), sign-up signs in at once.
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      autoSignIn: !mail,
      requireEmailVerification: mail,
      onExistingUserSignUp: mail
        ? async ({ user }) => sendMail(existingAccountMail(user, new URL("/sign-in", e.BETTER_AUTH_URL).href))
        : undefined,
    },
    emailVerification: mail
      ? {
          sendOnSignUp: true,
          sendOnSignIn: true,
          autoSignInAfterVerification: true,
          expiresIn: 60 * 60,
          sendVerificationEmail: async ({ user, url }) => sendMail(verificationMail(user, url)),
        }
      : undefined,
    hooks: authHooks,
    // The user's time zone comes with the session (the same query): a chat turn needs it for its
    // system prompt, and would otherwise read it in a round trip of its own. Set only through
    // PATCH /api/me (validated there), never by sign-up or update-user.
    user: {
      additionalFields: {
        timezone: { type: "string", required: true, input: false, defaultValue: "UTC" },
      },
    },
    // No cookie cache: a session revoked elsewhere (sign out one device, sign out everywhere)
    // must stop working at once, not when a signed copy of it in the browser expires. Each
    // request reads the session with its user in one indexed query instead.
    session: { cookieCache: { enabled: false } },
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
      // Only the signed session token (`<token>.<signature>`, as sign-in and /api/auth/login hand
      // it out) works as a Bearer credential, never the bare token.
      bearer({ requireSignature: true }),
      jwt({
        // Otherwise every get-session (so every Bearer-token request, every page render: they all
        // call it) reads the signing key, decrypts it and signs a JWT that nobody reads. Clients
        // get a JWT from GET /api/auth/token.
        disableSettingJwtHeader: true,
        jwt: {
          expirationTime: "15m",
          // No more of the user than the id (`sub`) and email; `sid` ties the JWT to its session,
          // so it ends with it (lib/auth/session.ts).
          definePayload: ({ user, session }) => ({ email: user.email, sid: session.id }),
        },
      }),
      hideSessionTokens,
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
