import { createHash, randomBytes } from 'node:crypto';
import { rootFromLeafHashes, tileBytes, tileCoordinatesForTree } from '@tradehub/verifier';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationSources } from '../src/migration-sources.ts';
import { createTransparencyLogModule } from '../src/modules/transparency-log/index.ts';
import { loadMigrations, migrate } from '../src/platform/db/index.ts';
import { createLogger } from '../src/platform/logging/index.ts';
import { createEmptyTestDatabase, type TestDatabase, testEngine } from './support/test-db.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const leafHashOf = (body: Uint8Array) =>
  new Uint8Array(
    createHash('sha256')
      .update(Buffer.from([0]))
      .update(body)
      .digest(),
  );

// Past 65,536 leaves, so the backfill builds three tile levels.
const LEGACY_SIZE = 65_536 + 700;

describe(`stored tiles on ${testEngine()}`, { timeout: 180_000 }, () => {
  let db: TestDatabase;
  const bodies: Uint8Array[] = [];

  beforeAll(async () => {
    db = await createEmptyTestDatabase();
  });
  afterAll(async () => db.close());

  it('are built by migration 0002 for a log integrated before tiles were stored', async () => {
    const migrations = await loadMigrations(migrationSources);
    const beforeTiles = migrations.filter((m) => !(m.module === 'transparency_log' && m.number >= 2));
    await migrate(db, beforeTiles);
    // A log as migration 0001's code left it: entries and the coord size, no tiles.
    for (let start = 0; start < LEGACY_SIZE; start += 5000) {
      const chunk = Array.from(
        { length: Math.min(5000, LEGACY_SIZE - start) },
        () => new Uint8Array(randomBytes(40)),
      );
      bodies.push(...chunk);
      await sql`
        insert into transparency_log.entries (idx, leaf_hash, body)
        select ${start}::bigint + position - 1, leaf_hash, body
        from unnest(${chunk.map(leafHashOf)}::bytea[], ${chunk}::bytea[]) with ordinality as t (leaf_hash, body, position)
      `.execute(db.kysely);
    }
    await sql`update transparency_log.coord set size = ${LEGACY_SIZE} where id = 1`.execute(db.kysely);

    await migrate(db, migrations);

    const leafHashes = bodies.map(leafHashOf);
    const expected = tileCoordinatesForTree(LEGACY_SIZE);
    const { rows } = await sql<{ level: number; idx: string; hashes: Uint8Array }>`
      select level, idx, hashes from transparency_log.tiles order by level, idx`.execute(db.kysely);
    expect(rows.map((row) => `${row.level}/${row.idx}/${row.hashes.length / 32}`)).toEqual(
      expected.map((tile) => `${tile.level}/${tile.index}/${tile.width}`),
    );
    // Every tile of levels 1 and 2, and a sample of level 0 (the verifier's hashing is slow in bulk).
    for (const tile of expected.filter((t) => t.level > 0 || t.index % 37 === 0 || t.width < 256)) {
      const row = rows.find((r) => r.level === tile.level && Number(r.idx) === tile.index);
      expect(hex(row?.hashes ?? new Uint8Array()), `tile ${tile.level}/${tile.index}`).toBe(
        hex(tileBytes(leafHashes, tile.level, tile.index, tile.width)),
      );
    }
  });

  it('let the sequencer carry on from the backfilled tiles, and the log verifies', async () => {
    const log = createTransparencyLogModule({
      db,
      logger: createLogger({ level: 'silent' }),
      secretKey: randomBytes(32),
      publicUrl: 'http://legacy.example',
    });
    const more = Array.from({ length: 300 }, () => new Uint8Array(randomBytes(40)));
    await db.transaction((trx) => log.queueEntries(trx, more));
    const integration = await log.integratePending({ batchMax: 1000 });
    expect(integration).toMatchObject({ size: LEGACY_SIZE + 300, integrated: 300 });
    bodies.push(...more);
    expect(hex(integration.checkpoint?.rootHash ?? new Uint8Array())).toBe(
      hex(rootFromLeafHashes(bodies.map(leafHashOf))),
    );
    const report = await log.verifyLog();
    expect(report).toMatchObject({
      from: 0,
      to: LEGACY_SIZE + 300,
      checkedEntries: LEGACY_SIZE + 300,
      checkedCheckpoints: 1,
    });
    expect(report.problems).toEqual([]);
    expect(report.checkedTiles).toBe(tileCoordinatesForTree(LEGACY_SIZE + 300).length);
  });

  it('may only grow: a full tile never changes, a partial one only gains hashes, none is removed', async () => {
    const attempt = (statement: ReturnType<typeof sql>) =>
      db
        .transaction((trx) => statement.execute(trx))
        .then(
          () => 'changed',
          (error: unknown) => String(error),
        );
    const extra = new Uint8Array(32).fill(9);
    // Level 0 tile 0 is full; the level-0 edge tile is partial.
    const edge = Math.floor((LEGACY_SIZE + 300) / 256);
    expect((LEGACY_SIZE + 300) % 256).toBeGreaterThan(1);
    await expect(
      attempt(sql`update transparency_log.tiles set hashes = hashes where level = 0 and idx = 0`),
    ).resolves.toMatch(/full and immutable/);
    await expect(
      attempt(
        sql`update transparency_log.tiles set hashes = substring(hashes from 1 for 32) where level = 0 and idx = ${edge}`,
      ),
    ).resolves.toMatch(/only grow/);
    await expect(
      attempt(
        sql`update transparency_log.tiles set hashes = ${extra} || hashes where level = 0 and idx = ${edge}`,
      ),
    ).resolves.toMatch(/only grow/);
    await expect(
      attempt(sql`delete from transparency_log.tiles where level = 0 and idx = ${edge}`),
    ).resolves.toMatch(/append-only/);
    await expect(attempt(sql`truncate transparency_log.tiles`)).resolves.toMatch(/append-only/);
    // What the sequencer does: append hashes to the partial tile.
    await expect(
      db.transaction(async (trx) => {
        await sql`update transparency_log.tiles set hashes = hashes || ${extra} where level = 0 and idx = ${edge}`.execute(
          trx,
        );
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
  });
});
