import { describe, expect, it } from "vitest";
import { FAILURE_MEMORY_HOURS, clearSignInFailures, recordSignInFailure, signInWait } from "@/lib/auth/sign-in-backoff";
import { uniqueEmail } from "../helpers/api";
import { baseUrl } from "../helpers/database";
import { setupTestDatabase } from "../helpers/in-process";
import { HOUR, failureRow, failuresOf } from "../helpers/sign-in-failures";

// The per-account sign-in backoff's count, checked and counted in one statement (the HTTP
// behaviour, across instances, is in limits.test.ts).
setupTestDatabase("left_sign_in_backoff");

const prisma = async () => (await import("@/lib/db")).prisma;

describe("the per-account sign-in backoff", () => {
  it("five attempts go through, the sixth waits; a success clears the count", async () => {
    const email = uniqueEmail("five");
    for (let i = 0; i < 5; i++) {
      expect(await signInWait(email)).toBe(0);
      await recordSignInFailure(email);
    }
    const wait = await signInWait(email);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15);
    // A refused attempt is not a failure: the count (and so the next delay) does not grow.
    expect(await failuresOf(email)).toBe(5);
    await clearSignInFailures(email);
    expect(await signInWait(email.toUpperCase())).toBe(0);
  });

  it("each failure past the fifth doubles the wait, measured from the last failure", async () => {
    const email = uniqueEmail("double");
    // Six failures, the last 20 s ago: 30 s of wait, 10 s of it left; at seven, 60 s.
    await failureRow(email, 6, new Date(Date.now() - 20_000));
    const wait = await signInWait(email);
    expect(wait).toBeGreaterThan(5);
    expect(wait).toBeLessThanOrEqual(10);
    await (
      await prisma()
    ).signInFailure.update({ where: { email }, data: { lastFailedAt: new Date(Date.now() - 31_000) } });
    expect(await signInWait(email)).toBe(0);
    expect(await failuresOf(email)).toBe(7);
    expect(await signInWait(email)).toBeGreaterThan(30);
  });

  it(`a run whose last failure is over ${FAILURE_MEMORY_HOURS} h old is forgotten: the count starts again`, async () => {
    const email = uniqueEmail("forgotten");
    await failureRow(email, 12, new Date(Date.now() - (FAILURE_MEMORY_HOURS + 1) * HOUR));
    expect(await signInWait(email)).toBe(0);
    expect(await failuresOf(email)).toBe(1);
  });

  it.skipIf(!baseUrl)("20 attempts at once on PostgreSQL: exactly five go through", async () => {
    const email = uniqueEmail("parallel");
    const waits = await Promise.all(Array.from({ length: 20 }, () => signInWait(email)));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w > 0)).toHaveLength(15);
    expect(await failuresOf(email)).toBe(5);
  });
});
