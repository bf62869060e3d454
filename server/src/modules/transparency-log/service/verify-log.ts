import { isAppError } from '@tradehub/kernel';
import { HASH_SIZE, openCheckpoint, verifyConsistency } from '@tradehub/verifier';
import { leafHashOf } from '../domain/hashing.ts';
import {
  growTree,
  type RightEdge,
  rightEdgeTiles,
  rootFromEdge,
  type TileKey,
} from '../domain/tree-tiles.ts';
import {
  findEntries,
  findSizes,
  findTiles,
  listCheckpointsAfter,
  type StoredCheckpoint,
  tileKey,
} from '../repository.ts';
import { consistencyProof } from './consistency-proof.ts';
import type { LogContext } from './context.ts';
import { checkpointAt } from './get-checkpoint.ts';

/** What a check found wrong. */
export type LogProblemKind =
  /** An index below the tree size has no entry: the rebuild stops there. */
  | 'missing_entry'
  /** A stored leaf hash is not SHA-256(0x00 || body) of the stored body. */
  | 'leaf_hash_mismatch'
  /** A stored tile differs from the one rebuilt from the entries' bodies. */
  | 'tile_mismatch'
  /** A tile the tree needs is not stored. */
  | 'tile_missing'
  /** A checkpoint's note does not open with the log's key (signature, origin or format). */
  | 'checkpoint_signature'
  /** A checkpoint's size or root differs from its row or from the tree rebuilt from the entries. */
  | 'checkpoint_mismatch'
  /** The stored tiles give no valid consistency proof between two successive checkpoints. */
  | 'consistency'
  /** The coordination row and the latest checkpoint disagree on the tree size. */
  | 'size_mismatch';

export type LogProblem = { kind: LogProblemKind; index?: number; size?: number; detail: string };

/** Where a check may continue from: a verified tree size, its rebuilt right edge and checkpoint. */
export type VerifiedState = {
  size: number;
  edge: RightEdge;
  /** The last checkpoint checked, for the consistency check with the next one. */
  checkpoint?: { size: number; rootHash: Uint8Array };
};

/** A check's outcome: the counts show how much was examined, so a run that saw nothing shows. */
export type VerifyReport = {
  from: number;
  to: number;
  checkedEntries: number;
  checkedCheckpoints: number;
  checkedTiles: number;
  problems: LogProblem[];
  /** More problems were found than are listed. */
  truncated: boolean;
  /** Where the next incremental check continues. */
  state: VerifiedState;
};

export type VerifyLogOptions = {
  /** 0 (the default), a size whose stored tiles are trusted, or the state a previous check left. */
  from?: number | VerifiedState;
  /** Entries read per query. */
  chunkSize?: number;
  onProgress?: (checkedEntries: number, totalEntries: number) => void;
};

const MAX_PROBLEMS = 1000;
const DEFAULT_CHUNK = 4096;

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.from(a).equals(b);

/** The stored right edge of a tree of `size`, cut to that size: the trusted start of `--from`. */
const storedEdge = async (ctx: LogContext, size: number): Promise<Map<number, Uint8Array>> => {
  const tiles = rightEdgeTiles(size);
  const stored = await findTiles(ctx.db.kysely, tiles);
  const edge = new Map<number, Uint8Array>();
  for (const tile of tiles) {
    const hashes = stored.get(tileKey(tile.level, tile.index));
    if (hashes === undefined || hashes.length < tile.width * HASH_SIZE) {
      throw new Error(
        `cannot start at size ${size}: the stored tile ${tile.level}/${tile.index} is missing or short`,
      );
    }
    edge.set(tile.level, hashes.subarray(0, tile.width * HASH_SIZE));
  }
  return edge;
};

const startState = async (
  ctx: LogContext,
  from: number | VerifiedState | undefined,
): Promise<VerifiedState> => {
  if (from === undefined || from === 0) {
    return { size: 0, edge: new Map() };
  }
  if (typeof from !== 'number') {
    return from;
  }
  const checkpoint = await checkpointAt(ctx, from);
  return {
    size: from,
    edge: await storedEdge(ctx, from),
    ...(checkpoint === undefined
      ? {}
      : { checkpoint: { size: checkpoint.size, rootHash: checkpoint.rootHash } }),
  };
};

/**
 * Checks the log against itself, from `from` up to the latest checkpoint: re-hashes every entry
 * body and compares it with the stored leaf hash, rebuilds the tiles from those hashes and
 * compares them with the stored tiles, opens every checkpoint with the log key and compares its
 * root with the rebuilt tree's, and checks a consistency proof (from the stored tiles) between
 * each checkpoint and the one before. Nothing is written. Reads O(chunk) rows at a time.
 */
export const verifyLog = async (ctx: LogContext, options: VerifyLogOptions = {}): Promise<VerifyReport> => {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  let state = await startState(ctx, options.from);
  const from = state.size;
  const problems: LogProblem[] = [];
  let truncated = false;
  const report = (problem: LogProblem) => {
    if (problems.length < MAX_PROBLEMS) {
      problems.push(problem);
    } else {
      truncated = true;
    }
  };
  const checkedTiles = new Set<string>();
  const badTiles = new Set<string>();
  let checkedEntries = 0;
  let checkedCheckpoints = 0;

  const { coordSize, checkpointSize } = await findSizes(ctx.db.kysely);
  const to = Math.max(checkpointSize, state.size);
  if (coordSize !== checkpointSize) {
    report({
      kind: 'size_mismatch',
      size: coordSize,
      detail: `the coordination row says ${coordSize} entries, the latest checkpoint ${checkpointSize}`,
    });
  }

  const compareTiles = async (written: readonly { level: number; index: number; hashes: Uint8Array }[]) => {
    const keys: TileKey[] = written.map((tile) => ({ level: tile.level, index: tile.index }));
    const stored = await findTiles(ctx.db.kysely, keys);
    for (const tile of written) {
      const key = tileKey(tile.level, tile.index);
      checkedTiles.add(key);
      const found = stored.get(key);
      // A stored partial tile may have grown past the checked size; its first hashes must agree.
      if (found === undefined) {
        if (!badTiles.has(key)) {
          badTiles.add(key);
          report({ kind: 'tile_missing', detail: `tile ${key} is not stored` });
        }
      } else if (
        found.length < tile.hashes.length ||
        !sameBytes(found.subarray(0, tile.hashes.length), tile.hashes)
      ) {
        if (!badTiles.has(key)) {
          badTiles.add(key);
          report({
            kind: 'tile_mismatch',
            detail: `tile ${key} differs from the tile rebuilt from the entries`,
          });
        }
      }
    }
  };

  const checkCheckpoint = async (checkpoint: StoredCheckpoint, rebuiltRoot: Uint8Array) => {
    checkedCheckpoints += 1;
    const size = checkpoint.size;
    const opened = openCheckpoint(checkpoint.note, ctx.key.verifier);
    let signedRoot = checkpoint.rootHash;
    if (!opened.ok) {
      report({
        kind: 'checkpoint_signature',
        size,
        detail: `the note does not open with the log key: ${opened.message}`,
      });
    } else if (
      opened.checkpoint.size !== size ||
      !sameBytes(opened.checkpoint.rootHash, checkpoint.rootHash)
    ) {
      report({
        kind: 'checkpoint_mismatch',
        size,
        detail: 'the signed note and the stored size or root differ',
      });
      signedRoot = opened.checkpoint.rootHash;
    } else {
      signedRoot = opened.checkpoint.rootHash;
    }
    if (!sameBytes(signedRoot, rebuiltRoot)) {
      report({
        kind: 'checkpoint_mismatch',
        size,
        detail: `the signed root ${hex(signedRoot)} is not the root ${hex(rebuiltRoot)} of the tree rebuilt from the entries`,
      });
    }
    const previous = state.checkpoint;
    if (previous !== undefined && previous.size > 0 && previous.size < size) {
      try {
        const proof = await consistencyProof(ctx, previous.size, size);
        const verdict = verifyConsistency({
          oldSize: previous.size,
          newSize: size,
          oldRoot: previous.rootHash,
          newRoot: signedRoot,
          proof: proof.hashes,
        });
        if (!verdict.ok) {
          report({
            kind: 'consistency',
            size,
            detail: `the consistency proof from ${previous.size} does not verify (${verdict.reason})`,
          });
        }
      } catch (error) {
        if (!isAppError(error)) {
          throw error;
        }
        report({
          kind: 'consistency',
          size,
          detail: `no consistency proof from ${previous.size}: ${error.message}`,
        });
      }
    }
    state = { ...state, checkpoint: { size, rootHash: signedRoot } };
  };

  const grow = async (leafHashes: readonly Uint8Array[]) => {
    if (leafHashes.length === 0) {
      return;
    }
    const grown = growTree(state.size, state.edge, leafHashes);
    await compareTiles(grown.tiles);
    state = { ...state, size: grown.size, edge: grown.edge };
  };

  while (state.size < to) {
    const start = state.size;
    const end = Math.min(start + chunkSize, to);
    const entries = await findEntries(ctx.db.kysely, start, end);
    const contiguous = entries.findIndex((entry, i) => entry.index !== start + i);
    const usable = contiguous === -1 ? entries : entries.slice(0, contiguous);
    const leafHashes = usable.map((entry) => {
      const rebuilt = leafHashOf(entry.body);
      if (!sameBytes(rebuilt, entry.leafHash)) {
        report({
          kind: 'leaf_hash_mismatch',
          index: entry.index,
          detail: `the stored leaf hash is not the hash of the stored body (${hex(rebuilt)})`,
        });
      }
      return rebuilt;
    });
    checkedEntries += usable.length;
    const checkpoints = await listCheckpointsAfter(
      ctx.db.kysely,
      start,
      start + usable.length,
      chunkSize + 1,
    );
    let at = 0;
    for (const checkpoint of checkpoints) {
      await grow(leafHashes.slice(at, checkpoint.size - start));
      at = checkpoint.size - start;
      await checkCheckpoint(checkpoint, rootFromEdge(state.size, state.edge));
    }
    await grow(leafHashes.slice(at));
    options.onProgress?.(state.size - from, to - from);
    if (usable.length < end - start) {
      report({
        kind: 'missing_entry',
        index: start + usable.length,
        detail: `no entry ${start + usable.length} below the tree size ${to}; the check stops there`,
      });
      break;
    }
  }

  return {
    from,
    to: state.size,
    checkedEntries,
    checkedCheckpoints,
    checkedTiles: checkedTiles.size,
    problems,
    truncated,
    state,
  };
};
