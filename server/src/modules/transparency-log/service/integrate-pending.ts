import { AppError, assert } from '@tradehub/kernel';
import { formatCheckpoint, HASH_SIZE, signNote } from '@tradehub/verifier';
import type { Executor } from '../../../platform/access/index.ts';
import { growTree, type RightEdge, rightEdgeTiles, rootFromEdge } from '../domain/tree-tiles.ts';
import {
  findTiles,
  lockTreeSize,
  movePendingToEntries,
  type StoredCheckpoint,
  storeCheckpoint,
  tileKey,
  upsertTiles,
} from '../repository.ts';
import type { LogContext } from './context.ts';

/** The outcome of one integration. */
export type Integration = {
  /** The tree size afterwards. */
  size: number;
  /** How many entries this integration added. */
  integrated: number;
  /** The checkpoint signed for the new size; absent when nothing was pending. */
  checkpoint?: StoredCheckpoint;
  /** The index each integrated entry got, by its queue id. */
  assigned: { queueId: string; index: number }[];
};

/** The partial tiles of the tree of `size`, as stored; each must hold exactly what the size implies. */
const readEdge = async (ex: Executor, size: number): Promise<Map<number, Uint8Array>> => {
  const edgeTiles = rightEdgeTiles(size);
  const stored = await findTiles(ex, edgeTiles);
  const edge = new Map<number, Uint8Array>();
  for (const tile of edgeTiles) {
    const hashes = stored.get(tileKey(tile.level, tile.index));
    // The tiles are written with the size in one transaction; a mismatch means someone edited
    // the tables, and growing on top of it would sign a wrong root.
    if (hashes?.length !== tile.width * HASH_SIZE) {
      throw new AppError(
        'transparency-log.tree_inconsistent',
        `The stored tile ${tile.level}/${tile.index} does not have the ${tile.width} hashes a tree of ${size} needs.`,
      );
    }
    edge.set(tile.level, hashes);
  }
  return edge;
};

/**
 * Integrates up to `batchMax` queued entries in one transaction: locks the tree size, moves the
 * oldest pending entries into the log with the next indices, grows the stored tiles along the
 * right edge of the tree, computes the new root from those tiles and stores a signed checkpoint.
 * It touches O(log n) tile rows whatever the size of the log, in four statements (five when the
 * right edge is read back). When nothing was pending the tree and its checkpoint stay as they were.
 */
export const integratePending = async (
  ctx: LogContext,
  options: { batchMax: number },
): Promise<Integration> => {
  assert(
    Number.isSafeInteger(options.batchMax) && options.batchMax >= 1,
    'batchMax must be a positive integer',
  );
  let grownEdge: { size: number; edge: RightEdge } | undefined;
  const integration = await ctx.db.transaction(async (trx): Promise<Integration> => {
    const size = await lockTreeSize(trx);
    const moved = await movePendingToEntries(trx, size, options.batchMax);
    if (moved.length === 0) {
      return { size, integrated: 0, assigned: [] };
    }
    const cached = ctx.lastEdge;
    const edge = cached !== undefined && cached.size === size ? cached.edge : await readEdge(trx, size);
    const grown = growTree(
      size,
      edge,
      moved.map((entry) => entry.leafHash),
    );
    await upsertTiles(trx, grown.tiles);
    const rootHash = rootFromEdge(grown.size, grown.edge);
    const note = signNote(formatCheckpoint({ origin: ctx.key.origin, size: grown.size, rootHash }), [
      ctx.key.signer,
    ]);
    const checkpoint = await storeCheckpoint(trx, grown.size, rootHash, note);
    grownEdge = { size: grown.size, edge: grown.edge };
    return {
      size: grown.size,
      integrated: moved.length,
      checkpoint,
      assigned: moved.map((entry, i) => ({ queueId: entry.queueId, index: size + i })),
    };
  });
  // Only a committed tree may be built on without reading it back.
  if (grownEdge !== undefined) {
    ctx.lastEdge = grownEdge;
  }
  return integration;
};
