// /api/auth/* — Better Auth (sign-up, sign-in, sign-out, session, token, jwks), bodies capped
import { handleAuthRequest } from "@/lib/auth/handler";
import { handle } from "@/lib/http";

// Inside the one error boundary, so a database outage is a 503 here too.
const betterAuth = handle(handleAuthRequest);

export const GET = betterAuth;
export const POST = betterAuth;
