import "server-only";
import { prisma } from "@/lib/db";

const TIMEOUT_MS = 3_000;

/** Whether the database answers a trivial query within a few seconds. */
export async function isDatabaseHealthy(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), TIMEOUT_MS);
  });
  const query = prisma.$queryRaw`SELECT 1`.then(
    () => true,
    (error: unknown) => {
      console.error("[taskchat] health check failed:", error);
      return false;
    },
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
