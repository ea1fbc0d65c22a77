// /api/auth/* — Better Auth (sign-up, sign-in, sign-out, session, token, jwks)
import { auth } from "@/lib/auth/server";
import { handle } from "@/lib/http";

// Inside the one error boundary, so a database outage is a 503 here too.
const betterAuth = handle((req) => auth().handler(req));

export const GET = betterAuth;
export const POST = betterAuth;
