// POST /api/auth/login — email + password → {token, user} for scripts and curl
import { loginSchema, loginWithPassword } from "@/lib/auth/login";
import { handle, methods, readBody } from "@/lib/http";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: handle(async (req) => {
    const credentials = await readBody(req, loginSchema);
    return Response.json(await loginWithPassword(req, credentials));
  }),
});
