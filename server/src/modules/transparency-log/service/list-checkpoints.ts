import { assert } from '@tradehub/kernel';
import { listCheckpointsBefore, type StoredCheckpoint } from '../repository.ts';
import type { LogContext } from './context.ts';

/** One page of checkpoints, newest first; `nextBefore` continues below the last one. */
export type CheckpointPage = { items: StoredCheckpoint[]; nextBefore: number | null };

/** Checkpoints of tree size below `before` (all when absent), newest first, `limit` per page. */
export const listCheckpoints = async (
  ctx: LogContext,
  options: { before?: number; limit: number },
): Promise<CheckpointPage> => {
  assert(Number.isSafeInteger(options.limit) && options.limit >= 1, 'limit must be a positive integer');
  const rows = await listCheckpointsBefore(ctx.db.kysely, options.before, options.limit + 1);
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  return { items, nextBefore: rows.length > options.limit && last !== undefined ? last.size : null };
};
