import { createHash } from 'node:crypto';
import { newId } from '@tradehub/kernel';
import {
  actorHashOfEd25519Key,
  encodeTradeLogEntry,
  inclusionProof,
  issueBatchAux,
  issueBatchLeafHash,
  leafHash,
  rootFromLeafHashes,
  TradeLogEntryKind,
  tradeLogEntrySigningInput,
  ZERO_HASH,
} from '@tradehub/verifier';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { SubmitterKey } from '../deps.ts';

// Every message tradehub accepts is committed to the transparency log: its SHA-256 becomes a leaf
// of a small RFC 6962 tree per receiving transaction, and ONE MESSAGE_BATCH entry signed with the
// submitting organisation's key carries the tree's root (docs/transparency-log.md). The message
// bytes never enter the log: only their hash, so a buyer's ID number in a message stays private.

const sha256 = (data: string | Uint8Array): Uint8Array =>
  new Uint8Array(createHash('sha256').update(data).digest());

/** record_id of a MESSAGE_BATCH entry: SHA-256("messages/v1\n" || submitter DID || "\n" || batch id). */
export const messageBatchRecordId = (did: string, batchId: string): Uint8Array =>
  sha256(`messages/v1\n${did}\n${batchId}`);

export type MessageBatch = { id: string; body: Uint8Array; leafHash: Uint8Array; leaves: Uint8Array };

/** Builds and signs the entry of one batch of message hashes (at most 1,000, in receiving order). */
export const signMessageBatch = async (
  key: SubmitterKey,
  messageHashes: readonly Uint8Array[],
  now: Date,
): Promise<MessageBatch> => {
  const id = newId('mbt');
  const fields = {
    kind: TradeLogEntryKind.MESSAGE_BATCH,
    timeMs: now.getTime(),
    recordId: messageBatchRecordId(key.did, id),
    docHash: rootFromLeafHashes(messageHashes.map(issueBatchLeafHash)),
    prevEntryHash: ZERO_HASH,
    actor: actorHashOfEd25519Key(key.publicKey),
    counterparty: ZERO_HASH,
    aux: issueBatchAux(messageHashes.length),
  };
  const signed = key.sign(tradeLogEntrySigningInput(fields));
  const signature = signed instanceof Uint8Array ? signed : await signed;
  const body = encodeTradeLogEntry(fields, signature);
  const leaves = new Uint8Array(messageHashes.length * 32);
  messageHashes.forEach((hash, i) => {
    leaves.set(hash, i * 32);
  });
  return { id, body, leafHash: leafHash(body), leaves };
};

export const insertMessageBatch = async (
  ex: Executor,
  organisationId: string,
  batch: MessageBatch,
  at: Date,
): Promise<void> => {
  await sql`
    insert into customs.message_batches (id, organisation_id, entry_leaf_hash, size, leaves, created_at)
    values (${batch.id}, ${organisationId}, ${batch.leafHash}, ${batch.leaves.length / 32}, ${batch.leaves}, ${at})`.execute(
    ex,
  );
};

/** Where a message sits in its batch: what a party needs to prove the log holds it. */
export const messageBatchPath = (leaves: Uint8Array, index: number) => {
  const hashes: Uint8Array[] = [];
  for (let offset = 0; offset < leaves.length; offset += 32) {
    hashes.push(issueBatchLeafHash(leaves.subarray(offset, offset + 32)));
  }
  return inclusionProof(hashes, index);
};
