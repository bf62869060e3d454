import { AppError } from '@tradehub/kernel';
import { findLatestCheckpoint } from '../repository.ts';
import type { LogContext } from './context.ts';

/** The latest signed checkpoint note; 404 `transparency-log.no_checkpoint` while the log is empty. */
export const getCheckpoint = async (ctx: LogContext): Promise<{ size: number; note: string }> => {
  const latest = await findLatestCheckpoint(ctx.db.kysely);
  if (latest === undefined) {
    throw new AppError('transparency-log.no_checkpoint', 'The log has no entries yet, so no checkpoint.');
  }
  return latest;
};
