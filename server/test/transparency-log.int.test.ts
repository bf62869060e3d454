import { isAppError } from '@tradehub/kernel';
import {
  countWitnessCosignatures,
  decodeEntryBundle,
  entriesTilePath,
  generateWitnessKey,
  leafHash,
  openCheckpoint,
  parseTlogProof,
  parseVerifierKey,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  rootFromLeafHashes,
  rootFromTiles,
  TILE_WIDTH,
  tileCoordinatesForTree,
  tilePath,
  tilesForTree,
} from '@tradehub/verifier';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTransparencyLogModule } from '../src/modules/transparency-log/index.ts';
import { createLogger } from '../src/platform/logging/index.ts';
import { createMemoryWitnessStore, createWitness } from '../src/witness/index.ts';
import { randomEntryBody, seededRandom } from './support/seeded-random.ts';
import { createTestDatabase } from './support/test-db.ts';
import { createTestHub } from './support/test-hub.ts';

const random = seededRandom(20261126);

const randomBody = () => randomEntryBody(random);

const bodies = (count: number) => Array.from({ length: count }, randomBody);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('transparency log', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  const committed: Uint8Array[] = [];
  const rolledBack = bodies(100);

  beforeAll(async () => {
    ctx = await createTestHub();
    // These tests integrate by hand, batch by batch.
    await ctx.hub.transparencyLog.sequencer.stop();
  });
  afterAll(async () => ctx.close());

  const get = (url: string) => ctx.hub.app.inject({ method: 'GET', url });

  it('has no checkpoint while empty, and publishes its verifier key', async () => {
    const checkpoint = await get('/log/checkpoint');
    expect(checkpoint.statusCode).toBe(404);
    expect(checkpoint.headers['content-type']).toContain('application/problem+json');
    expect(checkpoint.json<{ code: string }>().code).toBe('transparency-log.no_checkpoint');
    const vkey = await get('/log/vkey');
    expect(vkey.statusCode).toBe(200);
    expect(vkey.headers['content-type']).toContain('text/plain');
    const verifier = parseVerifierKey(vkey.body.trim());
    expect(verifier.ok && verifier.key.name).toBe('localhost:8080/log');
    expect((await get('/log/tile/0/000.p/1')).statusCode).toBe(404);
  });

  it('refuses entries that an entry bundle cannot carry', async () => {
    const { queueEntries } = ctx.hub.transparencyLog;
    const codeOf = (work: Promise<unknown>) =>
      work.then(
        () => 'accepted',
        (error: unknown) => (isAppError(error) ? error.code : String(error)),
      );
    await expect(
      codeOf(ctx.hub.db.transaction((trx) => queueEntries(trx, [new Uint8Array(65_536)]))),
    ).resolves.toBe('transparency-log.entry_too_large');
    await expect(
      codeOf(ctx.hub.db.transaction((trx) => queueEntries(trx, [new Uint8Array(0)]))),
    ).resolves.toBe('transparency-log.entry_empty');
    await expect(codeOf(ctx.hub.db.transaction((trx) => queueEntries(trx, bodies(1001))))).resolves.toBe(
      'transparency-log.too_many_entries',
    );
  });

  it('queues entries with the caller’s transaction: a rolled-back one queues nothing', async () => {
    const { queueEntries } = ctx.hub.transparencyLog;
    for (let batch = 0; batch < 4; batch++) {
      const next = bodies(250);
      if (batch === 1) {
        // The largest entry a bundle can carry.
        next[0] = new Uint8Array(65_535).fill(7);
      }
      await ctx.hub.db.transaction((trx) => queueEntries(trx, next));
      committed.push(...next);
      if (batch === 2) {
        await expect(
          ctx.hub.db.transaction(async (trx) => {
            await queueEntries(trx, rolledBack);
            throw new Error('the change failed');
          }),
        ).rejects.toThrow('the change failed');
      }
    }
    expect(committed).toHaveLength(1000);
  });

  it('integrates pending entries in batches, each with a new checkpoint', async () => {
    const log = ctx.hub.transparencyLog;
    await expect(log.integratePending({ batchMax: 600 })).resolves.toMatchObject({
      size: 600,
      integrated: 600,
    });
    await expect(log.integratePending({ batchMax: 600 })).resolves.toMatchObject({
      size: 1000,
      integrated: 400,
    });
    await expect(log.integratePending({ batchMax: 600 })).resolves.toEqual({
      size: 1000,
      integrated: 0,
      assigned: [],
    });
    const sizes = await sql<{
      size: string;
    }>`select size from transparency_log.checkpoints order by size`.execute(ctx.hub.db.kysely);
    expect(sizes.rows.map((row) => row.size)).toEqual(['600', '1000']);
  });

  it('lets an independent tlog-tiles client rebuild the signed root and check every entry', async () => {
    const vkey = parseVerifierKey((await get('/log/vkey')).body.trim());
    if (!vkey.ok) {
      throw new Error(vkey.message);
    }
    const checkpointResponse = await get('/log/checkpoint');
    expect(checkpointResponse.statusCode).toBe(200);
    expect(checkpointResponse.headers['content-type']).toContain('text/plain');
    const opened = openCheckpoint(checkpointResponse.body, vkey.key);
    if (!opened.ok) {
      throw new Error(opened.message);
    }
    const { size, rootHash, origin } = opened.checkpoint;
    expect(size).toBe(1000);
    expect(origin).toBe(ctx.hub.transparencyLog.origin);

    // Every tile of the tree, as tilesForTree lists them.
    const tiles = new Map<string, Uint8Array>();
    expect(tilesForTree(size)).toEqual([
      { level: 0, fullTiles: 3, partialWidth: 232 },
      { level: 1, fullTiles: 0, partialWidth: 3 },
    ]);
    for (const tile of tileCoordinatesForTree(size)) {
      const path = tilePath(tile.level, tile.index, tile.width);
      const response = await get(`/log/${path}`);
      expect(response.statusCode, path).toBe(200);
      expect(response.headers['content-type']).toBe('application/octet-stream');
      expect(response.headers['cache-control']).toBe(
        tile.width === TILE_WIDTH ? 'public, max-age=31536000, immutable' : 'public, max-age=5',
      );
      tiles.set(path, new Uint8Array(response.rawPayload));
    }
    const rebuilt = rootFromTiles(size, (tile) => tiles.get(tilePath(tile.level, tile.index, tile.width)));
    if (!rebuilt.ok) {
      throw new Error(
        `tile ${tilePath(rebuilt.tile.level, rebuilt.tile.index, rebuilt.tile.width)}: ${rebuilt.reason}`,
      );
    }
    expect(hex(rebuilt.root)).toBe(hex(rootHash));
    // The entries the test committed, in the order it committed them, and nothing rolled back.
    expect(hex(rootFromLeafHashes(committed.map(leafHash)))).toBe(hex(rootHash));

    const rolledBackHashes = new Set(rolledBack.map((body) => hex(leafHash(body))));
    for (let index = 0; index * TILE_WIDTH < size; index++) {
      const width = Math.min(TILE_WIDTH, size - index * TILE_WIDTH);
      const response = await get(`/log/${entriesTilePath(index, width)}`);
      expect(response.statusCode).toBe(200);
      const bundle = decodeEntryBundle(new Uint8Array(response.rawPayload), width);
      if (!bundle.ok) {
        throw new Error(bundle.reason);
      }
      const level0 = tiles.get(tilePath(0, index, width));
      bundle.entries.forEach((entry, i) => {
        const hash = leafHash(entry);
        expect(hex(hash)).toBe(hex(level0?.subarray(i * 32, (i + 1) * 32) ?? new Uint8Array()));
        expect(hex(entry)).toBe(hex(committed[index * TILE_WIDTH + i] ?? new Uint8Array()));
        expect(rolledBackHashes.has(hex(hash))).toBe(false);
      });
    }
  });

  it('answers 404 for tiles the tree does not have and for paths that are not canonical', async () => {
    const missing = [
      '/log/tile/0/004',
      '/log/tile/0/003',
      '/log/tile/0/003.p/100',
      '/log/tile/0/003.p/233',
      '/log/tile/1/000',
      '/log/tile/1/000.p/2',
      '/log/tile/2/000.p/1',
      '/log/tile/entries/004',
      '/log/tile/entries/003.p/231',
      '/log/tile/0/3',
      '/log/tile/00/000',
      '/log/tile/0/x000/000',
      '/log/tile/0/000.p/256',
      '/log/tile/64/000',
      '/log/tile/data/000',
    ];
    for (const url of missing) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
    }
  });

  it('refuses to change or remove an integrated entry or checkpoint', async () => {
    const db = ctx.hub.db.kysely;
    await expect(
      sql`update transparency_log.entries set body = '\\x00'::bytea where idx = 0`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`update transparency_log.entries set leaf_hash = leaf_hash where idx = 5`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from transparency_log.entries where idx = 999`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate transparency_log.entries`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from transparency_log.checkpoints`.execute(db)).rejects.toThrow(/append-only/);
    const count = await sql<{ n: string }>`select count(*) as n from transparency_log.entries`.execute(db);
    expect(count.rows[0]?.n).toBe('1000');
  });

  it('tells onCheckpoint of every committed integration before answering those waiting for it', async () => {
    const log = ctx.hub.transparencyLog;
    const start = (await log.latestCheckpoint())?.size ?? 0;
    const seen: string[] = [];
    const sequencer = log.createSequencer({
      intervalMs: 3_600_000,
      batchMax: 3,
      onCheckpoint: async (checkpoint) => {
        seen.push(`checkpoint ${checkpoint.size}`);
        if (checkpoint.size === start + 3) {
          throw new Error('a witness is down');
        }
      },
    });
    await ctx.hub.db.transaction((trx) => log.queueEntries(trx, bodies(7)));
    const waiting = sequencer.waitUntilIntegrated(start + 7, 30_000).then((reached) => {
      seen.push(`waiter ${reached}`);
    });
    await expect(sequencer.integrateNow()).resolves.toBe(start + 7);
    await waiting;
    // A failing hook is logged and the log goes on.
    expect(seen).toEqual([
      `checkpoint ${start + 3}`,
      `checkpoint ${start + 6}`,
      `checkpoint ${start + 7}`,
      'waiter true',
    ]);
  });

  it('integrates a full batch as soon as it is known to be queued, not at the next tick', async () => {
    const log = ctx.hub.transparencyLog;
    const start = (await log.latestCheckpoint())?.size ?? 0;
    // An hour between ticks: only the size bound can integrate within the test.
    const sequencer = log.createSequencer({ intervalMs: 3_600_000, batchMax: 5 });
    sequencer.start();
    try {
      await ctx.hub.db.transaction((trx) => log.queueEntries(trx, bodies(3)));
      sequencer.poke(3);
      await ctx.hub.db.transaction((trx) => log.queueEntries(trx, bodies(2)));
      sequencer.poke(2);
      await expect(sequencer.waitUntilIntegrated(start + 5, 30_000)).resolves.toBe(true);
      expect(sequencer.knownSize()).toBe(start + 5);
    } finally {
      await sequencer.stop();
    }
  });

  it('runs a sequencer that integrates what is queued until it is stopped', async () => {
    const log = ctx.hub.transparencyLog;
    const expected = ((await log.latestCheckpoint())?.size ?? 0) + 3;
    await ctx.hub.db.transaction((trx) => log.queueEntries(trx, bodies(3)));
    const sequencer = log.createSequencer({ intervalMs: 10, batchMax: 2 });
    sequencer.start();
    try {
      await vi.waitFor(
        async () => {
          const response = await get('/log/checkpoint');
          expect(response.body.split('\n')[1]).toBe(String(expected));
        },
        { timeout: 10_000, interval: 20 },
      );
    } finally {
      await sequencer.stop();
    }
    const pending = await sql<{ n: string }>`select count(*) as n from transparency_log.pending`.execute(
      ctx.hub.db.kysely,
    );
    expect(pending.rows[0]?.n).toBe('0');
  });
});

describe('the transparency log with witnesses', () => {
  it('asks each witness to cosign every checkpoint its sequencer signs, and publishes the cosignatures', async () => {
    const db = await createTestDatabase();
    try {
      const names = ['customs.example/witness', 'bank.example/witness'];
      const keys = names.map((name) => generateWitnessKey(name));
      const logKeyHolder: { origin?: string; verifierKey?: string } = {};
      const witnesses = names.map((name, i) => {
        const signer = parseWitnessSignerKey(keys[i]?.signerKey ?? '');
        if (!signer.ok) {
          throw new Error(signer.message);
        }
        // The log's key is known once the module exists; the witness reads it on first use.
        let witness: ReturnType<typeof createWitness> | undefined;
        const addCheckpoint = (body: Uint8Array) => {
          witness ??= createWitness({
            name,
            signer: signer.key,
            logs: [{ origin: logKeyHolder.origin ?? '', verifierKey: logKeyHolder.verifierKey ?? '' }],
            store: createMemoryWitnessStore(),
            now: () => new Date(),
          });
          return witness.addCheckpoint(body);
        };
        return {
          name,
          verifierKey: keys[i]?.verifierKey ?? '',
          transport: { kind: 'in-process' as const, addCheckpoint },
        };
      });
      const log = createTransparencyLogModule({
        db,
        logger: createLogger({ level: 'silent' }),
        secretKey: new Uint8Array(32).fill(3),
        publicUrl: 'http://witnessed.example',
        witnesses,
      });
      logKeyHolder.origin = log.origin;
      logKeyHolder.verifierKey = log.verifierKey;
      const sequencer = log.createSequencer({ intervalMs: 3_600_000, batchMax: 50 });
      for (const count of [30, 70]) {
        await db.transaction((trx) => log.queueEntries(trx, bodies(count)));
        await sequencer.integrateNow();
      }
      const policy = keys.map((key) => {
        const parsed = parseWitnessVerifierKey(key.verifierKey);
        if (!parsed.ok) {
          throw new Error(parsed.message);
        }
        return parsed.key;
      });
      // Checkpoints 30, 80 and 100, each cosigned by both: the second and third from the size before.
      for (const size of [30, 80, 100]) {
        const proof = parseTlogProof((await log.tlogProof(size - 1, size)).text);
        if (!proof.ok) {
          throw new Error(proof.message);
        }
        expect(countWitnessCosignatures(proof.proof.checkpoint, policy, 2), `size ${size}`).toMatchObject({
          ok: true,
        });
      }
    } finally {
      await db.close();
    }
  });
});
