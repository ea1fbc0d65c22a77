import "server-only";
import { auth } from "@/lib/auth/server";
import { errorResponse } from "@/lib/errors";
import { readBytes } from "@/lib/http";

/**
 * Better Auth's HTTP handler behind the same 64 KiB body cap as every other door: the body is
 * read (bounded) here and handed on, so an oversized sign-up is refused before anything is
 * buffered or stored.
 */
export async function handleAuthRequest(req: Request): Promise<Response> {
  if (req.method === "GET" || req.method === "HEAD") return auth().handler(req);
  let body: Buffer;
  try {
    body = await readBytes(req);
  } catch (error) {
    return errorResponse(error);
  }
  return auth().handler(new Request(req.url, { method: req.method, headers: req.headers, body: new Uint8Array(body) }));
}
