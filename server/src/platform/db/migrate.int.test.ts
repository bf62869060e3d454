import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmptyTestDatabase, type TestDatabase, testEngine } from '../../../test/support/test-db.ts';
import { migrationSources } from '../../migration-sources.ts';
import {
  type Database,
  loadMigrations,
  type Migration,
  migrate,
  migrationStatus,
  openDatabase,
} from './index.ts';

let root: string;
const opened: Database[] = [];

const emptyDatabase = async (): Promise<TestDatabase> => {
  const db = await createEmptyTestDatabase();
  opened.push(db);
  return db;
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tradehub-migrate-'));
});

afterEach(async () => {
  // Second pools first: dropping a test database ends the connections still open to it.
  for (const db of opened.splice(0).reverse()) {
    await db.close();
  }
  await rm(root, { recursive: true, force: true });
});

const writeMigrations = async (module: string, files: Record<string, string>): Promise<string> => {
  const dir = join(root, module);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    await writeFile(join(dir, file), text);
  }
  return dir;
};

const recorded = async (db: Database): Promise<string[]> => {
  const { rows } = await sql<{ module: string; number: number }>`
    select module, number from platform.schema_migrations order by module, number`.execute(db.kysely);
  return rows.map((row) => `${row.module}/${row.number}`);
};

const tableExists = async (db: Database, name: string): Promise<boolean> => {
  const { rows } = await sql<{ found: boolean }>`select to_regclass(${name}) is not null as found`.execute(
    db.kysely,
  );
  return rows[0]?.found === true;
};

describe(`migrate on ${testEngine()}`, () => {
  it('applies every real migration to an empty database, then does nothing the second time', async () => {
    const db = await emptyDatabase();
    const migrations = await loadMigrations(migrationSources);
    expect(await migrationStatus(db, migrations)).toEqual({
      applied: 0,
      pending: migrations,
      changed: [],
      missing: [],
    });

    const seen: string[] = [];
    const first = await migrate(db, migrations, { onApplied: (m) => seen.push(`${m.module}/${m.number}`) });
    const everyMigration = migrations.map((m) => `${m.module}/${m.number}`);
    expect(first.applied).toEqual(migrations);
    expect(seen).toEqual(everyMigration);
    expect(await recorded(db)).toEqual([...everyMigration].sort());
    expect(await tableExists(db, 'events.outbox')).toBe(true);

    const second = await migrate(db, migrations, { onApplied: (m) => seen.push(`again ${m.module}`) });
    expect(second.applied).toEqual([]);
    expect(seen).toHaveLength(everyMigration.length);
    expect(await migrationStatus(db, migrations)).toEqual({
      applied: migrations.length,
      pending: [],
      changed: [],
      missing: [],
    });
  });

  it('stops before applying anything when an applied migration was changed, naming the file', async () => {
    const db = await emptyDatabase();
    const dir = await writeMigrations('shop', { '0001_items.sql': 'create table public.items (id int);' });
    await migrate(db, await loadMigrations([{ module: 'shop', dir }]));

    await writeFile(join(dir, '0001_items.sql'), 'create table public.items (id int, name text);');
    await writeFile(join(dir, '0002_prices.sql'), 'create table public.prices (id int);');
    const edited = await loadMigrations([{ module: 'shop', dir }]);
    const status = await migrationStatus(db, edited);
    expect(status.changed.map((m) => m.file)).toEqual([join(dir, '0001_items.sql')]);

    const failure = migrate(db, edited);
    await expect(failure).rejects.toMatchObject({ code: 'db.migration_changed' });
    await expect(failure).rejects.toThrow(`${join(dir, '0001_items.sql')} was changed after being applied`);
    expect(await tableExists(db, 'public.prices')).toBe(false);
    expect(await recorded(db)).toEqual(['shop/1']);
  });

  it('stops when an applied migration has no file any more', async () => {
    const db = await emptyDatabase();
    const dir = await writeMigrations('shop', {
      '0001_items.sql': 'create table public.items (id int);',
      '0002_prices.sql': 'create table public.prices (id int);',
    });
    await migrate(db, await loadMigrations([{ module: 'shop', dir }]));

    await unlink(join(dir, '0002_prices.sql'));
    await writeFile(join(dir, '0003_stock.sql'), 'create table public.stock (id int);');
    const remaining = await loadMigrations([{ module: 'shop', dir }]);
    expect((await migrationStatus(db, remaining)).missing).toEqual([
      { module: 'shop', number: 2, name: 'prices' },
    ]);

    const failure = migrate(db, remaining);
    await expect(failure).rejects.toMatchObject({ code: 'db.migration_missing' });
    await expect(failure).rejects.toThrow('shop/0002_prices.sql');
    expect(await tableExists(db, 'public.stock')).toBe(false);
  });

  it('leaves nothing of a failing migration behind and keeps the ones before it', async () => {
    const db = await emptyDatabase();
    const dir = await writeMigrations('shop', {
      '0001_items.sql': 'create table public.items (id int);',
      '0002_broken.sql':
        'create table public.half_done (id int);\ninsert into public.half_done values (1 / 0);',
      '0003_after.sql': 'create table public.after_broken (id int);',
    });
    const migrations = await loadMigrations([{ module: 'shop', dir }]);

    const failure = migrate(db, migrations);
    await expect(failure).rejects.toMatchObject({ code: 'db.migration_failed' });
    await expect(failure).rejects.toThrow(join(dir, '0002_broken.sql'));
    expect(await tableExists(db, 'public.items')).toBe(true);
    expect(await tableExists(db, 'public.half_done')).toBe(false);
    expect(await tableExists(db, 'public.after_broken')).toBe(false);
    expect(await recorded(db)).toEqual(['shop/1']);
    expect((await migrationStatus(db, migrations)).pending.map((m) => m.number)).toEqual([2, 3]);
  });

  it('applies each migration once when two runners start together', async () => {
    const db = await emptyDatabase();
    // PostgreSQL: a second pool stands for a second server process. PGlite: one process only,
    // so both runners share the database.
    const other = db.url === undefined ? db : await openDatabase({ databaseUrl: db.url, poolMax: 2 });
    if (other !== db) {
      opened.push(other);
    }
    const files: Record<string, string> = {};
    for (let n = 1; n <= 5; n += 1) {
      // The sleep widens the window in which an unlocked runner would apply the same file twice.
      files[`000${n}_step_${n}.sql`] = `select pg_sleep(0.02);\ncreate table public.step_${n} (id int);`;
    }
    const migrations = await loadMigrations([{ module: 'race', dir: await writeMigrations('race', files) }]);

    const results = await Promise.all([migrate(db, migrations), migrate(other, migrations)]);
    const applied: Migration[] = results.flatMap((result) => result.applied);
    expect(applied.map((m) => m.number).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(await recorded(db)).toEqual(['race/1', 'race/2', 'race/3', 'race/4', 'race/5']);
  });
});
