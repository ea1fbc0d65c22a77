import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** Wrong passwords allowed in a row before the account's sign-ins slow down. */
const FREE_FAILURES = 5;
const FIRST_DELAY_SECONDS = 15;
const MAX_DELAY_SECONDS = 15 * 60;
/** A run of failures is forgotten this long after its last failure (and its row pruned). */
export const FAILURE_MEMORY_HOURS = 24;

const normalise = (email: string) => email.trim().toLowerCase();

// The doubling delay after the free failures, capped (the exponent too: 2^6 × 15 s is past the cap).
const delayOver = Prisma.raw(
  `f.last_failed_at + make_interval(secs => LEAST(${FIRST_DELAY_SECONDS} * 2 ^ LEAST(f.failures - ${FREE_FAILURES}, 6), ${MAX_DELAY_SECONDS}))`,
);
const forgotten = Prisma.raw(`f.last_failed_at < now() - interval '${FAILURE_MEMORY_HOURS} hours'`);

/**
 * Before a sign-in: seconds until this email may try again (0: go ahead). After five failures in
 * a row, each further failure doubles the wait (15 s, 30 s, … up to 15 min), whichever address
 * the attempts come from: the per-address limit cannot stop many addresses grinding one account.
 *
 * A 0 counts the attempt as a failure at once, atomically with the check; a successful
 * sign-in then clears the count. An attempt that ends otherwise (a 403 for an unverified email,
 * a server error) stays counted, which errs on the safe side.
 */
export async function signInWait(email: string): Promise<number> {
  const key = normalise(email);
  // Check and count in one statement. The attempt counts as a failure *before* the password is
  // checked, under the row's lock, so parallel attempts (on any number of instances) queue on the
  // row and at most FREE_FAILURES get through; a read, then a count after the check, let them all
  // read "4 failures" and all try. A row that may not try yet is left as it is: no row returned.
  const counted = await prisma.$queryRaw<{ failures: number }[]>`
    INSERT INTO sign_in_failures AS f (email, failures, last_failed_at) VALUES (${key}, 1, now())
    ON CONFLICT (email) DO UPDATE
      SET failures = CASE WHEN ${forgotten} THEN 1 ELSE f.failures + 1 END, last_failed_at = now()
      WHERE f.failures < ${FREE_FAILURES} OR ${forgotten} OR now() >= ${delayOver}
    RETURNING f.failures`;
  if (counted.length > 0) return 0;
  const [row] = await prisma.$queryRaw<{ wait: number }[]>`
    SELECT ceil(extract(epoch FROM ${delayOver} - now()))::int AS wait FROM sign_in_failures f WHERE f.email = ${key}`;
  // The wait ran out between the two statements: at least a second, and the client tries again.
  return Math.max(1, row?.wait ?? 1);
}

/**
 * A wrong password: its attempt was counted by signInWait already; the delay runs from the
 * failure itself (a slow password check must not shorten it).
 */
export async function recordSignInFailure(email: string): Promise<void> {
  await prisma.$executeRaw`UPDATE sign_in_failures SET last_failed_at = now() WHERE email = ${normalise(email)}`;
}

/** A successful sign-in clears the count. */
export async function clearSignInFailures(email: string): Promise<void> {
  await prisma.signInFailure.deleteMany({ where: { email: normalise(email) } });
}

/** Deletes the runs of failures that are forgotten (see FAILURE_MEMORY_HOURS); returns how many. */
export async function pruneSignInFailures(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - FAILURE_MEMORY_HOURS * 3600 * 1000);
  const { count } = await prisma.signInFailure.deleteMany({ where: { lastFailedAt: { lt: cutoff } } });
  return count;
}
