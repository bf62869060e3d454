import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '@tradehub/kernel';
import { type Generated, type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';
import { MigrationError } from './errors.ts';

/** One module's migration folder. */
export type MigrationSource = { module: string; dir: string };

export type Migration = {
  module: string;
  number: number;
  name: string;
  /** Absolute path of the file, for messages. */
  file: string;
  sql: string;
  sha256: string;
};

/** A migration recorded as applied whose file no longer exists. */
export type MissingMigration = { module: string; number: number; name: string };

export type MigrationStatus = {
  applied: number;
  pending: Migration[];
  changed: Migration[];
  missing: MissingMigration[];
};

export type MigrateOptions = {
  onApplied?: (migration: Migration, durationMs: number) => void;
};

const FILE_NAME = /^(\d{4})_([a-z0-9]+(?:_[a-z0-9]+)*)\.sql$/;

// Any fixed 64-bit number: all tradehub processes on one server agree on it.
const MIGRATION_LOCK_KEY = 7_436_912_048_115_203;

type SchemaMigrationsTable = {
  module: string;
  number: number;
  name: string;
  sha256: string;
  applied_at: Generated<Date>;
};
type PlatformTables = { 'platform.schema_migrations': SchemaMigrationsTable };
type AppliedRow = Pick<SchemaMigrationsTable, 'module' | 'number' | 'name' | 'sha256'>;

// A checkout with CRLF line endings must not look like an edited migration.
const checksum = (text: string): string => sha256Hex(text.replaceAll('\r\n', '\n'));

const keyOf = (module: string, number: number): string => `${module}#${number}`;

const listSqlFiles = async (dir: string): Promise<string[]> => {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.sql'))
      .map((entry) => entry.name);
  } catch (error) {
    // A module that has no migrations yet may have no folder.
    if ((error as { code?: unknown }).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
};

/**
 * Reads every `NNNN_snake_name.sql` of the sources, in source order then number order. Rejects a
 * badly named `.sql` file, two files with one number and two sources with one module name. Other
 * files (README, .gitkeep) are ignored, and a missing folder has no migrations.
 */
export const loadMigrations = async (sources: readonly MigrationSource[]): Promise<Migration[]> => {
  const migrations: Migration[] = [];
  const modules = new Set<string>();
  for (const source of sources) {
    if (modules.has(source.module)) {
      throw new MigrationError('db.migration_invalid', `Two migration sources are named "${source.module}"`, [
        source.dir,
      ]);
    }
    modules.add(source.module);
    const byNumber = new Map<number, Migration>();
    for (const fileName of await listSqlFiles(source.dir)) {
      const file = join(source.dir, fileName);
      const match = FILE_NAME.exec(fileName);
      const digits = match?.[1];
      const name = match?.[2];
      if (digits === undefined || name === undefined || Number(digits) === 0) {
        throw new MigrationError(
          'db.migration_invalid',
          `Migration file ${file} is badly named: expected NNNN_snake_name.sql with NNNN from 0001`,
          [file],
        );
      }
      const number = Number(digits);
      const twin = byNumber.get(number);
      if (twin !== undefined) {
        throw new MigrationError(
          'db.migration_invalid',
          `Migration files ${twin.file} and ${file} have the same number ${digits}`,
          [twin.file, file],
        );
      }
      const text = await readFile(file, 'utf8');
      byNumber.set(number, { module: source.module, number, name, file, sql: text, sha256: checksum(text) });
    }
    migrations.push(...[...byNumber.values()].sort((a, b) => a.number - b.number));
  }
  return migrations;
};

const ensureTable = async (db: Kysely<object>): Promise<void> => {
  await sql`create schema if not exists platform`.execute(db);
  await sql`
    create table if not exists platform.schema_migrations (
      module text not null,
      number int not null,
      name text not null,
      sha256 text not null,
      applied_at timestamptz not null default now(),
      primary key (module, number)
    )`.execute(db);
};

const tableExists = async (db: Kysely<object>): Promise<boolean> => {
  const { rows } = await sql<{ found: boolean }>`
    select to_regclass('platform.schema_migrations') is not null as found`.execute(db);
  return rows[0]?.found === true;
};

const readApplied = (db: Kysely<object>): Promise<AppliedRow[]> =>
  db
    .withTables<PlatformTables>()
    .selectFrom('platform.schema_migrations')
    .select(['module', 'number', 'name', 'sha256'])
    .orderBy('module')
    .orderBy('number')
    .execute();

const compare = (migrations: readonly Migration[], applied: readonly AppliedRow[]): MigrationStatus => {
  const appliedByKey = new Map(applied.map((row) => [keyOf(row.module, row.number), row]));
  const known = new Set(migrations.map((migration) => keyOf(migration.module, migration.number)));
  return {
    applied: applied.length,
    pending: migrations.filter((migration) => !appliedByKey.has(keyOf(migration.module, migration.number))),
    changed: migrations.filter((migration) => {
      const row = appliedByKey.get(keyOf(migration.module, migration.number));
      return row !== undefined && row.sha256 !== migration.sha256;
    }),
    missing: applied
      .filter((row) => !known.has(keyOf(row.module, row.number)))
      .map(({ module, number, name }) => ({ module, number, name })),
  };
};

const refuseDrift = (status: MigrationStatus): void => {
  if (status.changed.length > 0) {
    const files = status.changed.map((migration) => migration.file);
    throw new MigrationError(
      'db.migration_changed',
      `Migration ${files.join(', ')} was changed after being applied; applied migrations are ` +
        'immutable: restore the file and put the change in a new migration',
      files,
    );
  }
  if (status.missing.length > 0) {
    const names = status.missing.map(
      (row) => `${row.module}/${String(row.number).padStart(4, '0')}_${row.name}.sql`,
    );
    throw new MigrationError(
      'db.migration_missing',
      `Migration ${names.join(', ')} was applied to this database but its file is gone`,
      names,
    );
  }
};

/**
 * Applies the pending migrations, each in its own transaction together with its record row.
 * Holds a PostgreSQL advisory lock throughout, so processes starting together apply each
 * migration once. Stops before applying anything when an applied migration was changed or
 * removed.
 */
export const migrate = async (
  database: Database,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): Promise<{ applied: Migration[] }> =>
  // One connection for the whole run: the advisory lock belongs to a session.
  database.kysely.connection().execute(async (db) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(db);
    try {
      await ensureTable(db);
      const status = compare(migrations, await readApplied(db));
      refuseDrift(status);
      for (const migration of status.pending) {
        const startedAt = performance.now();
        try {
          await db.transaction().execute(async (trx) => {
            await sql.raw(migration.sql).execute(trx);
            await trx
              .withTables<PlatformTables>()
              .insertInto('platform.schema_migrations')
              .values({
                module: migration.module,
                number: migration.number,
                name: migration.name,
                sha256: migration.sha256,
              })
              .execute();
          });
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new MigrationError(
            'db.migration_failed',
            `Migration ${migration.file} failed and was rolled back: ${reason}`,
            [migration.file],
            error,
          );
        }
        options.onApplied?.(migration, performance.now() - startedAt);
      }
      return { applied: status.pending };
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(db).catch(() => {
        // The session is gone (connection lost); PostgreSQL released the lock with it.
      });
    }
  });

/** What `migrate` would do, without doing it: for `/readyz` and `tradehub migrate --status`. */
export const migrationStatus = async (
  database: Database,
  migrations: readonly Migration[],
): Promise<MigrationStatus> => {
  const db = database.kysely;
  return compare(migrations, (await tableExists(db)) ? await readApplied(db) : []);
};
