import type { DocumentsDeps } from '../deps.ts';
import { type CredentialRow, setCredentialLogIndex } from '../repository.ts';

/**
 * The log index of a document's ISSUE entry: the stored one, or asked of the log by leaf hash
 * and then kept (an integrated entry never moves). Undefined while the entry is pending.
 */
export const resolveLogIndex = async (
  deps: Pick<DocumentsDeps, 'db' | 'log'>,
  row: Pick<CredentialRow, 'id' | 'organisation_id' | 'log_index' | 'entry_leaf_hash'>,
): Promise<number | undefined> => {
  if (row.log_index !== null) {
    return Number(row.log_index);
  }
  const index = await deps.log.indexOfLeafHash(row.entry_leaf_hash);
  if (index !== undefined) {
    await setCredentialLogIndex(deps.db.kysely, row.organisation_id, row.id, index);
  }
  return index;
};
