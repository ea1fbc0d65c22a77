import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/server";

/** The signed-in user for a page render (deduplicated per request), or null. */
export const getCurrentUser = cache(async () => {
  const session = await auth().api.getSession({ headers: await headers() });
  return session
    ? {
        id: session.user.id,
        email: session.user.email,
        name: session.user.name,
        sessionId: session.session.id,
        timezone: session.user.timezone,
      }
    : null;
});

/** The signed-in user, or a redirect to /sign-in: the real check behind proxy.ts's optimistic one. */
export async function requireUser() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
