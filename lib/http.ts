// Plumbing shared by every route handler: the error boundary, 405s, bounded JSON bodies.
import type { z } from "zod";
import { type QueryEvent, recordQueries, serverTiming } from "@/lib/database/instrument";
import { env } from "@/lib/env";
import { AppError, errorResponse, invalidRequest } from "@/lib/errors";
import { isDatabaseHealthy } from "@/lib/health";

export const MAX_BODY_BYTES = 64 * 1024;

type Params = Record<string, string | string[] | undefined>;
export type RouteContext<P extends Params = Params> = { params: Promise<P> };
export type Handler<P extends Params = Params> = (req: Request, ctx: RouteContext<P>) => Promise<Response>;

/**
 * The one error boundary: anything thrown becomes the JSON error of lib/errors, and a 500
 * while the database is away a 503. With
 * DB_QUERY_STATS=1 (benchmarks), the response also reports the request's database round trips
 * in a Server-Timing header.
 */
export function handle<P extends Params>(handler: Handler<P>): Handler<P> {
  const guarded: Handler<P> = async (req, ctx) => {
    let response: Response;
    try {
      response = await handler(req, ctx);
    } catch (error) {
      response = errorResponse(error);
    }
    // A library that answers its own failures (Better Auth says a bare 500) hides the cause:
    // when the database is what is missing, it is the same 503 as everywhere else.
    if (response.status === 500 && !(await isDatabaseHealthy())) return errorResponse(new AppError("unavailable"));
    return response;
  };
  return async (req, ctx) => {
    if (!env().DB_QUERY_STATS) return guarded(req, ctx);
    const events: QueryEvent[] = [];
    const response = await recordQueries(events, () => guarded(req, ctx));
    response.headers.set("Server-Timing", serverTiming(events));
    return response;
  };
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * A route's handlers, with a JSON 405 (and an Allow header) for every method it does not serve:
 * `export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: ..., POST: ... })`.
 */
export function methods<P extends Params>(handlers: Partial<Record<Method, Handler<P>>>): Record<Method, Handler<P>> {
  const allow = METHODS.filter((m) => handlers[m]).join(", ");
  const notAllowed: Handler<P> = async (req) =>
    errorResponse(
      new AppError("method_not_allowed", `Method ${req.method} is not allowed here`, { headers: { Allow: allow } }),
    );
  return Object.fromEntries(METHODS.map((m) => [m, handlers[m] ?? notAllowed])) as Record<Method, Handler<P>>;
}

// The rest of the body is never read, so the connection cannot carry another request.
const tooLarge = () =>
  new AppError("payload_too_large", "Request body must be at most 64 KiB", { headers: { Connection: "close" } });

/**
 * The body's bytes, at most 64 KiB (413 beyond, whatever Content-Length claims): every door reads
 * its body through here, Better Auth's included, so no request can make the server buffer more.
 */
export async function readBytes(req: Request): Promise<Buffer> {
  if (Number(req.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * A JSON body: `Content-Type: application/json` (415 otherwise, so a cross-site form or a
 * `text/plain` "simple request" never reaches a handler), at most 64 KiB, parsed.
 */
export async function readJson(req: Request): Promise<unknown> {
  if (!JSON_TYPE.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type", "Content-Type must be application/json");
  }
  const text = (await readBytes(req)).toString("utf8");
  if (!text.trim()) throw new AppError("invalid_request", "Request body must be a JSON object");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "Request body must be valid JSON");
  }
}

/** Validates anything (a body, query parameters, a path id) against a schema, or throws a 400. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidRequest(result.error);
  return result.data;
}

export async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await readJson(req));
}

export function searchParams(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}
