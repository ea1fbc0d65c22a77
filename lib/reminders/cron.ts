import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Vercel Cron calls with `Authorization: Bearer $CRON_SECRET`. Anything else is a 401; so is
 * every call in production while the secret is unset. A development server without a secret
 * lets anyone on the machine trigger a pass.
 */
export function assertCronCaller(req: Request): void {
  const { CRON_SECRET, isProduction } = env();
  if (!CRON_SECRET) {
    if (isProduction) throw new AppError("unauthorized", "CRON_SECRET is not set on this server");
    return;
  }
  const given = req.headers.get("authorization") ?? "";
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit on a prefix.
  if (!timingSafeEqual(digest(given), digest(`Bearer ${CRON_SECRET}`))) throw new AppError("unauthorized");
}
