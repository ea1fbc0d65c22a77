import "server-only";
import { type AuthUser, authenticate } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { type Handler, type RouteContext, handle } from "@/lib/http";

type Params = Record<string, string | string[] | undefined>;
export type UserHandler<P extends Params> = (
  req: Request,
  ctx: { user: AuthUser; params: P },
) => Promise<Response>;

/** Wraps a handler that needs a signed-in user (cookie, Bearer session token or Bearer JWT). */
export function withUser<P extends Params = Params>(handler: UserHandler<P>): Handler<P> {
  return handle(async (req: Request, ctx: RouteContext<P>) => {
    const user = await authenticate(req.headers);
    if (!user) throw new AppError("unauthorized");
    return handler(req, { user, params: await ctx.params });
  });
}
