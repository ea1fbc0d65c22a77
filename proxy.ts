// Optimistic redirects only: a visitor without a session cookie is sent to /sign-in before the
// page renders. Every page and handler still checks the session itself (Better Auth's guidance).
import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";

export function proxy(request: NextRequest) {
  if (!getSessionCookie(request)) {
    return NextResponse.redirect(new URL("/sign-in", request.url));
  }
  return NextResponse.next();
}

export const config = { matcher: ["/chat/:path*", "/chatkit/:path*", "/tasks/:path*"] };
