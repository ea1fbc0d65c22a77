// The embedded PostgreSQL (PGlite) used when DATABASE_URL is not set: created and migrated on
// first use, persisted in a folder, and guarded by a lock file because a PGlite data folder
// opened by two processes is corrupted for good.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import lockfile from "proper-lockfile";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "./schema-engine";

export class EmbeddedDatabaseLockedError extends Error {
  constructor(dir: string) {
    super(
      `The embedded database in ${dir} is in use by another process (is \`npm run dev\` or ` +
        "`npm start` already running?). Stop that process first, or set DATABASE_URL to use PostgreSQL.",
    );
    this.name = "EmbeddedDatabaseLockedError";
  }
}

const isMemory = (dir: string) => dir.startsWith("memory://");

async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dir, {
      lockfilePath: `${dir}.lock`,
      realpath: false,
      // A lock whose owner stopped refreshing it (crash, SIGKILL) is taken over after this long.
      stale: 15_000,
      update: 5_000,
      onCompromised: (error) => console.error("[taskchat] embedded database lock compromised:", error),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new EmbeddedDatabaseLockedError(dir);
    throw error;
  }
}

/**
 * A new PGlite with the extensions the migrations create (task search). PGlite loads an
 * extension only when it is named at creation, so every PGlite that runs migrations comes from here.
 */
export function createPGlite(dir?: string): Promise<PGlite> {
  return PGlite.create(dir, { extensions: { pg_trgm, unaccent } });
}

export type EmbeddedDatabase = { pglite: PGlite; close: () => Promise<void> };

/** Opens (creating if needed) the PGlite database in `dir`, locked and fully migrated. */
export async function openEmbeddedDatabase(dir: string): Promise<EmbeddedDatabase> {
  let release = async () => {};
  if (!isMemory(dir)) {
    mkdirSync(path.dirname(dir), { recursive: true });
    release = await lockDataDir(dir);
    mkdirSync(dir, { recursive: true });
  }
  try {
    const pglite = await createPGlite(dir);
    const applied = await applyMigrations(new PrismaPGlite(pglite));
    if (applied.length > 0) console.info(`[taskchat] embedded database: applied ${applied.join(", ")}`);
    return {
      pglite,
      close: async () => {
        await pglite.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
