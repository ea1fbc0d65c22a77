import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { authFieldsSchema } from "@/lib/auth/fields";
import { passwordProblem } from "@/lib/auth/password";
import { clearSignInFailures, recordSignInFailure, signInWait } from "@/lib/auth/sign-in-backoff";

// Where Better Auth takes a new password, and in which field.
const NEW_PASSWORD_FIELD: Record<string, "password" | "newPassword"> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
};

const strings = (...values: unknown[]) => values.filter((v): v is string => typeof v === "string");

/**
 * Before any Better Auth endpoint runs: every body field bounded; a new password long and hard
 * enough to guess (the reason goes back to the form); a sign-in refused while its account is in
 * backoff.
 */
const before = createAuthMiddleware(async (ctx) => {
  if (typeof ctx.body !== "object" || ctx.body === null) return;
  const parsed = authFieldsSchema.safeParse(ctx.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw new APIError("BAD_REQUEST", {
      message: `${where}${issue?.message ?? "invalid field"}`,
      code: "INVALID_FIELD",
    });
  }
  const body = parsed.data;
  const passwordField = NEW_PASSWORD_FIELD[ctx.path];
  const password = passwordField ? body[passwordField] : undefined;
  if (password !== undefined) {
    const problem = passwordProblem(password, strings(body.email, body.name));
    if (problem) throw new APIError("BAD_REQUEST", { message: problem, code: "PASSWORD_TOO_WEAK" });
  }
  if (ctx.path === "/sign-in/email" && body.email) {
    const wait = await signInWait(body.email);
    if (wait > 0) {
      throw new APIError(
        "TOO_MANY_REQUESTS",
        {
          message: `Too many failed sign-ins for this account. Try again in ${wait} seconds.`,
          code: "SIGN_IN_BACKOFF",
        },
        { "Retry-After": String(wait), "X-Retry-After": String(wait) },
      );
    }
  }
});

/** After a sign-in: a wrong password counts towards the account's backoff; a right one clears it. */
const after = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== "/sign-in/email") return;
  const email: unknown = ctx.body?.email;
  if (typeof email !== "string") return;
  const returned: unknown = ctx.context.returned;
  if (!isAPIError(returned)) await clearSignInFailures(email);
  else if (returned.statusCode === 401) await recordSignInFailure(email);
});

export const authHooks = { before, after };

// /list-sessions would hand any one session's holder every other session's token (each a working
// credential): it answers without them. Revoking another session goes through /api/sessions.
export const hideSessionTokens = {
  id: "hide-session-tokens",
  hooks: {
    after: [
      {
        matcher: (ctx) => ctx.path === "/list-sessions",
        handler: createAuthMiddleware(async (ctx) => {
          const sessions: unknown = ctx.context.returned;
          if (!Array.isArray(sessions)) return;
          return ctx.json(sessions.map((session: Record<string, unknown>) => ({ ...session, token: undefined })));
        }),
      },
    ],
  },
} satisfies BetterAuthPlugin;
