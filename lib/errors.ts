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

/** Normalises anything thrown into an AppError; unknown errors become a generic 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return invalidRequest(error);
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
  return Response.json(body(appError), { status: appError.status, headers: appError.headers });
}
