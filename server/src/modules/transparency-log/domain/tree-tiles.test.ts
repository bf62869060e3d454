import {
  consistencyProof,
  consistencyProofFromSubtrees,
  inclusionProof,
  inclusionProofFromSubtrees,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
  rootFromTiles,
  TILE_WIDTH,
  tileBytes,
  tileCoordinatesForTree,
  tilesForSubtree,
} from '@tradehub/verifier';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafHashOf, nodeHashOf } from './hashing.ts';
import {
  growTree,
  type RightEdge,
  rightEdgeTiles,
  rootFromEdge,
  type StoredTile,
  tileSubtreeHash,
  tilesForRange,
} from './tree-tiles.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// Distinct, reproducible leaf hashes without hashing the whole suite's worth of entries twice.
const leaves = (count: number, offset = 0): Uint8Array[] =>
  Array.from({ length: count }, (_, i) => {
    const entry = new Uint8Array(8);
    new DataView(entry.buffer).setFloat64(0, i + offset);
    return leafHashOf(entry);
  });

/** A tile store fed by growTree, as the tiles table is: later writes of a tile replace earlier ones. */
const tileStore = () => {
  const tiles = new Map<string, Uint8Array>();
  return {
    write: (written: readonly StoredTile[]) => {
      for (const tile of written) {
        const key = `${tile.level}/${tile.index}`;
        const before = tiles.get(key);
        // What the table's trigger enforces: a tile only grows, and a full one never changes.
        if (before !== undefined) {
          expect(before.length).toBeLessThan(TILE_WIDTH * 32);
          expect(hex(tile.hashes.subarray(0, before.length))).toBe(hex(before));
          expect(tile.hashes.length).toBeGreaterThan(before.length);
        }
        tiles.set(key, tile.hashes);
      }
    },
    read: (level: number, index: number) => tiles.get(`${level}/${index}`),
    size: () => tiles.size,
  };
};

/** Grows a tree batch by batch from nothing, as the sequencer does. */
const grow = (all: readonly Uint8Array[], batches: readonly number[]) => {
  const store = tileStore();
  let size = 0;
  let edge: RightEdge = new Map();
  for (const batch of batches) {
    const grown = growTree(size, edge, all.slice(size, size + batch));
    store.write(grown.tiles);
    expect(hex(rootFromEdge(grown.size, grown.edge))).toBe(hex(rootFromLeafHashes(all.slice(0, grown.size))));
    ({ size, edge } = grown);
  }
  return { store, size, edge };
};

const splitInto = (total: number, cuts: readonly number[]): number[] => {
  const points = [...new Set(cuts.map((cut) => cut % (total + 1)))].sort((a, b) => a - b);
  const batches: number[] = [];
  let at = 0;
  for (const point of [...points, total]) {
    if (point > at) {
      batches.push(point - at);
      at = point;
    }
  }
  return batches;
};

describe('native RFC 6962 hashing', () => {
  it('agrees with the verifier’s portable SHA-256', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (entry, other) => {
          expect(hex(leafHashOf(entry))).toBe(hex(leafHash(entry)));
          expect(hex(nodeHashOf(leafHash(entry), other))).toBe(hex(nodeHash(leafHash(entry), other)));
        },
      ),
    );
  });
});

describe('growTree', () => {
  it('stores exactly the tiles tlog-tiles serves, whatever the batches, with the right root each time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.array(fc.nat(), { maxLength: 8 }), (total, cuts) => {
        const all = leaves(total);
        const { store } = grow(all, splitInto(total, cuts));
        const expected = tileCoordinatesForTree(total);
        expect(store.size()).toBe(expected.length);
        for (const tile of expected) {
          const stored = store.read(tile.level, tile.index);
          expect(stored && hex(stored)).toBe(hex(tileBytes(all, tile.level, tile.index, tile.width)));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reaches the third tile level past 65,536 leaves and still matches the verifier', () => {
    const total = 65_536 + 300;
    const all = leaves(total);
    const { store, edge } = grow(all, [1000, 64_000, 536, 299, 1]);
    expect(rightEdgeTiles(total)).toEqual([
      { level: 0, index: 257, width: 44 },
      { level: 1, index: 1, width: 1 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect([...edge.keys()]).toEqual([0, 1, 2]);
    const rebuilt = rootFromTiles(total, (tile) =>
      store.read(tile.level, tile.index)?.subarray(0, tile.width * 32),
    );
    expect(rebuilt.ok && hex(rebuilt.root)).toBe(hex(rootFromLeafHashes(all)));
  });

  it('refuses an edge that does not belong to the tree size', () => {
    expect(() => growTree(300, new Map(), leaves(1))).toThrow(/edge tile/);
    expect(() => growTree(0, new Map([[0, new Uint8Array(32)]]), leaves(1))).toThrow(/edge tile/);
  });
});

describe('proofs from stored tiles', () => {
  it('equal the verifier’s proofs from all leaves, for any older tree size the tiles have outgrown', () => {
    const total = 1500;
    const all = leaves(total);
    const { store } = grow(all, [700, 300, 500]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: total }), fc.nat(), fc.nat(), (treeSize, a, b) => {
        const index = a % treeSize;
        const oldSize = b % (treeSize + 1);
        const prefix = all.slice(0, treeSize);
        const hasher = tileSubtreeHash(treeSize, store.read);
        expect(inclusionProofFromSubtrees(index, treeSize, hasher).map(hex)).toEqual(
          inclusionProof(prefix, index).map(hex),
        );
        expect(consistencyProofFromSubtrees(oldSize, treeSize, hasher).map(hex)).toEqual(
          consistencyProof(prefix, oldSize).map(hex),
        );
        expect(hex(hasher(index, index + 1))).toBe(hex(all[index] as Uint8Array));
      }),
      { numRuns: 100 },
    );
  });

  it('names the tiles a range needs, as the verifier does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), fc.nat(), fc.nat(), (treeSize, a, b) => {
        const start = a % treeSize;
        const end = start + 1 + (b % (treeSize - start));
        const ours = tilesForRange(start, end, treeSize).map((t) => `${t.level}/${t.index}`);
        const theirs = tilesForSubtree(start, end, treeSize).map((t) => `${t.level}/${t.index}`);
        expect(ours.sort()).toEqual(theirs.sort());
      }),
    );
  });

  it('reports a tile that lacks a needed hash as an inconsistent tree', () => {
    const all = leaves(600);
    const { store } = grow(all, [600]);
    const cut = (level: number, index: number) =>
      level === 0 && index === 2 ? store.read(0, 2)?.subarray(0, 32 * 10) : store.read(level, index);
    expect(() => tileSubtreeHash(600, cut)(512, 600)).toThrow(/lacks hash/);
  });
});
