import { databaseConfig, prisma } from "@/lib/db";
import { createAdapter, describeDatabase } from "@/lib/database/adapter";
import { env } from "@/lib/env";

/**
 * Checks the environment once at server start, and opens (and migrates) the embedded database
 * before the first request. Anything wrong stops the process with a clear message.
 */
export async function checkStartup(): Promise<void> {
  try {
    const config = databaseConfig();
    createAdapter(config); // throws on a serverless production host without DATABASE_URL
    console.info(`[taskchat] database: ${describeDatabase(config)}`);
    if (!config.url) {
      if (env().isProduction) {
        console.warn("[taskchat] production server on the embedded database; set DATABASE_URL for PostgreSQL");
      }
      await prisma.$connect();
    }
  } catch (error) {
    console.error(`[taskchat] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
