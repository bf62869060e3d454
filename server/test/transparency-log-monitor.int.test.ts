import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildHub, type Hub } from '../src/app.ts';
import { migrationSources } from '../src/migration-sources.ts';
import { createArgon2PasswordHasher } from '../src/modules/identity/index.ts';
import { type Database, loadMigrations, migrate, openDatabase } from '../src/platform/db/index.ts';
import { createLogger } from '../src/platform/logging/index.ts';
import { runCliInProcess } from './support/run-cli.ts';
import { createTestDatabase, type TestDatabase, testEngine } from './support/test-db.ts';

const secretKey = randomBytes(32);
const publicUrl = 'http://localhost:8080';
const TAMPERED_ENTRY = 800;
const TAMPERED_TILE = { level: 0, index: 2, position: 200 };

type Report = {
  origin: string;
  from: number;
  to: number;
  checkedEntries: number;
  checkedCheckpoints: number;
  checkedTiles: number;
  problems: { kind: string; index?: number; size?: number; detail: string }[];
};

/**
 * The log's database as the CLI sees it: on PostgreSQL the test's own database (the CLI connects
 * beside the hub); on PGlite a data directory, which only one process may hold at a time, so the
 * hub's handle is closed before the CLI runs.
 */
const storage = () => {
  const engine = testEngine();
  const dataDir = mkdtempSync(join(tmpdir(), 'tradehub-log-monitor-'));
  let postgres: TestDatabase | undefined;
  let migrated = false;
  return {
    open: async (): Promise<Database> => {
      if (engine === 'postgres') {
        postgres ??= await createTestDatabase();
        return postgres;
      }
      const db = await openDatabase({ dataDir });
      if (!migrated) {
        await migrate(db, await loadMigrations(migrationSources));
        migrated = true;
      }
      return db;
    },
    release: async (db: Database) => {
      if (engine === 'pglite') {
        await db.close();
      }
    },
    cliEnv: (): NodeJS.ProcessEnv => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        TRADEHUB_SECRET_KEY: secretKey.toString('hex'),
        TRADEHUB_PUBLIC_URL: publicUrl,
        LOG_LEVEL: 'silent',
      };
      delete env.DATABASE_URL;
      if (postgres?.url !== undefined) {
        env.DATABASE_URL = postgres.url;
      } else {
        env.TRADEHUB_DATA_DIR = dataDir;
      }
      return env;
    },
    dispose: async () => {
      await postgres?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

describe('the transparency-log monitor', { timeout: 240_000 }, () => {
  const store = storage();
  // In memory: the hub's error lines are part of what the test checks.
  const logLines: string[] = [];
  let db: Database;
  let hub: Hub;

  const openHub = async (monitorIntervalMs: number) => {
    db = await store.open();
    hub = await buildHub({
      config: {
        publicUrl,
        secretKey,
        bodyLimitBytes: 1024 * 1024,
        writeRateMax: 10_000,
        webDistDir: '/nonexistent',
        logIntervalMs: 3_600_000,
        logMonitorIntervalMs: monitorIntervalMs,
      },
      db,
      logger: createLogger({ level: 'info', destination: { write: (line: string) => logLines.push(line) } }),
      passwords: createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    });
  };
  const closeHub = async () => {
    await hub.close();
    await store.release(db);
  };

  const append = async (count: number, batch: number) => {
    const log = hub.transparencyLog;
    for (let done = 0; done < count; done += batch) {
      const bodies = Array.from(
        { length: Math.min(batch, count - done) },
        () => new Uint8Array(randomBytes(266)),
      );
      await db.transaction((trx) => log.queueEntries(trx, bodies));
      await log.integratePending({ batchMax: batch });
    }
  };

  const tradehub = (...args: string[]) => runCliInProcess(args, store.cliEnv());

  const mismatchEvents = async () => {
    const { rows } = await sql<{ payload: { problemCount: number; problems: { kind: string }[] } }>`
      select payload from events.outbox where topic = 'transparency-log.log.mismatch_detected' order by seq
    `.execute(db.kysely);
    return rows.map((row) => row.payload);
  };

  afterAll(async () => {
    await store.dispose();
  });

  it('finds nothing wrong with an untouched log, in the background check and from the CLI', async () => {
    await openHub(0);
    await append(600, 200);
    const report = await hub.transparencyLog.monitor.checkNow();
    expect(report).toMatchObject({
      from: 0,
      to: 600,
      checkedEntries: 600,
      checkedCheckpoints: 3,
      problems: [],
    });
    // Tiles 0/0, 0/1, 0/2 and the level-1 tile 1/0 at least.
    expect(report.checkedTiles).toBeGreaterThanOrEqual(4);
    await append(300, 150);
    await closeHub();

    const clean = await tradehub('log', 'verify');
    expect(clean.code, clean.err).toBe(0);
    expect(clean.out).toContain('from size 0 to 900: 900 entries, 5 checkpoints');
    expect(clean.out).toContain('No problems found.');
    const json = await tradehub('log', 'verify', '--json', '--from', '600');
    expect(json.code, json.err).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ from: 600, to: 900, checkedEntries: 300, problems: [] });
  });

  it('raises an alert from the background check for an edited entry body and an edited tile', async () => {
    await openHub(0);
    const monitor = hub.transparencyLog.monitor;
    // The first check of a new monitor reads everything; it is clean, and the next one is incremental.
    expect((await monitor.checkNow()).problems).toEqual([]);
    await append(100, 100);
    expect(await monitor.checkNow()).toMatchObject({
      from: 900,
      to: 1000,
      checkedEntries: 100,
      problems: [],
    });
    await append(300, 100);
    // What an operator with table-owner rights could do: switch the append-only triggers off,
    // edit, switch them on again. Two edits the incremental check has not read yet (an entry and
    // the partial tile 0/5), and two in history it has (for the full check of the CLI).
    await db.transaction(async (trx) => {
      await sql`alter table transparency_log.entries disable trigger entries_append_only`.execute(trx);
      for (const index of [TAMPERED_ENTRY, 1250]) {
        await sql`update transparency_log.entries set body = ${new Uint8Array(randomBytes(266))} where idx = ${index}`.execute(
          trx,
        );
      }
      await sql`alter table transparency_log.entries enable trigger entries_append_only`.execute(trx);
      await sql`alter table transparency_log.tiles disable trigger tiles_only_grow`.execute(trx);
      for (const tile of [TAMPERED_TILE, { level: 0, index: 5, position: 10 }]) {
        await sql`
          update transparency_log.tiles
          set hashes = overlay(hashes placing ${new Uint8Array(32).fill(7)} from ${tile.position * 32 + 1})
          where level = ${tile.level} and idx = ${tile.index}`.execute(trx);
      }
      await sql`alter table transparency_log.tiles enable trigger tiles_only_grow`.execute(trx);
    });
    const report = await monitor.checkNow();
    expect(report).toMatchObject({ from: 1000, to: 1300, checkedEntries: 300 });
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'leaf_hash_mismatch', index: 1250 }),
    );
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'tile_mismatch', detail: expect.stringContaining('tile 0/5 ') }),
    );
    // Incremental: the edits in history it had already read are for the full check.
    expect(report.problems).not.toContainEqual(expect.objectContaining({ index: TAMPERED_ENTRY }));
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'checkpoint_mismatch', size: 1300 }),
    );
    const events = await mismatchEvents();
    expect(events).toHaveLength(1);
    expect(events[0]?.problems.map((p) => p.kind)).toContain('leaf_hash_mismatch');
    expect(logLines.join('')).toContain('the transparency log does not verify against itself');
    await closeHub();
  });

  it('finds the edited entries and the edited tile from the CLI, and exits 1', async () => {
    const result = await tradehub('log', 'verify');
    expect(result.code, result.err).toBe(1);
    expect(result.out).toContain('from size 0 to 1300: 1300 entries');
    expect(result.out).toMatch(new RegExp(`leaf_hash_mismatch\\s+entry ${TAMPERED_ENTRY} `));
    expect(result.out).toMatch(/leaf_hash_mismatch\s+entry 1250 /);
    expect(result.out).toContain(`tile ${TAMPERED_TILE.level}/${TAMPERED_TILE.index} differs`);
    expect(result.out).toContain('tile 0/5 differs');
    expect(result.err).toContain('does not verify');
    const json = await tradehub('log', 'verify', '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as Report;
    expect(report).toMatchObject({ from: 0, to: 1300, checkedEntries: 1300 });
    expect(report.checkedCheckpoints).toBeGreaterThanOrEqual(9);
    const kinds = new Set(report.problems.map((p) => p.kind));
    expect([...kinds]).toEqual(
      expect.arrayContaining(['leaf_hash_mismatch', 'tile_mismatch', 'checkpoint_mismatch']),
    );
    expect(report.problems.filter((p) => p.kind === 'leaf_hash_mismatch').map((p) => p.index)).toEqual([
      TAMPERED_ENTRY,
      1250,
    ]);
  });

  it('raises the alert on its own timer too, once started by the hub', async () => {
    await openHub(20);
    await vi.waitFor(async () => expect((await mismatchEvents()).length).toBeGreaterThanOrEqual(2), {
      timeout: 60_000,
      interval: 50,
    });
    const latest = (await mismatchEvents()).at(-1);
    // A new monitor starts from size 0, so the older edit is in its report too.
    expect(latest?.problems.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['leaf_hash_mismatch', 'tile_mismatch']),
    );
    await closeHub();
  });

  it('exits 2 when the check cannot run', async () => {
    const bad = await tradehub('log', 'verify', '--from', 'ten');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--from');
    const env = { ...store.cliEnv(), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const unreachable = await runCliInProcess(['log', 'verify'], env);
    expect(unreachable.code).toBe(2);
    expect(unreachable.err).toContain('could not open the database');
  });
});
