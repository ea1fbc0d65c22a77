// /api/auth/* — Better Auth (sign-up, sign-in, sign-out, session, token, jwks), bodies capped
import { handleAuthRequest } from "@/lib/auth/handler";

export const GET = handleAuthRequest;
export const POST = handleAuthRequest;
