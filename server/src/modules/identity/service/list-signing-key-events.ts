import type { IdentityDeps } from '../deps.ts';
import { listSigningKeyEvents as listSigningKeyEventRows } from '../repository.ts';

/**
 * The organisation's key events as committed to the transparency log, oldest first: each with
 * the statement whose SHA-256 is the entry's doc_hash, the 266-byte entry and its leaf hash.
 */
export const listSigningKeyEvents = async (deps: IdentityDeps, organisationId: string) =>
  (await listSigningKeyEventRows(deps.db.kysely, organisationId)).map((row) => ({
    keyId: row.key_id,
    event: row.event,
    at: row.at,
    statement: row.statement,
    entry: row.log_entry,
    leafHash: row.leaf_hash,
  }));
