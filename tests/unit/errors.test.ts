import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, errorResponse, toAppError } from "@/lib/errors";
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
