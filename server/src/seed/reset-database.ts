import { sql } from 'kysely';
import { migrationSources } from '../migration-sources.ts';
import type { Config } from '../platform/config/index.ts';
import { openCommandDatabase } from '../platform/db/index.ts';

// Each module's migrations create a schema named after the module, and the runner keeps its
// ledger in `platform`; dropping them all returns the database to empty.
const tradehubSchemas = [...migrationSources.map((source) => source.module).reverse(), 'platform'];

/** Drops all tradehub data so the next start migrates and seeds anew. */
export const resetDatabase = async (config: Config) => {
  const db = await openCommandDatabase(config);
  try {
    for (const schema of tradehubSchemas) {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db.kysely);
    }
  } finally {
    await db.close();
  }
};
