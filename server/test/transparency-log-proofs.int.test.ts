import {
  fromBase64,
  leafHash,
  type NoteVerifier,
  openCheckpoint,
  parseTlogProof,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
} from '@tradehub/verifier';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomEntryBody, seededRandom } from './support/seeded-random.ts';
import { createTestHub } from './support/test-hub.ts';

const random = seededRandom(6962);
const randomBody = () => randomEntryBody(random);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const b64 = (text: string) => {
  const bytes = fromBase64(text);
  if (bytes === undefined) {
    throw new Error(`not base64: ${text}`);
  }
  return bytes;
};

// Batches chosen so checkpoints land on and around tile boundaries (256, 512) and on tiny trees.
const batches = [1, 1, 1, 253, 44, 211, 1, 188, 300];
const total = batches.reduce((sum, n) => sum + n, 0);

type Checkpoints = Map<number, Uint8Array>;

describe('the transparency log proof API', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let vkey: NoteVerifier;
  const bodies: Uint8Array[] = [];
  const roots: Checkpoints = new Map();

  const get = (url: string) => ctx.hub.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    ctx = await createTestHub();
    await ctx.hub.transparencyLog.sequencer.stop();
    const parsed = parseVerifierKey(ctx.hub.transparencyLog.verifierKey);
    if (!parsed.ok) {
      throw new Error(parsed.message);
    }
    vkey = parsed.key;
  });
  afterAll(async () => ctx.close());

  it('answers 404 no_checkpoint for proofs while the log is empty', async () => {
    for (const url of [
      '/log/proof/inclusion?index=0',
      '/log/proof/consistency?from=0',
      '/log/proof/tlog-proof?index=0',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json<{ code: string }>().code).toBe('transparency-log.no_checkpoint');
    }
    expect((await get('/log/checkpoints')).json()).toEqual({ items: [], nextBefore: null });
  });

  it('lists every signed checkpoint page by page, newest first', async () => {
    const log = ctx.hub.transparencyLog;
    for (const count of batches) {
      const next = Array.from({ length: count }, randomBody);
      await ctx.hub.db.transaction((trx) => log.queueEntries(trx, next));
      bodies.push(...next);
      await log.integratePending({ batchMax: count });
    }
    const seen: { size: number; rootHash: string; note: string; createdAt: string }[] = [];
    let url = '/log/checkpoints?limit=4';
    for (let pages = 0; pages < 10; pages++) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const page = response.json<{ items: typeof seen; nextBefore: number | null }>();
      seen.push(...page.items);
      if (page.nextBefore === null) {
        break;
      }
      url = `/log/checkpoints?limit=4&before=${page.nextBefore}`;
    }
    let size = 0;
    const sizes = batches.map((count) => {
      size += count;
      return size;
    });
    expect(seen.map((c) => c.size)).toEqual([...sizes].reverse());
    for (const checkpoint of seen) {
      const opened = openCheckpoint(checkpoint.note, vkey);
      expect(opened.ok).toBe(true);
      if (opened.ok) {
        expect(opened.checkpoint.size).toBe(checkpoint.size);
        expect(hex(opened.checkpoint.rootHash)).toBe(hex(b64(checkpoint.rootHash)));
        roots.set(checkpoint.size, opened.checkpoint.rootHash);
      }
      expect(Number.isNaN(Date.parse(checkpoint.createdAt))).toBe(false);
    }
  });

  it('gives inclusion proofs that verify against every signed checkpoint', async () => {
    let checked = 0;
    for (const [size, root] of roots) {
      // Every index of the small trees; a sample of the others, always with the first and last.
      const indices =
        size <= 260
          ? Array.from({ length: size }, (_, i) => i)
          : [0, size - 1, ...Array.from({ length: 25 }, () => Math.floor(random() * size))];
      for (const index of indices) {
        const response = await get(`/log/proof/inclusion?index=${index}&size=${size}`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toContain('immutable');
        const proof = response.json<{ index: number; size: number; leafHash: string; hashes: string[] }>();
        expect(proof).toMatchObject({ index, size });
        expect(hex(b64(proof.leafHash))).toBe(hex(leafHash(bodies[index] as Uint8Array)));
        const verdict = verifyInclusion({
          leafHash: b64(proof.leafHash),
          index,
          treeSize: size,
          proof: proof.hashes.map(b64),
          rootHash: root,
        });
        expect(verdict, `entry ${index} in tree ${size}`).toEqual({ ok: true });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(260);
    const latest = await get('/log/proof/inclusion?index=3');
    expect(latest.json<{ size: number }>().size).toBe(total);
    expect(latest.headers['cache-control']).toBe('public, max-age=5');
  });

  it('gives consistency proofs that verify between any two checkpoints', async () => {
    const sizes = [...roots.keys()];
    let checked = 0;
    for (const from of [0, ...sizes]) {
      for (const to of sizes.filter((size) => size >= from)) {
        const response = await get(`/log/proof/consistency?from=${from}&to=${to}`);
        expect(response.statusCode, `${from}..${to}`).toBe(200);
        const proof = response.json<{ from: number; to: number; hashes: string[] }>();
        expect(proof).toMatchObject({ from, to });
        const verdict = verifyConsistency({
          oldSize: from,
          newSize: to,
          oldRoot: from === 0 ? (new Uint8Array(0) as Uint8Array) : (roots.get(from) as Uint8Array),
          newRoot: roots.get(to) as Uint8Array,
          proof: proof.hashes.map(b64),
        });
        if (from > 0) {
          expect(verdict, `${from}..${to}`).toEqual({ ok: true });
        } else {
          expect(proof.hashes).toEqual([]);
        }
        checked += 1;
      }
    }
    expect(checked).toBe(((sizes.length + 1) * (sizes.length + 2)) / 2 - 1);
    const toLatest = await get('/log/proof/consistency?from=256');
    expect(toLatest.json<{ to: number }>().to).toBe(total);
  });

  it('exports an offline tlog-proof whose extra is the entry and whose checkpoint verifies it', async () => {
    for (const [index, size] of [
      [0, 1],
      [255, 256],
      [256, total],
      [total - 1, total],
      [500, undefined],
    ] as const) {
      const response = await get(
        `/log/proof/tlog-proof?index=${index}${size === undefined ? '' : `&size=${size}`}`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="entry-${index}.tlog-proof"`,
      );
      expect(response.body.startsWith('c2sp.org/tlog-proof@v1\nextra ')).toBe(true);
      const parsed = parseTlogProof(response.body);
      if (!parsed.ok) {
        throw new Error(parsed.message);
      }
      const { proof } = parsed;
      expect(proof.index).toBe(index);
      expect(hex(proof.extra ?? new Uint8Array())).toBe(hex(bodies[index] as Uint8Array));
      const opened = openCheckpoint(proof.checkpoint, vkey);
      if (!opened.ok) {
        throw new Error(opened.message);
      }
      expect(opened.checkpoint.size).toBe(size ?? total);
      expect(
        verifyInclusion({
          leafHash: leafHash(proof.extra as Uint8Array),
          index,
          treeSize: opened.checkpoint.size,
          proof: proof.hashes,
          rootHash: opened.checkpoint.rootHash,
        }),
      ).toEqual({ ok: true });
      // The same proof, by the module function a document bundle uses.
      expect((await ctx.hub.transparencyLog.tlogProof(index, size)).text).toBe(response.body);
    }
  });

  it('serves entries for an explorer, and finds an entry by its leaf hash', async () => {
    const response = await get('/log/entries/300');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
    const entry = response.json<{ index: number; leafHash: string; body: string; appendedAt: string }>();
    expect(entry.index).toBe(300);
    expect(hex(b64(entry.body))).toBe(hex(bodies[300] as Uint8Array));
    expect(hex(b64(entry.leafHash))).toBe(hex(leafHash(bodies[300] as Uint8Array)));
    const log = ctx.hub.transparencyLog;
    await expect(log.findEntriesByLeafHash(leafHash(bodies[300] as Uint8Array))).resolves.toEqual([300]);
    await expect(log.findEntriesByLeafHash(new Uint8Array(32))).resolves.toEqual([]);
    await expect(log.findEntry(total)).resolves.toBeUndefined();
    expect((await log.checkpointAt(256))?.size).toBe(256);
    await expect(log.checkpointAt(255)).resolves.toBeUndefined();
    expect((await log.latestCheckpoint())?.size).toBe(total);
  });

  it('answers any query, tile path or entry number with a proof or a problem, never a 500', async () => {
    const value = fc.oneof(
      fc.nat({ max: total + 5 }).map(String),
      fc.string({ maxLength: 20 }),
      fc.constantFrom('', '-0', '1e3', '0x10', '9007199254740993', ' 1', '1 '),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('inclusion?index=', 'consistency?from=', 'tlog-proof?index='),
        value,
        fc.constantFrom('size', 'to'),
        value,
        async (route, first, name, second) => {
          const url = `/log/proof/${route}${encodeURIComponent(first)}&${name}=${encodeURIComponent(second)}`;
          const response = await get(url);
          expect([200, 400, 404], url).toContain(response.statusCode);
          if (response.statusCode !== 200) {
            expect(response.headers['content-type'], url).toContain('application/problem+json');
          }
        },
      ),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (path) => {
        for (const url of [
          `/log/tile/${encodeURIComponent(path)}`,
          `/log/tile/0/${path}`,
          `/log/entries/${encodeURIComponent(path)}`,
        ]) {
          const response = await get(url);
          expect([200, 400, 404], url).toContain(response.statusCode);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('answers bad proof requests with problem+json naming the field', async () => {
    const cases: [string, number, string, string | undefined][] = [
      [`/log/proof/inclusion?index=${total}`, 400, 'transparency-log.index_out_of_range', 'index'],
      ['/log/proof/inclusion?index=256&size=256', 400, 'transparency-log.index_out_of_range', 'index'],
      ['/log/proof/inclusion?index=1&size=255', 404, 'transparency-log.checkpoint_not_found', 'size'],
      ['/log/proof/tlog-proof?index=1&size=7', 404, 'transparency-log.checkpoint_not_found', 'size'],
      ['/log/proof/consistency?from=5&to=3', 400, 'transparency-log.size_out_of_range', 'from'],
      [`/log/proof/consistency?from=1&to=${total + 1}`, 400, 'transparency-log.size_out_of_range', 'to'],
      ['/log/proof/inclusion?index=abc', 400, 'http.validation_failed', 'index'],
      ['/log/proof/inclusion?index=01', 400, 'http.validation_failed', 'index'],
      ['/log/proof/inclusion?index=-1', 400, 'http.validation_failed', 'index'],
      ['/log/proof/inclusion', 400, 'http.validation_failed', undefined],
      ['/log/proof/inclusion?index=1&leaf=2', 400, 'http.validation_failed', undefined],
      ['/log/proof/consistency?from=99999999999999999', 400, 'http.validation_failed', 'from'],
      [`/log/entries/${total}`, 404, 'transparency-log.entry_not_found', undefined],
      ['/log/entries/x', 400, 'http.validation_failed', undefined],
      ['/log/checkpoints?limit=0', 400, 'http.validation_failed', undefined],
    ];
    for (const [url, status, code, field] of cases) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
      const body = response.json<{ code: string; errors?: { field: string }[] }>();
      expect(body.code, url).toBe(code);
      if (field !== undefined) {
        expect(
          body.errors?.map((e) => e.field),
          url,
        ).toContain(field);
      }
    }
  });
});
