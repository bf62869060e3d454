import { AppError } from '@tradehub/kernel';
import { findIndicesByLeafHash, findEntry as findStoredEntry, type StoredEntry } from '../repository.ts';
import type { LogContext } from './context.ts';

/** The integrated entry at `index`, or undefined beyond the tree. */
export const findEntry = (ctx: LogContext, index: number): Promise<StoredEntry | undefined> =>
  findStoredEntry(ctx.db.kysely, index);

/** The integrated entry at `index`; 404 `transparency-log.entry_not_found` beyond the tree. */
export const getEntry = async (ctx: LogContext, index: number): Promise<StoredEntry> => {
  const entry = await findEntry(ctx, index);
  if (entry === undefined) {
    throw new AppError('transparency-log.entry_not_found', `The log has no entry ${index}.`);
  }
  return entry;
};

/** The indices (ascending) of the entries with this RFC 6962 leaf hash: an index lookup. */
export const findEntriesByLeafHash = async (ctx: LogContext, leafHash: Uint8Array): Promise<number[]> =>
  (await findIndicesByLeafHash(ctx.db.kysely, [leafHash])).map((row) => row.index);
