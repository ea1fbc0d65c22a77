// /api/auth/* — Better Auth (sign-up, sign-in, sign-out, session, token, jwks)
import { auth } from "@/lib/auth/server";
import { AppError } from "@/lib/errors";
import { isDatabaseHealthy } from "@/lib/health";
import { handle } from "@/lib/http";

// What Better Auth throws past its own handling goes through the one error map; what it answers
// itself with a bare 500 is, when the database is what is missing, the same 503 as everywhere.
const betterAuth = handle(async (req) => {
  const res = await auth().handler(req);
  if (res.status >= 500 && !(await isDatabaseHealthy())) throw new AppError("unavailable");
  return res;
});

export const GET = betterAuth;
export const POST = betterAuth;
