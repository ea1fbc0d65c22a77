import "server-only";
import { prisma } from "@/lib/db";

/** Wrong passwords allowed in a row before the account's sign-ins slow down. */
const FREE_FAILURES = 5;
const FIRST_DELAY_SECONDS = 15;
const MAX_DELAY_SECONDS = 15 * 60;

const normalise = (email: string) => email.trim().toLowerCase();

/**
 * Seconds until this email may try to sign in again (0: now). After five failures in a row, each
 * further failure doubles the wait (15 s, 30 s, … up to 15 min), whichever address the attempts
 * come from: the per-address limit cannot stop many addresses grinding one account.
 */
export async function signInWait(email: string): Promise<number> {
  const row = await prisma.signInFailure.findUnique({ where: { email: normalise(email) } });
  if (!row || row.failures < FREE_FAILURES) return 0;
  const delay = Math.min(FIRST_DELAY_SECONDS * 2 ** (row.failures - FREE_FAILURES), MAX_DELAY_SECONDS);
  const waited = (Date.now() - row.lastFailedAt.getTime()) / 1000;
  return Math.max(0, Math.ceil(delay - waited));
}

/** Counts a failed sign-in (atomically, so concurrent attempts on several instances all count). */
export async function recordSignInFailure(email: string): Promise<void> {
  const now = new Date();
  await prisma.signInFailure.upsert({
    where: { email: normalise(email) },
    create: { email: normalise(email), failures: 1, lastFailedAt: now },
    update: { failures: { increment: 1 }, lastFailedAt: now },
  });
}

/** A successful sign-in clears the count. */
export async function clearSignInFailures(email: string): Promise<void> {
  await prisma.signInFailure.deleteMany({ where: { email: normalise(email) } });
}
