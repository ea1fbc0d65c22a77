// Which database the app talks to, as a Prisma driver adapter: PostgreSQL when DATABASE_URL is
// set, otherwise the embedded PGlite (never in a serverless production deployment).
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { EmbeddedDatabase } from "./embedded";

export type DatabaseConfig = {
  url?: string;
  poolSize: number;
  embeddedDir: string;
  /** Serverless production (Vercel): an embedded database would silently lose data there. */
  requireUrl: boolean;
};

export function describeDatabase(config: DatabaseConfig): string {
  if (config.url) return `PostgreSQL at ${new URL(config.url).host}`;
  return `embedded PGlite in ${config.embeddedDir}`;
}

/**
 * Opens the embedded database on the first query rather than at construction, so importing
 * the Prisma client (as `next build` does) never touches the data folder. PGlite and the
 * migration engine are imported only here: a PostgreSQL deployment never loads them.
 */
class EmbeddedAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "pglite-embedded";
  private database?: Promise<EmbeddedDatabase>;

  constructor(private readonly dir: string) {}

  open(): Promise<EmbeddedDatabase> {
    this.database ??= import("./embedded")
      .then(({ openEmbeddedDatabase }) => openEmbeddedDatabase(this.dir))
      .catch((error) => {
        this.database = undefined;
        throw error;
      });
    return this.database;
  }

  private async adapter() {
    const [{ pglite }, { PrismaPGlite }] = await Promise.all([this.open(), import("pglite-prisma-adapter")]);
    return new PrismaPGlite(pglite);
  }

  async connect(): Promise<SqlDriverAdapter> {
    return (await this.adapter()).connect();
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return (await this.adapter()).connectToShadowDb();
  }

  /** PGlite's in-process LISTEN: NOTIFYs of this process's own transactions (there are no others). */
  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const { pglite } = await this.open();
    return pglite.listen(channel, onPayload);
  }

  async close(): Promise<void> {
    const database = this.database;
    this.database = undefined;
    if (database) await (await database).close();
  }
}

export type EmbeddedListen = EmbeddedAdapterFactory["listen"];

export function createAdapter(config: DatabaseConfig): SqlMigrationAwareDriverAdapterFactory & {
  close?: () => Promise<void>;
  listen?: EmbeddedListen;
} {
  if (config.url) return new PrismaPg({ connectionString: config.url, max: config.poolSize });
  if (config.requireUrl) {
    throw new Error(
      "DATABASE_URL is not set. A serverless production deployment needs a hosted PostgreSQL " +
        "(for example Neon): set DATABASE_URL in the project's environment variables.",
    );
  }
  return new EmbeddedAdapterFactory(config.embeddedDir);
}
