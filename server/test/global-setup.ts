import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { migrationSources } from '../src/migration-sources.ts';
import {
  type Database,
  isProcessAlive,
  loadMigrations,
  migrate,
  openDatabase,
} from '../src/platform/db/index.ts';
import {
  databaseUrlFor,
  type TestDatabaseContext,
  testDatabasePrefix,
  withAdminClient,
} from './support/test-db.ts';

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

const writeDump = async (db: Database, file: string): Promise<void> => {
  if (db.dumpDataDir === undefined) {
    throw new Error('PGlite database without dumpDataDir');
  }
  const tarball = await db.dumpDataDir('none');
  await writeFile(file, new Uint8Array(await tarball.arrayBuffer()));
};

// A run that was killed never reached its teardown; its 40 MB templates would pile up.
const removeStaleTemplates = async (dir: string): Promise<void> => {
  for (const name of await readdir(dir)) {
    const pid = /^test-template-(?:empty-)?(\d+)\.tar$/.exec(name)?.[1];
    if (pid !== undefined && !isProcessAlive(Number(pid))) {
      await rm(`${dir}${name}`, { force: true });
    }
  }
};

// Migrating takes seconds and copying a migrated database a fraction of one, so the run migrates
// one template and every test file gets its own copy of it (see DESIGN.md, note on test databases).
const preparePglite = async (): Promise<{ context: TestDatabaseContext; teardown: () => Promise<void> }> => {
  const dir = fileURLToPath(new URL('../../.tmp/', import.meta.url));
  await mkdir(dir, { recursive: true });
  await removeStaleTemplates(dir);
  const emptyTemplateFile = `${dir}test-template-empty-${process.pid}.tar`;
  const templateFile = `${dir}test-template-${process.pid}.tar`;
  const migrations = await loadMigrations(migrationSources);
  const db = await openDatabase({});
  try {
    await writeDump(db, emptyTemplateFile);
    await migrate(db, migrations);
    await writeDump(db, templateFile);
  } finally {
    await db.close();
  }
  return {
    context: { engine: 'pglite', templateFile, emptyTemplateFile },
    teardown: async () => {
      await rm(templateFile, { force: true });
      await rm(emptyTemplateFile, { force: true });
    },
  };
};

const preparePostgres = async (
  databaseUrl: string,
): Promise<{ context: TestDatabaseContext; teardown: () => Promise<void> }> => {
  const runId = randomBytes(4).toString('hex');
  const templateDatabase = `tradehub_tpl_${runId}`;
  await withAdminClient(databaseUrl, (client) =>
    client.query(`create database ${quoteIdentifier(templateDatabase)}`),
  );
  const db = await openDatabase({ databaseUrl: databaseUrlFor(databaseUrl, templateDatabase), poolMax: 2 });
  try {
    await migrate(db, await loadMigrations(migrationSources));
  } finally {
    // CREATE DATABASE ... TEMPLATE refuses a template that has open connections.
    await db.close();
  }
  return {
    context: { engine: 'postgres', databaseUrl, templateDatabase, runId },
    teardown: () =>
      withAdminClient(databaseUrl, async (client) => {
        const { rows } = await client.query<{ datname: string }>(
          'select datname from pg_database where datname = $1 or starts_with(datname, $2)',
          [templateDatabase, testDatabasePrefix(runId)],
        );
        for (const { datname } of rows) {
          await client.query(`drop database if exists ${quoteIdentifier(datname)} with (force)`);
        }
      }),
  };
};

/** Migrates one template database per run and tells the test files where it is. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = process.env.DATABASE_URL;
  const { context, teardown } =
    databaseUrl === undefined || databaseUrl === ''
      ? await preparePglite()
      : await preparePostgres(databaseUrl);
  project.provide('testDatabase', context);
  return teardown;
}
