// Rows of the per-account sign-in backoff (lib/auth/sign-in-backoff.ts), written and read
// directly for tests that need a run of failures of a given age.
const prisma = async () => (await import("@/lib/db")).prisma; // after setupTestDatabase set the URL

export const HOUR = 3600 * 1000;

export async function failureRow(email: string, failures: number, lastFailedAt: Date): Promise<void> {
  await (await prisma()).signInFailure.create({ data: { email, failures, lastFailedAt } });
}

export const failuresOf = async (email: string): Promise<number | undefined> =>
  (await (await prisma()).signInFailure.findUnique({ where: { email } }))?.failures;
