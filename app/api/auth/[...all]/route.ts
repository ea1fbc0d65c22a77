// /api/auth/* — Better Auth (sign-up, sign-in, sign-out, session, token, jwks)
import { auth } from "@/lib/auth/server";

export const GET = (req: Request) => auth().handler(req);
export const POST = (req: Request) => auth().handler(req);
