import { AppError } from '@tradehub/kernel';
import { inclusionProofFromSubtrees } from '@tradehub/verifier';
import type { StoredCheckpoint } from '../repository.ts';
import type { LogContext } from './context.ts';
import { requireCheckpoint } from './get-checkpoint.ts';
import { proveFromTiles } from './prove-from-tiles.ts';

/** An RFC 9162 inclusion proof: the leaf's sibling first, up to the root's child. */
export type InclusionProof = { index: number; size: number; leafHash: Uint8Array; hashes: Uint8Array[] };

const outOfRange = (index: number, size: number) =>
  new AppError('transparency-log.index_out_of_range', `Entry ${index} is not in the tree of size ${size}.`, {
    fieldErrors: [
      {
        field: 'index',
        code: 'transparency-log.index_out_of_range',
        message: `must be below the tree size ${size}`,
      },
    ],
  });

/**
 * Inclusion proofs for several entries against one checkpoint, computed from the stored tiles
 * they share (one query). Throws 400 `transparency-log.index_out_of_range` for an index not below
 * the checkpoint's size.
 */
export const inclusionProofsAt = async (
  ctx: LogContext,
  indices: readonly number[],
  checkpoint: StoredCheckpoint,
): Promise<InclusionProof[]> => {
  const size = checkpoint.size;
  for (const index of indices) {
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw outOfRange(index, size);
    }
  }
  return proveFromTiles(ctx.db.kysely, size, (subtreeHash) =>
    indices.map((index) => ({
      index,
      size,
      leafHash: subtreeHash(index, index + 1),
      hashes: inclusionProofFromSubtrees(index, size, subtreeHash),
    })),
  );
};

/**
 * The inclusion proof of entry `index` in the tree of a signed checkpoint (`size`, default the
 * latest), with that checkpoint. 404 `transparency-log.no_checkpoint` /
 * `transparency-log.checkpoint_not_found`, 400 `transparency-log.index_out_of_range`.
 */
export const inclusionProof = async (
  ctx: LogContext,
  index: number,
  size?: number,
): Promise<InclusionProof & { checkpoint: StoredCheckpoint }> => {
  const checkpoint = await requireCheckpoint(ctx, size);
  const [proof] = await inclusionProofsAt(ctx, [index], checkpoint);
  return { ...(proof as InclusionProof), checkpoint };
};
