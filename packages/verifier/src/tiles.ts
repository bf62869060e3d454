// C2SP tlog-tiles: the log's Merkle tree served as immutable 256-hash tiles and entry bundles.
// Paths, which tiles exist for a tree size, tile contents, rebuilding roots (and any RFC 6962
// subtree hash, hence any proof) from tiles alone, and the entry-bundle encoding.

import { AppError, isAppError } from '@tradehub/kernel';
import { HASH_SIZE, nodeHash, rootFromLeafHashes, type SubtreeHash } from './merkle.ts';

/** Tree levels spanned by one tile: a tile is a subtree of height 8. */
export const TILE_HEIGHT = 8;

/** Hashes (or entries) in a full tile: 2^TILE_HEIGHT. */
export const TILE_WIDTH = 256;

/** The highest tile level the spec allows in a path. */
export const MAX_TILE_LEVEL = 63;

/** The largest entry an entry bundle can carry (its length prefix is a uint16). */
export const MAX_ENTRY_SIZE = 0xffff;

/** One tile of a tree: `width` is TILE_WIDTH for a full tile, 1..255 for a partial one. */
export type TileCoordinate = { level: number; index: number; width: number };

/** A parsed tile resource path. */
export type TilePath =
  | { kind: 'hash'; level: number; index: number; width: number }
  | { kind: 'entries'; index: number; width: number };

/** Why a tile path was rejected. */
export type TilePathError =
  | 'malformed'
  | 'level_out_of_range'
  | 'width_out_of_range'
  | 'index_too_large'
  | 'not_canonical';

/** The outcome of parseTilePath. */
export type TilePathResult = { ok: true; path: TilePath } | { ok: false; reason: TilePathError };

function invalidTile(message: string): AppError {
  return new AppError('verifier.invalid_tile', message);
}

function assertTileArguments(level: number, index: number, width: number): void {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) {
    throw invalidTile(`Tile level must be 0..${MAX_TILE_LEVEL}, got ${level}`);
  }
  if (!Number.isSafeInteger(index) || index < 0) {
    throw invalidTile(`Tile index must be a non-negative safe integer, got ${index}`);
  }
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw invalidTile(`Tile width must be 1..${TILE_WIDTH}, got ${width}`);
  }
}

/** The spec's `<N>` form of a tile index: 3-digit groups, all but the last prefixed with `x`. */
export function encodeTileIndex(index: number): string {
  assertTileArguments(0, index, TILE_WIDTH);
  const digits = String(index);
  const padded = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups = padded.match(/\d{3}/g) ?? [];
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join('/');
}

function widthSuffix(width: number): string {
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** `tile/<L>/<N>[.p/<W>]`, the path of a hash tile (width 256 = full). */
export function tilePath(level: number, index: number, width: number = TILE_WIDTH): string {
  assertTileArguments(level, index, width);
  return `tile/${level}/${encodeTileIndex(index)}${widthSuffix(width)}`;
}

/** `tile/entries/<N>[.p/<W>]`, the path of an entry bundle (width 256 = full). */
export function entriesTilePath(index: number, width: number = TILE_WIDTH): string {
  assertTileArguments(0, index, width);
  return `tile/entries/${encodeTileIndex(index)}${widthSuffix(width)}`;
}

const TILE_PATH_PATTERN = /^tile\/(entries|\d+)\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d+))?$/;

function parseIndex(encoded: string): number {
  return Number(encoded.replaceAll('x', '').replaceAll('/', ''));
}

function canonicalPath(path: TilePath): string {
  return path.kind === 'entries'
    ? entriesTilePath(path.index, path.width)
    : tilePath(path.level, path.index, path.width);
}

function decodeTilePath(level: string, index: number, width: number): TilePath {
  return level === 'entries'
    ? { kind: 'entries', index, width }
    : { kind: 'hash', level: Number(level), index, width };
}

/**
 * Parses a tile or entry-bundle path strictly: it must be exactly the form tilePath or
 * entriesTilePath would produce (as Go's sumdb/tlog does), so each tile has one path and a cache
 * or file system never holds two copies of it under different names.
 */
export function parseTilePath(path: string): TilePathResult {
  const match = TILE_PATH_PATTERN.exec(path);
  if (match === null) {
    return { ok: false, reason: 'malformed' };
  }
  const [, level = '', encodedIndex = '', encodedWidth] = match;
  if (level !== 'entries' && Number(level) > MAX_TILE_LEVEL) {
    return { ok: false, reason: 'level_out_of_range' };
  }
  const width = encodedWidth === undefined ? TILE_WIDTH : Number(encodedWidth);
  // A full tile has no .p/ suffix, so an explicit width must be that of a partial tile.
  if (encodedWidth !== undefined && (width < 1 || width >= TILE_WIDTH)) {
    return { ok: false, reason: 'width_out_of_range' };
  }
  const index = parseIndex(encodedIndex);
  if (!Number.isSafeInteger(index)) {
    return { ok: false, reason: 'index_too_large' };
  }
  const parsed = decodeTilePath(level, index, width);
  // Catches leading zeros in L or W and leading `x000/` groups in N.
  return canonicalPath(parsed) === path ? { ok: true, path: parsed } : { ok: false, reason: 'not_canonical' };
}

/** The tiles of one level for a tree size: `fullTiles` full tiles, then one partial tile if `partialWidth` > 0. */
export type TileLevel = { level: number; fullTiles: number; partialWidth: number };

function assertTreeSize(treeSize: number): void {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
    throw invalidTile(`Tree size must be a non-negative safe integer, got ${treeSize}`);
  }
}

/** Hashes at tile level `level` (tree height 8*level) in a tree of `treeSize` leaves. */
function hashesAtLevel(treeSize: number, level: number): number {
  return Math.floor(treeSize / TILE_WIDTH ** level);
}

/** Which tiles exist at each level for a tree of `treeSize` leaves (tlog-tiles "Partial Tiles"). */
export function tilesForTree(treeSize: number): TileLevel[] {
  assertTreeSize(treeSize);
  const levels: TileLevel[] = [];
  for (let level = 0; hashesAtLevel(treeSize, level) > 0; level++) {
    const count = hashesAtLevel(treeSize, level);
    levels.push({ level, fullTiles: Math.floor(count / TILE_WIDTH), partialWidth: count % TILE_WIDTH });
  }
  return levels;
}

/** Every tile (full and partial, all levels) a tree of `treeSize` leaves is served as. */
export function tileCoordinatesForTree(treeSize: number): TileCoordinate[] {
  return tilesForTree(treeSize).flatMap(({ level, fullTiles, partialWidth }) => {
    const tiles = Array.from({ length: fullTiles }, (_, index) => ({ level, index, width: TILE_WIDTH }));
    return partialWidth > 0 ? [...tiles, { level, index: fullTiles, width: partialWidth }] : tiles;
  });
}

/** The tile holding hash `hashIndex` of level `level`, at the width it has in a tree of `treeSize`. */
export function tileContaining(level: number, hashIndex: number, treeSize: number): TileCoordinate {
  if (!Number.isSafeInteger(hashIndex) || hashIndex < 0 || hashIndex >= hashesAtLevel(treeSize, level)) {
    throw invalidTile(`No hash ${hashIndex} at level ${level} of a tree of ${treeSize}`);
  }
  const index = Math.floor(hashIndex / TILE_WIDTH);
  const width = Math.min(TILE_WIDTH, hashesAtLevel(treeSize, level) - index * TILE_WIDTH);
  assertTileArguments(level, index, width);
  return { level, index, width };
}

/**
 * The hashes of the level-`level` tile `index` cut to `width`: hash i is
 * MTH(D[(index*256 + i) * 256^level : (index*256 + i + 1) * 256^level]).
 */
export function tileHashes(
  leafHashes: readonly Uint8Array[],
  level: number,
  index: number,
  width: number,
): Uint8Array[] {
  assertTileArguments(level, index, width);
  const span = TILE_WIDTH ** level;
  const first = index * TILE_WIDTH;
  if ((first + width) * span > leafHashes.length) {
    throw invalidTile(`Tile ${tilePath(level, index, width)} needs more than ${leafHashes.length} leaves`);
  }
  return Array.from({ length: width }, (_, i) => {
    const start = (first + i) * span;
    return rootFromLeafHashes(leafHashes.slice(start, start + span));
  });
}

/** The served body of a hash tile: its hashes concatenated (8,192 bytes when full). */
export function tileBytes(
  leafHashes: readonly Uint8Array[],
  level: number,
  index: number,
  width: number,
): Uint8Array {
  return concatHashes(tileHashes(leafHashes, level, index, width));
}

/** Concatenates 32-byte hashes into one tile body. */
export function concatHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((hash, i) => {
    out.set(hash, i * HASH_SIZE);
  });
  return out;
}

/** Supplies a tile's body (width * 32 bytes), or undefined when the caller does not have it. */
export type TileReader = (tile: TileCoordinate) => Uint8Array | undefined;

type PerfectSubtree = { start: number; height: number };

/**
 * Splits D[start:end] into maximal aligned perfect subtrees, left to right. For an RFC 6962
 * subtree range (see SubtreeHash) their sizes strictly decrease, so folding their hashes right to
 * left gives MTH of the range.
 */
function perfectSubtrees(start: number, end: number): PerfectSubtree[] {
  const parts: PerfectSubtree[] = [];
  for (let position = start; position < end; ) {
    let height = 0;
    while (position % 2 ** (height + 1) === 0 && position + 2 ** (height + 1) <= end) {
      height++;
    }
    parts.push({ start: position, height });
    position += 2 ** height;
  }
  return parts;
}

// A perfect subtree of height 8L + r is 2^r consecutive hashes of one level-L tile.
function locate(
  subtree: PerfectSubtree,
  treeSize: number,
): { tile: TileCoordinate; first: number; count: number } {
  const level = Math.floor(subtree.height / TILE_HEIGHT);
  const count = 2 ** (subtree.height - level * TILE_HEIGHT);
  const hashIndex = subtree.start / TILE_WIDTH ** level;
  return { tile: tileContaining(level, hashIndex, treeSize), first: hashIndex % TILE_WIDTH, count };
}

function assertRange(start: number, end: number, treeSize: number): void {
  assertTreeSize(treeSize);
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(end) ||
    start < 0 ||
    end <= start ||
    end > treeSize
  ) {
    throw invalidTile(`No range [${start}, ${end}) in a tree of ${treeSize}`);
  }
}

/** The tiles needed to compute MTH(D[start:end]) of a tree of `treeSize` leaves. */
export function tilesForSubtree(start: number, end: number, treeSize: number): TileCoordinate[] {
  assertRange(start, end, treeSize);
  const tiles = new Map<string, TileCoordinate>();
  perfectSubtrees(start, end).forEach((subtree) => {
    const { tile } = locate(subtree, treeSize);
    tiles.set(tilePath(tile.level, tile.index, tile.width), tile);
  });
  return [...tiles.values()];
}

function cachedReader(readTile: TileReader): (tile: TileCoordinate) => Uint8Array {
  const cache = new Map<string, Uint8Array>();
  return (tile) => {
    const key = tilePath(tile.level, tile.index, tile.width);
    const cached = cache.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const bytes = readTile(tile);
    if (bytes === undefined) {
      throw new AppError('verifier.missing_tile', `Tile ${key} is not available`, { details: { tile } });
    }
    if (bytes.length !== tile.width * HASH_SIZE) {
      throw new AppError('verifier.bad_tile', `Tile ${key} has ${bytes.length} bytes`, { details: { tile } });
    }
    cache.set(key, bytes);
    return bytes;
  };
}

/**
 * A SubtreeHash for a tree of `treeSize` leaves that reads only tiles, so a client holding tiles can
 * rebuild roots and generate any inclusion or consistency proof itself (tlog-tiles' design). Throws
 * AppError `verifier.missing_tile` or `verifier.bad_tile` (wrong length) when a tile lets it down.
 */
export function subtreeHashFromTiles(treeSize: number, readTile: TileReader): SubtreeHash {
  const read = cachedReader(readTile);
  return (start, end) => {
    assertRange(start, end, treeSize);
    const hashes = perfectSubtrees(start, end).map((subtree) => {
      const { tile, first, count } = locate(subtree, treeSize);
      const bytes = read(tile);
      const nodes = Array.from({ length: count }, (_, i) =>
        bytes.subarray((first + i) * HASH_SIZE, (first + i + 1) * HASH_SIZE),
      );
      return rootFromLeafHashes(nodes);
    });
    return hashes.reduceRight((right, left) => nodeHash(left, right));
  };
}

/** The outcome of rootFromTiles. */
export type TileRootResult =
  | { ok: true; root: Uint8Array }
  | { ok: false; reason: 'missing_tile' | 'bad_tile'; tile: TileCoordinate };

/** The root of a tree of `treeSize` leaves, computed from its tiles alone (see tilesForSubtree). */
export function rootFromTiles(treeSize: number, readTile: TileReader): TileRootResult {
  if (treeSize === 0) {
    return { ok: true, root: rootFromLeafHashes([]) };
  }
  try {
    return { ok: true, root: subtreeHashFromTiles(treeSize, readTile)(0, treeSize) };
  } catch (error) {
    if (isAppError(error, 'verifier.missing_tile') || isAppError(error, 'verifier.bad_tile')) {
      const reason = error.code === 'verifier.missing_tile' ? 'missing_tile' : 'bad_tile';
      return { ok: false, reason, tile: error.details?.tile as TileCoordinate };
    }
    throw error;
  }
}

/** tlog-tiles entry bundle: each entry as a big-endian uint16 length followed by its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length < 1 || entries.length > TILE_WIDTH) {
    throw new AppError(
      'verifier.invalid_entry_bundle',
      `A bundle holds 1..256 entries, got ${entries.length}`,
    );
  }
  const total = entries.reduce((sum, entry) => sum + 2 + entry.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_SIZE) {
      throw new AppError('verifier.invalid_entry_bundle', `Entry of ${entry.length} bytes exceeds 65535`);
    }
    out[offset] = entry.length >> 8;
    out[offset + 1] = entry.length & 0xff;
    out.set(entry, offset + 2);
    offset += 2 + entry.length;
  }
  return out;
}

/** Why an entry bundle was rejected. */
export type EntryBundleError =
  | 'invalid_width'
  | 'empty_bundle'
  | 'truncated_length'
  | 'truncated_entry'
  | 'too_many_entries'
  | 'too_few_entries'
  | 'trailing_bytes';

/** The outcome of decodeEntryBundle. */
export type EntryBundleResult = { ok: true; entries: Uint8Array[] } | { ok: false; reason: EntryBundleError };

/**
 * Decodes an entry bundle strictly; never throws. With `width` (from the bundle's path and the
 * checkpoint) exactly that many entries must fill the body; without it, 1..256 entries.
 */
export function decodeEntryBundle(bytes: Uint8Array, width?: number): EntryBundleResult {
  if (width !== undefined && !(Number.isInteger(width) && width >= 1 && width <= TILE_WIDTH)) {
    return { ok: false, reason: 'invalid_width' };
  }
  const limit = width ?? TILE_WIDTH;
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (entries.length === limit) {
      return { ok: false, reason: width === undefined ? 'too_many_entries' : 'trailing_bytes' };
    }
    if (offset + 2 > bytes.length) {
      return { ok: false, reason: 'truncated_length' };
    }
    const length = ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number);
    if (offset + 2 + length > bytes.length) {
      return { ok: false, reason: 'truncated_entry' };
    }
    entries.push(bytes.slice(offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  if (entries.length === 0) {
    return { ok: false, reason: 'empty_bundle' };
  }
  return width !== undefined && entries.length < width
    ? { ok: false, reason: 'too_few_entries' }
    : { ok: true, entries };
}
