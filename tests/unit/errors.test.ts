import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, errorResponse, isDatabaseUnavailable, toAppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

describe("the error map", () => {
  it.each([
    ["invalid_request", 400],
    ["unauthorized", 401],
    ["not_found", 404],
    ["method_not_allowed", 405],
    ["payload_too_large", 413],
    ["rate_limited", 429],
    ["internal_error", 500],
    ["ai_unavailable", 503],
    ["timeout", 504],
  ] as const)("maps %s to %i with a JSON body", async (code, status) => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse(new AppError(code));
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.error).toBe(code);
    expect(body.message).toEqual(expect.any(String));
  });

  it("turns a zod error into a 400 with its issues", async () => {
    const parsed = z.object({ title: z.string().min(1) }).safeParse({ title: "" });
    const res = errorResponse(parsed.error);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe("invalid_request");
    expect(body.message).toMatch(/^title: /);
    expect(body.issues).toEqual([expect.objectContaining({ path: ["title"] })]);
  });

  it("turns Prisma's record-not-found into a 404", () => {
    const error = new Prisma.PrismaClientKnownRequestError("No record was found", {
      code: "P2025",
      clientVersion: "7",
    });
    expect(toAppError(error).status).toBe(404);
  });

  it("answers anything unknown with a generic 500, logging the cause but never sending it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse(new Error('relation "tasks" does not exist at /srv/app/lib/secret.ts:12'));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: "internal_error", message: "Internal server error" });
    expect(text).not.toContain("tasks");
    expect(log).toHaveBeenCalled();
  });

  it("passes extra headers through (Retry-After, Allow)", () => {
    const res = errorResponse(new AppError("rate_limited", undefined, { headers: { "Retry-After": "12" } }));
    expect(res.headers.get("retry-after")).toBe("12");
  });
});

describe("a database that is away → 503 unavailable", () => {
  const prismaError = (code: string, driverAdapterError?: unknown) =>
    new Prisma.PrismaClientKnownRequestError("failed", {
      code,
      clientVersion: "7",
      meta: driverAdapterError ? { driverAdapterError } : undefined,
    });
  const adapterError = (cause: Record<string, unknown>) => ({ name: "DriverAdapterError", cause });
  const pgError = (code: string, severity: string) =>
    Object.assign(new Error("pg says no"), { code, severity, detail: undefined });

  it.each([
    ["connection refused (P1001)", prismaError("P1001", adapterError({ kind: "DatabaseNotReachable" }))],
    [
      "connections not allowed (FATAL 55000)",
      prismaError("P2010", adapterError({ kind: "postgres", code: "55000", severity: "FATAL" })),
    ],
    [
      "CONNECT revoked (FATAL 42501)",
      prismaError("P2039", adapterError({ kind: "postgres", code: "42501", severity: "FATAL" })),
    ],
    [
      "terminated by an administrator (57P01)",
      prismaError("P2010", adapterError({ kind: "postgres", code: "57P01", severity: "FATAL" })),
    ],
    ["a closed connection", prismaError("P1017", adapterError({ kind: "ConnectionClosed" }))],
    [
      "a dropped socket in the cause chain",
      new Error("query failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) }),
    ],
    ["node-postgres's dropped connection", new Error("Connection terminated unexpectedly")],
    ["a pg error straight from the driver", pgError("08006", "FATAL")],
    ["a client that could not start", new Prisma.PrismaClientInitializationError("Can't reach database server", "7")],
  ])("%s", async (_label, error) => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(isDatabaseUnavailable(error)).toBe(true);
    const res = errorResponse(error);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: "unavailable", message: "Service temporarily unavailable" });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it.each([
    ["a unique violation", prismaError("P2002", adapterError({ kind: "UniqueConstraintViolation" }))],
    ["a failed statement", prismaError("P2010", adapterError({ kind: "postgres", code: "42P01", severity: "ERROR" }))],
    ["a pg error that is not about the connection", pgError("23505", "ERROR")],
    ["a plain bug", new TypeError("x is undefined")],
  ])("but not %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
