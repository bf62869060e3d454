import { formatTlogProof } from '@tradehub/verifier';
import { findEntriesAt, type StoredCheckpoint } from '../repository.ts';
import type { LogContext } from './context.ts';
import { requireCheckpoint } from './get-checkpoint.ts';
import { inclusionProofsAt } from './inclusion-proof.ts';

/**
 * C2SP tlog-proof@v1 texts for several entries against one checkpoint: `extra` is the entry
 * itself (so an offline verifier holds everything it checks), then the index, the inclusion
 * hashes and the checkpoint note as published, with any witness cosignatures.
 */
export const tlogProofsAt = async (
  ctx: LogContext,
  indices: readonly number[],
  checkpoint: StoredCheckpoint,
): Promise<string[]> => {
  const proofs = await inclusionProofsAt(ctx, indices, checkpoint);
  const bodies = new Map(
    (await findEntriesAt(ctx.db.kysely, indices)).map((entry) => [entry.index, entry.body]),
  );
  const note = await ctx.publishedNote(checkpoint);
  return proofs.map((proof) =>
    formatTlogProof({
      extra: bodies.get(proof.index) as Uint8Array,
      index: proof.index,
      hashes: proof.hashes,
      checkpoint: note,
    }),
  );
};

/**
 * The tlog-proof of entry `index` against the checkpoint of tree size `size` (default the
 * latest). Errors as inclusionProof.
 */
export const tlogProof = async (
  ctx: LogContext,
  index: number,
  size?: number,
): Promise<{ index: number; size: number; text: string }> => {
  const checkpoint = await requireCheckpoint(ctx, size);
  const [text] = await tlogProofsAt(ctx, [index], checkpoint);
  return { index, size: checkpoint.size, text: text as string };
};
