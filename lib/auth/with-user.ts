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
 * Defence in depth against cross-site requests riding on the session cookie (SameSite=Lax
 * already stops most): a cookie-authenticated change must come from the app's own origin.
 * Bearer requests carry their credential explicitly and are not affected.
 */
function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method) || req.headers.has("authorization")) return;
  const origin = req.headers.get("origin");
  if (!origin) return;
  const e = env();
  const allowed = [new URL(req.url).origin, new URL(e.BETTER_AUTH_URL).origin, ...(e.TRUSTED_ORIGINS ?? "").split(",")]
    .map((o) => o.trim())
    .filter(Boolean);
  if (!allowed.includes(origin)) throw new AppError("forbidden", "Cross-site request refused");
}

/** Wraps a handler that needs a signed-in user (cookie, Bearer session token or Bearer JWT). */
export function withUser<P extends Params = Params>(handler: UserHandler<P>): Handler<P> {
  return handle(async (req: Request, ctx: RouteContext<P>) => {
    const user = await authenticate(req.headers);
    if (!user) throw new AppError("unauthorized");
    assertSameOrigin(req);
    // The app's pages call the API with the session cookie; scripts and other clients with a
    // Bearer token: that is the door their changes are recorded under.
    const actor: Actor = { userId: user.id, source: req.headers.has("authorization") ? "rest" : "page" };
    return handler(req, { user, actor, params: await ctx.params });
  });
}
