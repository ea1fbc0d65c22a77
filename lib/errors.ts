// One typed error for the whole app, and the one place that turns any error into an HTTP answer.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";

const statusByCode = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  limit_reached: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  ai_unavailable: 503,
  unavailable: 503,
  timeout: 504,
} as const;

export type ErrorCode = keyof typeof statusByCode;

const defaultMessages: Record<ErrorCode, string> = {
  invalid_request: "The request is not valid",
  unauthorized: "Authentication failed",
  forbidden: "Not allowed",
  limit_reached: "A limit of this account has been reached",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  payload_too_large: "Request body is too large",
  unsupported_media_type: "Unsupported content type",
  rate_limited: "Too many requests, please slow down",
  internal_error: "Internal server error",
  ai_unavailable: "AI service temporarily unavailable",
  unavailable: "Service temporarily unavailable",
  timeout: "Request took too long to process",
};

export type Issue = { path: (string | number)[]; message: string; code?: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: Issue[];
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message?: string,
    options?: { issues?: Issue[]; headers?: Record<string, string>; cause?: unknown },
  ) {
    super(message ?? defaultMessages[code], { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.issues = options?.issues;
    this.headers = options?.headers;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: i.message,
    code: i.code,
  }));
}

/** A zod failure as a 400, its first issue as the message. */
export function invalidRequest(error: z.ZodError): AppError {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
  return new AppError("invalid_request", first ? `${where}${first.message}` : undefined, {
    issues: issuesOf(error),
  });
}

/** How long a client should wait before retrying when the database is away. */
export const RETRY_AFTER_SECONDS = 5;

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;

// Prisma's codes for a database it cannot reach, and the driver adapter's kinds behind them.
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2037"]);
const UNREACHABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "AuthenticationFailed",
  "TlsConnectionError",
]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE"]);
// node-postgres's own words when a connection drops or cannot be had from the pool.
const DROPPED = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/** A PostgreSQL error that means "no connection": class 08, shutdowns, or anything FATAL (refused at connect). */
function isConnectionFailure(code: unknown, severity: unknown): boolean {
  if (typeof code !== "string") return false;
  return severity === "FATAL" || code.startsWith("08") || /^57P0[1-3]$/.test(code) || code === "53300";
}

/**
 * Whether an error means the database is away (refused, unreachable, dropped connections,
 * connections not allowed): a temporary condition, answered 503 rather than 500. Looks through
 * Prisma's wrapping (its error code, the driver adapter's error in `meta`) and the cause chain.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; current = field(current, "cause"), depth++) {
    if (current instanceof Prisma.PrismaClientInitializationError) return true;
    if (current instanceof Prisma.PrismaClientKnownRequestError && UNREACHABLE_PRISMA_CODES.has(current.code)) {
      return true;
    }
    const adapterError = field(field(current, "meta"), "driverAdapterError") ?? current;
    const kind = field(field(adapterError, "cause"), "kind");
    if (typeof kind === "string" && UNREACHABLE_KINDS.has(kind)) return true;
    if (kind === "postgres") {
      const cause = field(adapterError, "cause");
      if (isConnectionFailure(field(cause, "code"), field(cause, "severity"))) return true;
    }
    const code = field(current, "code");
    if (typeof code === "string" && SOCKET_CODES.has(code)) return true;
    if (isConnectionFailure(code, field(current, "severity"))) return true;
    const message = field(current, "message");
    if (typeof message === "string" && DROPPED.test(message)) return true;
  }
  return false;
}

/** Normalises anything thrown into an AppError; unknown errors become a generic 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return invalidRequest(error);
  if (isDatabaseUnavailable(error)) return new AppError("unavailable", undefined, { cause: error });
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
    return new AppError("not_found", undefined, { cause: error });
  }
  return new AppError("internal_error", undefined, { cause: error });
}

/** What an error answers with: `{error, message, issues?}`, unless a protocol needs its own shape. */
export type ErrorBody = (error: AppError) => Record<string, unknown>;

const defaultBody: ErrorBody = (error) => ({
  error: error.code,
  message: error.message,
  ...(error.issues && { issues: error.issues }),
});

/** The JSON response for an error. Causes are logged, never sent. */
export function errorResponse(error: unknown, body: ErrorBody = defaultBody): Response {
  const appError = toAppError(error);
  if (appError.status >= 500) {
    console.error(`[taskchat] ${appError.code}:`, appError.cause ?? appError);
  }
  const retryAfter = appError.code === "unavailable" ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : undefined;
  return Response.json(body(appError), { status: appError.status, headers: { ...retryAfter, ...appError.headers } });
}
