// Every page passes through here:
// - its Content-Security-Policy, with a fresh nonce that Next.js puts on its own scripts (it
//   reads the policy from the request headers set below);
// - optimistic redirects only: a visitor to an app page without a session cookie is sent to
//   /sign-in before the page renders. Every page and handler still checks the session itself
//   (Better Auth's guidance).
import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/security/headers";

const APP_PAGES = /^\/(chat|chatkit|tasks|sessions)(\/|$)/;

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (APP_PAGES.test(pathname) && !getSessionCookie(request)) {
    return NextResponse.redirect(new URL("/sign-in", request.url));
  }
  const e = env();
  const csp = contentSecurityPolicy({
    nonce: Buffer.from(crypto.randomUUID()).toString("base64"),
    development: !e.isProduction,
    chatkit: Boolean(e.NEXT_PUBLIC_CHATKIT_DOMAIN_KEY) && /^\/chatkit(\/|$)/.test(pathname),
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Pages only: not the API, Next's static files or the icon (they get next.config.ts's headers).
  matcher: ["/((?!api/|_next/static|_next/image|icon.svg|favicon.ico|health$).*)"],
};
