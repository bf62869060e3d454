import { assert } from '@tradehub/kernel';
import { formatCheckpoint, leafHash, rootFromLeafHashes, signNote } from '@tradehub/verifier';
import {
  deletePending,
  findLeafHashes,
  insertCheckpoint,
  insertEntries,
  lockTreeSize,
  setTreeSize,
  takePending,
} from '../repository.ts';
import type { LogContext } from './context.ts';

/** The outcome of one integration: the tree size afterwards and how many entries it added. */
export type Integration = { size: number; integrated: number };

/**
 * Integrates up to `batchMax` queued entries in one transaction: locks the tree size, gives the
 * oldest pending entries the next indices, computes the new root and stores a signed checkpoint.
 * When nothing was pending the tree and its checkpoint stay as they were.
 */
export const integratePending = (ctx: LogContext, options: { batchMax: number }): Promise<Integration> => {
  assert(
    Number.isSafeInteger(options.batchMax) && options.batchMax >= 1,
    'batchMax must be a positive integer',
  );
  return ctx.db.transaction(async (trx) => {
    const size = await lockTreeSize(trx);
    const pending = await takePending(trx, options.batchMax);
    if (pending.length === 0) {
      return { size, integrated: 0 };
    }
    const entries = pending.map((row, i) => ({
      idx: size + i,
      leafHash: leafHash(row.body),
      body: row.body,
    }));
    await insertEntries(trx, entries);
    // By id, not by range: a transaction holding a lower id may commit after this one read.
    await deletePending(
      trx,
      pending.map((row) => row.id),
    );
    // O(n) in the tree size: the stored tiles that replace this are listed in the README.
    const leafHashes = [...(await findLeafHashes(trx, 0, size)), ...entries.map((e) => e.leafHash)];
    const newSize = size + entries.length;
    const rootHash = rootFromLeafHashes(leafHashes);
    const note = signNote(formatCheckpoint({ origin: ctx.key.origin, size: newSize, rootHash }), [
      ctx.key.signer,
    ]);
    await insertCheckpoint(trx, newSize, rootHash, note);
    await setTreeSize(trx, newSize);
    return { size: newSize, integrated: entries.length };
  });
};
