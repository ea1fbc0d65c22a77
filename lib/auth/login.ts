import "server-only";
import { z } from "zod";
import { auth } from "@/lib/auth/server";
import { AppError } from "@/lib/errors";

export const loginSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(128),
});

export type LoginResult = { token: string; user: { id: string; email: string; name: string } };

/**
 * Email + password sign-in for scripts. It goes through Better Auth's own HTTP handler (not
 * auth.api) so the sign-in rate limit and its client-address rules apply here too.
 */
export async function loginWithPassword(req: Request, credentials: z.infer<typeof loginSchema>): Promise<LoginResult> {
  const headers = new Headers({ "content-type": "application/json" });
  for (const name of ["x-forwarded-for", "user-agent", "origin"]) {
    const value = req.headers.get(name);
    if (value) headers.set(name, value);
  }
  const url = new URL("/api/auth/sign-in/email", req.url);
  const response = await auth().handler(
    new Request(url, { method: "POST", headers, body: JSON.stringify(credentials) }),
  );
  if (response.status === 429) {
    const retryAfter = response.headers.get("x-retry-after") ?? "60";
    throw new AppError("rate_limited", "Too many sign-in attempts, try again later", {
      headers: { "Retry-After": retryAfter },
    });
  }
  if (response.status === 403) {
    throw new AppError("forbidden", "Confirm your email address first: we have sent you a link");
  }
  if (response.status === 401 || response.status === 400) {
    throw new AppError("unauthorized", "Invalid email or password");
  }
  if (!response.ok) throw new AppError("internal_error", undefined, { cause: await response.text() });
  const token = response.headers.get("set-auth-token");
  const body = (await response.json()) as { user: LoginResult["user"] };
  if (!token) throw new AppError("internal_error", undefined, { cause: "sign-in returned no set-auth-token" });
  return { token, user: { id: body.user.id, email: body.user.email, name: body.user.name } };
}
