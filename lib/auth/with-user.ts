import "server-only";
import { type AuthUser, authenticate } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/events/record";
import { type Handler, type RouteContext, handle } from "@/lib/http";

type Params = Record<string, string | string[] | undefined>;
export type UserHandler<P extends Params> = (
  req: Request,
  ctx: { user: AuthUser; actor: Actor; params: P },
) => Promise<Response>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A cookie-authenticated change must come from the app's own pages: a same-origin `Origin`
 * header (browsers send it on every non-GET fetch), or, failing that, `Sec-Fetch-Site:
 * same-origin`. A request with neither is refused rather than trusted (SameSite=Lax already stops
 * most cross-site requests; this closes the rest). Bearer requests carry their credential
 * explicitly and are not affected.
 */
function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method) || req.headers.has("authorization")) return;
  const origin = req.headers.get("origin");
  if (!origin) {
    if (req.headers.get("sec-fetch-site") === "same-origin") return;
    throw new AppError("forbidden", "Cross-site request refused");
  }
  const e = env();
  const allowed = [new URL(req.url).origin, new URL(e.BETTER_AUTH_URL).origin, ...(e.TRUSTED_ORIGINS ?? "").split(",")]
    .map((o) => o.trim())
    .filter(Boolean);
  if (!allowed.includes(origin)) throw new AppError("forbidden", "Cross-site request refused");
}

export type WithUserOptions = {
  /** `"bearer"`: only an Authorization header counts (API-only doors such as /api/mcp). */
  credentials?: "any" | "bearer";
};

/** Wraps a handler that needs a signed-in user (cookie, Bearer session token or Bearer JWT). */
export function withUser<P extends Params = Params>(
  handler: UserHandler<P>,
  options: WithUserOptions = {},
): Handler<P> {
  return handle(async (req: Request, ctx: RouteContext<P>) => {
    if (options.credentials === "bearer" && !req.headers.has("authorization")) {
      throw new AppError("unauthorized", undefined, { headers: { "WWW-Authenticate": "Bearer" } });
    }
    const user = await authenticate(req.headers);
    if (!user) throw new AppError("unauthorized");
    assertSameOrigin(req);
    // The app's pages call the API with the session cookie; scripts and other clients with a
    // Bearer token: that is the door their changes are recorded under.
    const source = req.headers.has("authorization") ? "rest" : "page";
    const actor: Actor = { userId: user.id, source, timezone: user.timezone };
    return handler(req, { user, actor, params: await ctx.params });
  });
}
