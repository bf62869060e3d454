import { AppError } from '@tradehub/kernel';
import { consistencyProofFromSubtrees } from '@tradehub/verifier';
import type { LogContext } from './context.ts';
import { requireCheckpoint } from './get-checkpoint.ts';
import { proveFromTiles } from './prove-from-tiles.ts';

/** An RFC 9162 consistency proof that the tree of size `from` is a prefix of the tree of size `to`. */
export type ConsistencyProof = { from: number; to: number; hashes: Uint8Array[] };

/**
 * The consistency proof between two tree sizes, computed from the stored tiles; `to` defaults to
 * the latest checkpoint's size and may not exceed it. Throws 400 `transparency-log.size_out_of_range`
 * unless 0 <= from <= to <= the latest size, and 404 `transparency-log.no_checkpoint` while the
 * log is empty.
 */
export const consistencyProof = async (
  ctx: LogContext,
  from: number,
  to?: number,
): Promise<ConsistencyProof> => {
  const latest = await requireCheckpoint(ctx);
  const target = to ?? latest.size;
  const problem =
    target > latest.size
      ? { field: 'to', message: `must be at most the latest tree size ${latest.size}` }
      : from > target
        ? { field: 'from', message: `must be at most ${target}` }
        : undefined;
  if (problem !== undefined || !Number.isSafeInteger(from) || from < 0) {
    const reason = problem ?? { field: 'from', message: 'must be a tree size' };
    throw new AppError(
      'transparency-log.size_out_of_range',
      `No consistency proof from size ${from} to size ${target}: ${reason.field} ${reason.message}.`,
      { fieldErrors: [{ ...reason, code: 'transparency-log.size_out_of_range' }] },
    );
  }
  if (from === 0 || from === target) {
    return { from, to: target, hashes: [] };
  }
  const hashes = await proveFromTiles(ctx.db.kysely, target, (subtreeHash) =>
    consistencyProofFromSubtrees(from, target, subtreeHash),
  );
  return { from, to: target, hashes };
};
