import type { Transaction } from 'kysely';
import { checkEntries } from '../domain/entry-limits.ts';
import { insertPending } from '../repository.ts';

/**
 * Queues entries for the log inside the caller's transaction, so a commitment commits (or rolls
 * back) with the change it commits to. The sequencer gives them indices later. Returns their
 * queue ids, in the order of `bodies`, for a caller that wants to wait for their indices.
 */
export const queueEntries = async (
  trx: Transaction<object>,
  bodies: readonly Uint8Array[],
): Promise<{ queueIds: string[] }> => {
  checkEntries(bodies);
  return { queueIds: bodies.length > 0 ? await insertPending(trx, bodies) : [] };
};
