import {
  type IssueBatchProof,
  inclusionProofFromLevels,
  issueBatchAux,
  issueBatchLeafHash,
  merkleLevels,
  TradeLogEntryKind,
  toBase64,
  ZERO_HASH,
} from '@tradehub/verifier';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { IssuerKey } from '../deps.ts';
import { batchRecordIdOf, toHex } from './crypto.ts';
import { actorOf, type SignedEntry, signEntry } from './log-entries.ts';

// An issuance batch: the credentials of one issuing transaction anchored by ONE signed
// ISSUE_BATCH log entry instead of one ISSUE entry each (docs/transparency-log.md). This file
// holds the batch's tree, its entry, its table (documents.issue_batches, migration 0004) and the
// audit paths bundles carry. The SQL is here rather than in repository.ts because the batch table
// is used by nothing else.

export type IssueBatch = {
  id: string;
  entry: SignedEntry;
  /** The members' doc hashes, 32 bytes each, in leaf order. */
  leaves: Uint8Array;
};

/** The tree of a batch over its members' doc hashes (leaf i = SHA-256(0x00 || doc hash i)). */
const batchLevels = (docHashes: readonly Uint8Array[]): Uint8Array[][] =>
  merkleLevels(docHashes.map(issueBatchLeafHash));

/** Builds and signs the ISSUE_BATCH entry of `docHashes`, signed once by the issuer key. */
export const signIssueBatch = async (
  key: IssuerKey,
  batchId: string,
  docHashes: readonly Uint8Array[],
  now: Date,
): Promise<IssueBatch> => {
  const levels = batchLevels(docHashes);
  const root = levels.at(-1)?.[0] as Uint8Array;
  const entry = await signEntry(
    {
      kind: TradeLogEntryKind.ISSUE_BATCH,
      timeMs: now.getTime(),
      recordId: batchRecordIdOf(key.did, batchId),
      docHash: root,
      prevEntryHash: ZERO_HASH,
      actor: actorOf(key),
      counterparty: ZERO_HASH,
      aux: issueBatchAux(docHashes.length),
    },
    key,
  );
  const leaves = new Uint8Array(docHashes.length * 32);
  docHashes.forEach((hash, i) => {
    leaves.set(hash, i * 32);
  });
  rememberLevels(entry.leafHash, { batchId, levels, indexOf: indexByDocHash(docHashes) });
  return { id: batchId, entry, leaves };
};

/** Stores a batch in the transaction that stores its credentials and queues its entry. */
export const insertIssueBatch = async (
  ex: Executor,
  organisationId: string,
  batch: IssueBatch,
  at: Date,
): Promise<void> => {
  await sql`
    insert into documents.issue_batches (entry_leaf_hash, organisation_id, batch_id, leaves, created_at)
    values (${batch.entry.leafHash}, ${organisationId}, ${batch.id}, ${batch.leaves}, ${at})`.execute(ex);
};

type BatchTree = {
  batchId: string;
  levels: Uint8Array[][];
  indexOf: Map<string, number>;
};

const indexByDocHash = (docHashes: readonly Uint8Array[]): Map<string, number> =>
  new Map(docHashes.map((hash, i) => [toHex(hash), i]));

// Trees of recently issued or bundled batches, by entry leaf hash (hex): bundling the members of
// one batch reads and hashes its tree once. A batch of 1,000 is about 100 KB here.
const TREES_KEPT = 64;
const trees = new Map<string, BatchTree>();

const rememberLevels = (entryLeafHash: Uint8Array, tree: BatchTree) => {
  const key = toHex(entryLeafHash);
  trees.delete(key);
  if (trees.size >= TREES_KEPT) {
    const oldest = trees.keys().next().value;
    if (oldest !== undefined) {
      trees.delete(oldest);
    }
  }
  trees.set(key, tree);
};

const loadTree = async (
  ex: Executor,
  organisationId: string,
  entryLeafHash: Uint8Array,
): Promise<BatchTree | undefined> => {
  const key = toHex(entryLeafHash);
  const known = trees.get(key);
  if (known !== undefined) {
    return known;
  }
  const { rows } = await sql<{ batch_id: string; leaves: Uint8Array }>`
    select batch_id, leaves from documents.issue_batches
    where organisation_id = ${organisationId} and entry_leaf_hash = ${entryLeafHash}`.execute(ex);
  const [row] = rows;
  if (row === undefined) {
    return undefined;
  }
  const docHashes: Uint8Array[] = [];
  for (let at = 0; at < row.leaves.length; at += 32) {
    docHashes.push(row.leaves.subarray(at, at + 32));
  }
  const tree = { batchId: row.batch_id, levels: batchLevels(docHashes), indexOf: indexByDocHash(docHashes) };
  rememberLevels(entryLeafHash, tree);
  return tree;
};

/**
 * The `issueBatch` member of a bundle for a credential anchored by an ISSUE_BATCH entry, or
 * undefined for one anchored by its own ISSUE entry (no batch row has that leaf hash).
 */
export const issueBatchProofOf = async (
  ex: Executor,
  row: { organisation_id: string; entry_leaf_hash: Uint8Array; doc_hash: Uint8Array },
): Promise<IssueBatchProof | undefined> => {
  const tree = await loadTree(ex, row.organisation_id, row.entry_leaf_hash);
  if (tree === undefined) {
    return undefined;
  }
  const index = tree.indexOf.get(toHex(row.doc_hash));
  if (index === undefined) {
    throw new Error(`the credential's doc hash is not a member of batch ${tree.batchId}`);
  }
  return {
    id: tree.batchId,
    index,
    size: tree.levels[0]?.length ?? 0,
    path: inclusionProofFromLevels(tree.levels, index).map(toBase64),
  };
};
