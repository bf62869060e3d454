import { toHex } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  consistencyProofFromSubtrees,
  inclusionProofFromSubtrees,
  leafHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  entriesTilePath,
  parseTilePath,
  rootFromTiles,
  subtreeHashFromTiles,
  type TileCoordinate,
  tileBytes,
  tileContaining,
  tileCoordinatesForTree,
  tileHashes,
  tilePath,
  tilesForSubtree,
  tilesForTree,
} from './tiles.ts';

/** Cheap distinct synthetic leaf hashes: the index in the first four bytes, no hashing. */
function syntheticLeaves(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => {
    const hash = new Uint8Array(32);
    new DataView(hash.buffer).setUint32(0, i);
    hash[31] = 0xa5;
    return hash;
  });
}

const MAX_SIZE = 70_000;
const leaves = syntheticLeaves(MAX_SIZE);

// Hashes at a level do not depend on the tree size, so each tile is computed once at the widest
// width these leaves allow and cut down to the width a smaller tree serves.
const tileCache = new Map<string, Uint8Array>();
function storedTile({ level, index, width }: TileCoordinate): Uint8Array | undefined {
  const key = `${level}/${index}`;
  let bytes = tileCache.get(key);
  if (bytes === undefined) {
    const available = Math.min(256, Math.floor(MAX_SIZE / 256 ** level) - index * 256);
    if (available < 1) {
      return undefined;
    }
    bytes = tileBytes(leaves, level, index, available);
    tileCache.set(key, bytes);
  }
  return width * 32 <= bytes.length ? bytes.subarray(0, width * 32) : undefined;
}

describe('tile paths', () => {
  it.each([
    [0, '000'],
    [7, '007'],
    [999, '999'],
    [1000, 'x001/000'],
    [1234067, 'x001/x234/067'],
    [2 ** 53 - 1, 'x009/x007/x199/x254/x740/991'],
  ])('encodes index %d as %s', (index, encoded) => {
    expect(encodeTileIndex(index)).toBe(encoded);
  });

  it('builds hash tile and entry bundle paths, with .p/<W> only for partial tiles', () => {
    expect(tilePath(0, 1234067)).toBe('tile/0/x001/x234/067');
    expect(tilePath(1, 0, 17)).toBe('tile/1/000.p/17');
    expect(tilePath(2, 0, 256)).toBe('tile/2/000');
    expect(entriesTilePath(273, 112)).toBe('tile/entries/273.p/112');
    expect(entriesTilePath(1000)).toBe('tile/entries/x001/000');
  });

  it.each([
    [-1, 0, 256],
    [64, 0, 256],
    [0, -1, 256],
    [0, 1.5, 256],
    [0, 0, 0],
    [0, 0, 257],
  ])('refuses level %d index %d width %d', (level, index, width) => {
    expect(() => tilePath(level, index, width)).toThrow();
  });

  it.each([
    ['tile/0/x001/x234/067', { kind: 'hash', level: 0, index: 1234067, width: 256 }],
    ['tile/63/000.p/255', { kind: 'hash', level: 63, index: 0, width: 255 }],
    ['tile/1/000.p/1', { kind: 'hash', level: 1, index: 0, width: 1 }],
    ['tile/entries/x001/000.p/5', { kind: 'entries', index: 1000, width: 5 }],
    ['tile/entries/000', { kind: 'entries', index: 0, width: 256 }],
  ])('parses %s', (path, expected) => {
    expect(parseTilePath(path)).toEqual({ ok: true, path: expected });
  });

  it.each([
    ['tile/0/x000/005', 'not_canonical'],
    ['tile/00/000', 'not_canonical'],
    ['tile/01/000', 'not_canonical'],
    ['tile/0/000.p/007', 'not_canonical'],
    ['tile/64/000', 'level_out_of_range'],
    ['tile/99999999999999999999/000', 'level_out_of_range'],
    ['tile/0/000.p/256', 'width_out_of_range'],
    ['tile/0/000.p/0', 'width_out_of_range'],
    ['tile/0/x900/x000/x000/x000/x000/x000/000', 'index_too_large'],
    ['tile/0/5', 'malformed'],
    ['tile/0/0005', 'malformed'],
    ['tile/0/x001', 'malformed'],
    ['tile/0/001/002', 'malformed'],
    ['tile/0/x1234/000', 'malformed'],
    ['tile/0/000/', 'malformed'],
    ['/tile/0/000', 'malformed'],
    ['tile/0/000.p/', 'malformed'],
    ['tile/0/000.p/-1', 'malformed'],
    ['tile/-1/000', 'malformed'],
    ['tile/data/000', 'malformed'],
    ['tile/8/0/000', 'malformed'],
    ['tile/0/000.p/5/', 'malformed'],
    ['tile/0/٠٠٠', 'malformed'],
    ['', 'malformed'],
  ])('rejects %s (%s)', (path, reason) => {
    expect(parseTilePath(path)).toEqual({ ok: false, reason });
  });

  it('round-trips every valid path and never throws on garbage', () => {
    const coordinate = fc.record({
      level: fc.integer({ min: 0, max: 63 }),
      index: fc.maxSafeNat(),
      width: fc.integer({ min: 1, max: 256 }),
    });
    fc.assert(
      fc.property(coordinate, fc.boolean(), ({ level, index, width }, entries) => {
        const path = entries ? entriesTilePath(index, width) : tilePath(level, index, width);
        const expected = entries ? { kind: 'entries', index, width } : { kind: 'hash', level, index, width };
        expect(parseTilePath(path)).toEqual({ ok: true, path: expected });
      }),
    );
    const pathLike = fc.stringMatching(/^(tile\/)?(entries|\d{1,3})?(\/x?\d{1,4}){0,4}(\.p\/\d{1,4})?\/?$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), pathLike), (path) => {
        const result = parseTilePath(path);
        if (result.ok) {
          const { path: parsed } = result;
          const again =
            parsed.kind === 'entries'
              ? entriesTilePath(parsed.index, parsed.width)
              : tilePath(parsed.level, parsed.index, parsed.width);
          expect(again).toBe(path);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('tilesForTree', () => {
  it('matches the spec example of a 70,000-entry tree', () => {
    expect(tilesForTree(70_000)).toEqual([
      { level: 0, fullTiles: 273, partialWidth: 112 },
      { level: 1, fullTiles: 1, partialWidth: 17 },
      { level: 2, fullTiles: 0, partialWidth: 1 },
    ]);
    const all = tileCoordinatesForTree(70_000);
    expect(all).toHaveLength(273 + 1 + 1 + 1 + 1);
    expect(all.slice(-4)).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
  });

  it('matches the spec example of a 256-entry tree', () => {
    expect(tilesForTree(256)).toEqual([
      { level: 0, fullTiles: 1, partialWidth: 0 },
      { level: 1, fullTiles: 0, partialWidth: 1 },
    ]);
  });

  it('serves nothing for the empty tree and rejects impossible sizes', () => {
    expect(tilesForTree(0)).toEqual([]);
    expect(() => tilesForTree(-1)).toThrow();
    expect(() => tilesForTree(2 ** 53)).toThrow();
  });

  it('finds the tile holding a hash at the width a tree size serves', () => {
    expect(tileContaining(0, 69_999, 70_000)).toEqual({ level: 0, index: 273, width: 112 });
    expect(tileContaining(0, 300, 70_000)).toEqual({ level: 0, index: 1, width: 256 });
    expect(tileContaining(1, 272, 70_000)).toEqual({ level: 1, index: 1, width: 17 });
    expect(() => tileContaining(0, 70_000, 70_000)).toThrow();
  });
});

describe('tile contents', () => {
  it('holds leaf hashes at level 0 and MTHs of 256^L leaves above', () => {
    expect(tileHashes(leaves, 0, 1, 3)).toEqual(leaves.slice(256, 259));
    const levelOne = tileHashes(leaves, 1, 0, 2);
    expect(toHex(levelOne[1] as Uint8Array)).toBe(toHex(rootFromLeafHashes(leaves.slice(256, 512))));
    // Spec: each level-1 hash is the Merkle Tree Hash of a full level-0 tile.
    const tileZero = tileHashes(leaves, 0, 0, 256);
    expect(toHex(levelOne[0] as Uint8Array)).toBe(toHex(rootFromLeafHashes(tileZero)));
  });

  it('serves 8,192 bytes per full tile and refuses tiles beyond the leaves', () => {
    expect(tileBytes(leaves, 0, 0, 256)).toHaveLength(8192);
    expect(tileBytes(leaves, 0, 273, 112)).toHaveLength(112 * 32);
    expect(() => tileHashes(leaves, 0, 273, 113)).toThrow(/needs more than/);
    expect(() => tileHashes(leaves, 2, 0, 2)).toThrow(/needs more than/);
  });

  it('level-0 tile hashes are the leaf hashes of the matching entry bundle', () => {
    const entries = Array.from({ length: 5 }, (_, i) => new TextEncoder().encode(`entry ${i}`));
    const bundle = decodeEntryBundle(encodeEntryBundle(entries), 5);
    const hashes = entries.map(leafHash);
    expect(bundle.ok && bundle.entries.map(leafHash).map(toHex)).toEqual(
      tileHashes(hashes, 0, 0, 5).map(toHex),
    );
  });
});

describe('rebuilding the tree from tiles', () => {
  const checkSize = (size: number) => {
    const fromTiles = rootFromTiles(size, storedTile);
    expect(fromTiles.ok && toHex(fromTiles.root)).toBe(toHex(rootFromLeafHashes(leaves.slice(0, size))));
  };

  it.each([0, 1, 2, 255, 256, 257, 511, 512, 65_535, 65_536, 65_537, 70_000])(
    'computes the root of size %i from tiles',
    checkSize,
  );

  it('computes the root of random sizes from tiles', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_SIZE }), checkSize), { numRuns: 8 });
  });

  it('reads exactly the tiles tilesForSubtree lists', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SIZE }), (size) => {
        const read: string[] = [];
        rootFromTiles(size, (tile) => {
          read.push(tilePath(tile.level, tile.index, tile.width));
          return storedTile(tile);
        });
        const listed = tilesForSubtree(0, size, size).map((t) => tilePath(t.level, t.index, t.width));
        expect(read.sort()).toEqual(listed.sort());
        expect(listed.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 50 },
    );
  });

  it('lets a client build inclusion and consistency proofs from tiles alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5000 }), fc.nat(), fc.nat(), (size, indexSeed, oldSeed) => {
        const rootHash = rootFromLeafHashes(leaves.slice(0, size));
        const subtrees = subtreeHashFromTiles(size, storedTile);
        const index = indexSeed % size;
        const proof = inclusionProofFromSubtrees(index, size, subtrees);
        const leaf = leaves[index] as Uint8Array;
        expect(verifyInclusion({ leafHash: leaf, index, treeSize: size, proof, rootHash })).toEqual({
          ok: true,
        });
        const oldSize = 1 + (oldSeed % size);
        const oldRoot = rootFromTiles(oldSize, storedTile);
        const consistency = consistencyProofFromSubtrees(oldSize, size, subtrees);
        expect(consistency.map(toHex)).toEqual(consistencyProof(leaves.slice(0, size), oldSize).map(toHex));
        expect(
          oldRoot.ok &&
            verifyConsistency({
              oldSize,
              newSize: size,
              oldRoot: oldRoot.root,
              newRoot: rootHash,
              proof: consistency,
            }).ok,
        ).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('reports a missing or wrong-sized tile instead of throwing', () => {
    expect(
      rootFromTiles(70_000, (tile) => (tile.level === 1 && tile.width === 17 ? undefined : storedTile(tile))),
    ).toEqual({ ok: false, reason: 'missing_tile', tile: { level: 1, index: 1, width: 17 } });
    expect(
      rootFromTiles(300, (tile) => (tile.level === 0 ? new Uint8Array(8191) : storedTile(tile))),
    ).toEqual({
      ok: false,
      reason: 'bad_tile',
      // The first 256 leaves are one level-1 hash, so the first level-0 tile read is the partial one.
      tile: { level: 0, index: 1, width: 44 },
    });
  });
});

describe('entry bundles', () => {
  it('encodes each entry as a big-endian uint16 length and its bytes', () => {
    const bundle = encodeEntryBundle([
      new Uint8Array([0xaa]),
      new Uint8Array(0),
      new Uint8Array(300).fill(7),
    ]);
    expect(toHex(bundle.subarray(0, 7))).toBe('0001aa0000012c');
    expect(bundle).toHaveLength(3 + 2 + 302);
  });

  it('round-trips any 1..256 entries, including empty and maximum-size ones', () => {
    const biggest = new Uint8Array(0xffff).fill(1);
    const entry = fc.oneof(
      { weight: 50, arbitrary: fc.uint8Array({ maxLength: 300 }) },
      { weight: 1, arbitrary: fc.constant(biggest) },
    );
    // Compared as hex: deep equality of many 64 KiB arrays is slow.
    const asHex = (entries: readonly Uint8Array[]) => entries.map(toHex);
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 256 }), (entries) => {
        const bytes = encodeEntryBundle(entries);
        const decoded = decodeEntryBundle(bytes);
        expect(decoded.ok && asHex(decoded.entries)).toEqual(asHex(entries));
        expect(decodeEntryBundle(bytes, entries.length).ok).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses to encode what cannot be a bundle', () => {
    expect(() => encodeEntryBundle([])).toThrow();
    expect(() => encodeEntryBundle(Array.from({ length: 257 }, () => new Uint8Array(0)))).toThrow();
    expect(() => encodeEntryBundle([new Uint8Array(0x10000)])).toThrow(/65535/);
  });

  it.each([
    ['', undefined, 'empty_bundle'],
    ['00', undefined, 'truncated_length'],
    ['0001aa00', undefined, 'truncated_length'],
    ['0002aa', undefined, 'truncated_entry'],
    ['ffff', undefined, 'truncated_entry'],
    ['0001aa0000', 1, 'trailing_bytes'],
    ['0001aa', 2, 'too_few_entries'],
    ['0001aa', 0, 'invalid_width'],
    ['0001aa', 257, 'invalid_width'],
    ['0000'.repeat(257), undefined, 'too_many_entries'],
  ])('rejects %s (width %s) as %s', (hexBytes, width, reason) => {
    const bytes = Uint8Array.from(hexBytes.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
    expect(decodeEntryBundle(bytes, width)).toEqual({ ok: false, reason });
  });

  it('never throws on arbitrary bytes, and what it accepts re-encodes to the same bytes', () => {
    const width = fc.option(fc.oneof(fc.integer({ min: -1, max: 300 }), fc.double()), { nil: undefined });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), width, (bytes, w) => {
        const result = decodeEntryBundle(bytes, w);
        if (result.ok) {
          expect(encodeEntryBundle(result.entries)).toEqual(bytes);
        } else {
          expect(result.reason).toMatch(/^[a-z_]+$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
