import { AppError } from '@tradehub/kernel';
import { findCheckpoint, findLatestCheckpoint, type StoredCheckpoint } from '../repository.ts';
import type { LogContext } from './context.ts';

const noCheckpoint = () =>
  new AppError('transparency-log.no_checkpoint', 'The log has no entries yet, so no checkpoint.');

/** The latest checkpoint as stored, or undefined while the log is empty. */
export const latestCheckpoint = (ctx: LogContext): Promise<StoredCheckpoint | undefined> =>
  findLatestCheckpoint(ctx.db.kysely);

/** The checkpoint signed for tree size `size`, or undefined when none was. */
export const checkpointAt = (ctx: LogContext, size: number): Promise<StoredCheckpoint | undefined> =>
  findCheckpoint(ctx.db.kysely, size);

/**
 * The checkpoint a proof is checked against: the one of tree size `size`, or the latest. Throws
 * 404 `transparency-log.no_checkpoint` while the log is empty and
 * `transparency-log.checkpoint_not_found` for a size no checkpoint was signed for.
 */
export const requireCheckpoint = async (ctx: LogContext, size?: number): Promise<StoredCheckpoint> => {
  if (size === undefined) {
    const latest = await latestCheckpoint(ctx);
    if (latest === undefined) {
      throw noCheckpoint();
    }
    return latest;
  }
  const checkpoint = await checkpointAt(ctx, size);
  if (checkpoint === undefined) {
    throw new AppError(
      'transparency-log.checkpoint_not_found',
      `The log signed no checkpoint of size ${size}.`,
      {
        fieldErrors: [
          {
            field: 'size',
            code: 'transparency-log.checkpoint_not_found',
            message: 'must be the size of a signed checkpoint (see /log/checkpoints)',
          },
        ],
      },
    );
  }
  return checkpoint;
};

/** The latest checkpoint as published (with any witness cosignatures); 404 `transparency-log.no_checkpoint` while the log is empty. */
export const getCheckpoint = async (ctx: LogContext): Promise<StoredCheckpoint> => {
  const latest = await requireCheckpoint(ctx);
  return { ...latest, note: await ctx.publishedNote(latest) };
};
