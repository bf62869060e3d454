import { AppError, assert } from '@tradehub/kernel';
import {
  emptyRootHash,
  HASH_SIZE,
  type SubtreeHash,
  TILE_HEIGHT,
  TILE_WIDTH,
  tilesForTree,
} from '@tradehub/verifier';
import { nodeHashOf } from './hashing.ts';

// The log's Merkle tree as C2SP tlog-tiles: hash i of the level-L tile N is MTH of the leaves
// [(256N + i) * 256^L, (256N + i + 1) * 256^L). Growing the tree changes only the right edge (the
// partial tile of each level, plus the tiles that fill up), and every root and proof hash is a
// handful of nodes inside a few tiles, so the server never walks the leaves.

const TILE_BYTES = TILE_WIDTH * HASH_SIZE;

/** A tile as stored: level, index and its hashes (width * 32 bytes). */
export type StoredTile = { level: number; index: number; hashes: Uint8Array };

/** The partial tile of each level that has one (level -> hashes), for a given tree size. */
export type RightEdge = ReadonlyMap<number, Uint8Array>;

/** Where one tile sits: level and index. */
export type TileKey = { level: number; index: number };

/** The number of hashes at tile level `level` of a tree of `size` leaves. */
export const hashesAtLevel = (size: number, level: number): number => Math.floor(size / TILE_WIDTH ** level);

/** The partial tiles of a tree of `size` leaves, with the width each has: what growTree reads. */
export const rightEdgeTiles = (size: number): (TileKey & { width: number })[] =>
  tilesForTree(size)
    .filter((level) => level.partialWidth > 0)
    .map((level) => ({ level: level.level, index: level.fullTiles, width: level.partialWidth }));

/** MTH of the 2^k hashes of `row`, k >= 0: a perfect subtree, reduced pair by pair. */
const perfectRoot = (row: readonly Uint8Array[]): Uint8Array => {
  let level = row;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      next.push(nodeHashOf(level[i] as Uint8Array, level[i + 1] as Uint8Array));
    }
    level = next;
  }
  return level[0] as Uint8Array;
};

const hashAt = (tile: Uint8Array, i: number): Uint8Array => tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);

const splitHashes = (tile: Uint8Array): Uint8Array[] =>
  Array.from({ length: tile.length / HASH_SIZE }, (_, i) => hashAt(tile, i));

/** The outcome of growing a tree: its new size, every tile that changed, and its new right edge. */
export type Growth = { size: number; tiles: StoredTile[]; edge: Map<number, Uint8Array> };

/**
 * Appends `leafHashes` to a tree of `size` leaves whose partial tiles are `edge`. Returns the
 * tiles to write (the partial tiles that grew, the tiles that filled up, and new ones) in level
 * order, and the right edge of the grown tree. Hashes only ever append to a tile, so each
 * written tile extends the stored one.
 */
export const growTree = (size: number, edge: RightEdge, leafHashes: readonly Uint8Array[]): Growth => {
  const grownSize = size + leafHashes.length;
  const tiles: StoredTile[] = [];
  const grownEdge = new Map<number, Uint8Array>();
  let incoming: readonly Uint8Array[] = leafHashes;
  for (let level = 0; hashesAtLevel(grownSize, level) > 0; level++) {
    const before = hashesAtLevel(size, level);
    const partial = edge.get(level) ?? new Uint8Array(0);
    assert(
      partial.length === (before % TILE_WIDTH) * HASH_SIZE,
      `the level-${level} edge tile of a tree of ${size} must hold ${before % TILE_WIDTH} hashes`,
    );
    assert(
      hashesAtLevel(grownSize, level) - before === incoming.length,
      `level ${level} must grow by ${hashesAtLevel(grownSize, level) - before} hashes`,
    );
    if (incoming.length === 0) {
      // Nothing reaches this level, nor any above it: their partial tiles stay as they were.
      if (partial.length > 0) {
        grownEdge.set(level, partial);
      }
      continue;
    }
    let index = Math.floor(before / TILE_WIDTH);
    let buffer = new Uint8Array(TILE_BYTES);
    buffer.set(partial);
    let width = partial.length / HASH_SIZE;
    const completed: Uint8Array[] = [];
    for (const hash of incoming) {
      buffer.set(hash, width * HASH_SIZE);
      width += 1;
      if (width === TILE_WIDTH) {
        tiles.push({ level, index, hashes: buffer });
        // A full tile's root is the next level's next hash.
        completed.push(perfectRoot(splitHashes(buffer)));
        index += 1;
        buffer = new Uint8Array(TILE_BYTES);
        width = 0;
      }
    }
    if (width > 0) {
      const hashes = buffer.slice(0, width * HASH_SIZE);
      tiles.push({ level, index, hashes });
      grownEdge.set(level, hashes);
    }
    incoming = completed;
  }
  return { size: grownSize, tiles, edge: grownEdge };
};

type PerfectSubtree = { start: number; height: number };

/**
 * Splits D[start:end] into maximal aligned perfect subtrees, left to right. For an RFC 6962
 * subtree range their sizes strictly decrease, so folding their hashes right to left is MTH.
 */
const perfectSubtrees = (start: number, end: number): PerfectSubtree[] => {
  const parts: PerfectSubtree[] = [];
  for (let position = start; position < end; ) {
    let height = 0;
    while (position % 2 ** (height + 1) === 0 && position + 2 ** (height + 1) <= end) {
      height += 1;
    }
    parts.push({ start: position, height });
    position += 2 ** height;
  }
  return parts;
};

// A perfect subtree of height 8L + r is 2^r consecutive hashes of one level-L tile.
const locate = (subtree: PerfectSubtree) => {
  const level = Math.floor(subtree.height / TILE_HEIGHT);
  const rise = subtree.height - level * TILE_HEIGHT;
  const hashIndex = subtree.start / TILE_WIDTH ** level;
  return { level, index: Math.floor(hashIndex / TILE_WIDTH), first: hashIndex % TILE_WIDTH, rise };
};

const assertRange = (start: number, end: number, treeSize: number) => {
  assert(
    Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start < end && end <= treeSize,
    `no range [${start}, ${end}) in a tree of ${treeSize}`,
  );
};

/** The tiles MTH(D[start:end]) is computed from (level and index; any stored width will do). */
export const tilesForRange = (start: number, end: number, treeSize: number): TileKey[] => {
  assertRange(start, end, treeSize);
  const keys = new Map<string, TileKey>();
  for (const subtree of perfectSubtrees(start, end)) {
    const { level, index } = locate(subtree);
    keys.set(`${level}/${index}`, { level, index });
  }
  return [...keys.values()];
};

/** Supplies a stored tile's hashes (at least as wide as the tree needs), or undefined. */
export type TileSource = (level: number, index: number) => Uint8Array | undefined;

const missingTile = (level: number, index: number, needed: number) =>
  new AppError(
    'transparency-log.tree_inconsistent',
    `The stored tile ${level}/${index} lacks hash ${needed} the tree needs.`,
    { details: { level, index } },
  );

/**
 * A SubtreeHash over stored tiles for a tree of `treeSize` leaves. Each tile's aligned perfect
 * subtrees (at most 255 node hashes) are computed once and kept, so many proofs over the same
 * tiles cost little more than one. A stored tile may be wider than the tree needs (the tree has
 * grown since): hashes only append, so its first hashes are the ones needed. Throws AppError
 * `transparency-log.tree_inconsistent` when a tile lacks a hash.
 */
export const tileSubtreeHash = (treeSize: number, readTile: TileSource): SubtreeHash => {
  const pyramids = new Map<string, Uint8Array[][]>();
  const pyramid = (level: number, index: number): Uint8Array[][] => {
    const key = `${level}/${index}`;
    let rows = pyramids.get(key);
    if (rows === undefined) {
      const tile = readTile(level, index) ?? new Uint8Array(0);
      rows = [splitHashes(tile)];
      for (let row = rows[0] as Uint8Array[]; row.length > 1; ) {
        const next: Uint8Array[] = [];
        for (let i = 0; i + 1 < row.length; i += 2) {
          next.push(nodeHashOf(row[i] as Uint8Array, row[i + 1] as Uint8Array));
        }
        rows.push(next);
        row = next;
      }
      pyramids.set(key, rows);
    }
    return rows;
  };
  return (start, end) => {
    assertRange(start, end, treeSize);
    const parts = perfectSubtrees(start, end).map((subtree) => {
      const { level, index, first, rise } = locate(subtree);
      const node = pyramid(level, index)[rise]?.[first / 2 ** rise];
      if (node === undefined) {
        throw missingTile(level, index, first + 2 ** rise - 1);
      }
      return node;
    });
    return parts.reduceRight((right, left) => nodeHashOf(left, right));
  };
};

/** MTH of a tree of `size` leaves from its right edge alone (the only tiles its root needs). */
export const rootFromEdge = (size: number, edge: RightEdge): Uint8Array => {
  if (size === 0) {
    return emptyRootHash();
  }
  const edgeIndex = new Map(rightEdgeTiles(size).map((tile) => [tile.level, tile.index]));
  return tileSubtreeHash(size, (level, index) =>
    edgeIndex.get(level) === index ? edge.get(level) : undefined,
  )(0, size);
};
