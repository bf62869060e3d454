import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Generated, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy } from '../../../test/support/tcp-proxy.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../../../test/support/test-db.ts';
import { DatabaseUnavailableError, type Logger, openDatabase } from './index.ts';

type ScratchTables = { 'public.scratch': { id: Generated<number>; label: string } };

const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await sql`create table public.scratch (id serial primary key, label text not null)`.execute(db.kysely);
});

afterAll(async () => {
  await db.close();
});

const scratch = () => db.kysely.withTables<ScratchTables>();
const labels = async (): Promise<string[]> =>
  (await scratch().selectFrom('public.scratch').select('label').orderBy('id').execute()).map(
    (row) => row.label,
  );
const clearScratch = () => scratch().deleteFrom('public.scratch').execute();

describe(`openDatabase on ${testEngine()}`, () => {
  it('reports its engine and answers ping', async () => {
    expect(db.engine).toBe(testEngine());
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it('returns the same JS types on both engines', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select
        42::int4 as int4,
        7::int2 as int2,
        9007199254740993::int8 as int8,
        array[1, 9007199254740993]::int8[] as int8_array,
        12345678901234567890.123456789::numeric as numeric,
        array[1.10, 2.5]::numeric[] as numeric_array,
        1.5::float8 as float8,
        true as bool,
        '2024-03-01T10:20:30.456Z'::timestamptz as timestamptz,
        array['2024-03-01T10:20:30.456Z'::timestamptz] as timestamptz_array,
        '2024-03-01'::date as date,
        '2024-03-01 10:20:30'::timestamp as timestamp,
        '1 day 02:00:00'::interval as interval,
        '{"a": [1, "x", null], "b": {"c": true}}'::jsonb as jsonb,
        '{"a": 1}'::json as json,
        '\\x00ff10'::bytea as bytea,
        array['a', 'b,c', null]::text[] as text_array,
        null::text as nothing`.execute(db.kysely);
    const row = rows[0];
    expect(row).toStrictEqual({
      int4: 42,
      int2: 7,
      int8: '9007199254740993',
      int8_array: ['1', '9007199254740993'],
      numeric: '12345678901234567890.123456789',
      numeric_array: ['1.10', '2.5'],
      float8: 1.5,
      bool: true,
      timestamptz: new Date('2024-03-01T10:20:30.456Z'),
      timestamptz_array: [new Date('2024-03-01T10:20:30.456Z')],
      date: '2024-03-01',
      timestamp: '2024-03-01 10:20:30',
      interval: '1 day 02:00:00',
      jsonb: { a: [1, 'x', null], b: { c: true } },
      json: { a: 1 },
      bytea: new Uint8Array([0, 255, 16]),
      text_array: ['a', 'b,c', null],
      nothing: null,
    });
    // toStrictEqual accepts a Buffer for a Uint8Array; the mapping promises a plain Uint8Array.
    expect(Object.getPrototypeOf(row?.bytea)).toBe(Uint8Array.prototype);
  });

  it('sends parameters the same way on both engines', async () => {
    const at = new Date('2024-05-06T07:08:09.010Z');
    const { rows } = await sql<Record<string, unknown>>`
      select
        ${'9007199254740993'}::int8 as int8_from_string,
        ${12n}::int8 as int8_from_bigint,
        ${'0.1'}::numeric as numeric,
        ${at}::timestamptz as timestamptz,
        ${JSON.stringify({ k: ['v'] })}::jsonb as jsonb,
        ${new Uint8Array([1, 2, 3])}::bytea as bytea,
        ${['x', 'y z']}::text[] as text_array,
        ${false}::bool as bool,
        ${null}::text as nothing`.execute(db.kysely);
    expect(rows[0]).toStrictEqual({
      int8_from_string: '9007199254740993',
      int8_from_bigint: '12',
      numeric: '0.1',
      timestamptz: at,
      jsonb: { k: ['v'] },
      bytea: new Uint8Array([1, 2, 3]),
      text_array: ['x', 'y z'],
      bool: false,
      nothing: null,
    });
  });

  it('counts affected rows', async () => {
    await clearScratch();
    const inserted = await scratch()
      .insertInto('public.scratch')
      .values([{ label: 'a' }, { label: 'b' }])
      .executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    const updated = await scratch().updateTable('public.scratch').set({ label: 'c' }).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    const deleted = await scratch().deleteFrom('public.scratch').executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(2n);
  });

  it('commits a transaction and rolls one back when its callback throws', async () => {
    await clearScratch();
    const result = await db.transaction(async (trx) => {
      await trx.withTables<ScratchTables>().insertInto('public.scratch').values({ label: 'kept' }).execute();
      return 'done';
    });
    expect(result).toBe('done');
    await expect(
      db.transaction(async (trx) => {
        await trx
          .withTables<ScratchTables>()
          .insertInto('public.scratch')
          .values({ label: 'dropped' })
          .execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await labels()).toEqual(['kept']);
  });

  it('never lets another query into a transaction in progress', async () => {
    await clearScratch();
    let inside: () => void = () => {};
    const entered = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const rolledBack = db.transaction(async (trx) => {
      await trx
        .withTables<ScratchTables>()
        .insertInto('public.scratch')
        .values({ label: 'rolled back' })
        .execute();
      inside();
      // Give the concurrent insert every chance to slip into this transaction.
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('roll back');
    });
    await entered;
    const outside = scratch().insertInto('public.scratch').values({ label: 'outside' }).execute();
    await expect(rolledBack).rejects.toThrow('roll back');
    await outside;
    expect(await labels()).toEqual(['outside']);
  });

  it('refuses a transaction nested in another', async () => {
    await expect(db.transaction(async () => db.transaction(async () => 'inner'))).rejects.toThrow(
      /inside a transaction/,
    );
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it('fails fast (PGlite) instead of waiting forever for a query sent around the transaction', async () => {
    const attempt = db.transaction(async () => {
      await sql`select 1`.execute(db.kysely);
      return 'ran';
    });
    // PostgreSQL runs it on another pooled connection; PGlite has only the one the transaction holds.
    if (db.engine === 'pglite') {
      await expect(attempt).rejects.toThrow(/use the `trx`/);
    } else {
      await expect(attempt).resolves.toBe('ran');
    }
  });

  it('supports savepoints', async () => {
    await clearScratch();
    const trx = await db.kysely.startTransaction().execute();
    await trx.withTables<ScratchTables>().insertInto('public.scratch').values({ label: 'before' }).execute();
    const afterSavepoint = await trx.savepoint('sp').execute();
    await afterSavepoint
      .withTables<ScratchTables>()
      .insertInto('public.scratch')
      .values({ label: 'undone' })
      .execute();
    const rolledBack = await afterSavepoint.rollbackToSavepoint('sp').execute();
    await rolledBack.commit().execute();
    expect(await labels()).toEqual(['before']);
  });

  it('aborts the whole transaction on a failed statement, as PostgreSQL does', async () => {
    await clearScratch();
    await expect(
      db.transaction(async (trx) => {
        const tables = trx.withTables<ScratchTables>();
        await tables.insertInto('public.scratch').values({ label: 'first' }).execute();
        await sql`select 1 / 0`.execute(trx).catch(() => undefined);
        await tables.insertInto('public.scratch').values({ label: 'second' }).execute();
      }),
    ).rejects.toThrow(/current transaction is aborted/);
    expect(await labels()).toEqual([]);
  });
});

describe('openDatabase with PGlite', () => {
  it('keeps data in dataDir, creating the folder, and can dump it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tradehub-db-'));
    const dataDir = join(root, 'nested', 'pgdata');
    try {
      const first = await openDatabase({ dataDir });
      try {
        await sql`create table kept (v text)`.execute(first.kysely);
        await sql`insert into kept values ('persisted')`.execute(first.kysely);
      } finally {
        await first.close();
      }
      const second = await openDatabase({ dataDir });
      try {
        const { rows } = await sql<{ v: string }>`select v from kept`.execute(second.kysely);
        expect(rows).toEqual([{ v: 'persisted' }]);
        const dump = await second.dumpDataDir?.();
        expect(dump?.size).toBeGreaterThan(0);
      } finally {
        await second.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('recovery', () => {
  it.runIf(process.env.DATABASE_URL)(
    'answers DatabaseUnavailableError while PostgreSQL is unreachable and recovers without a restart (needs PostgreSQL: DATABASE_URL)',
    async () => {
      if (db.url === undefined) {
        throw new Error('the PostgreSQL test database has a URL');
      }
      const target = new URL(db.url);
      const proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
      const viaProxy = new URL(db.url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      const logged: string[] = [];
      const record = (_fields: Record<string, unknown>, message?: string) => logged.push(message ?? '');
      const logger: Logger = { ...silentLogger, debug: record, warn: record };
      const proxied = await openDatabase({
        databaseUrl: viaProxy.toString(),
        connectionTimeoutMs: 500,
        logger,
      });
      try {
        await proxied.ping();
        await proxy.stop();
        await expect(proxied.ping()).rejects.toBeInstanceOf(DatabaseUnavailableError);
        await expect(sql`select 1`.execute(proxied.kysely)).rejects.toMatchObject({ code: 'db.unavailable' });
        await proxy.start();
        await expect(proxied.ping()).resolves.toBeUndefined();
        // The connection cut by the outage was logged (idle or in use, whichever it was when the
        // cut arrived), not thrown at the process.
        expect(logged.some((message) => message.includes('database connection'))).toBe(true);
      } finally {
        await proxied.close();
        await proxy.close();
      }
    },
  );
});
