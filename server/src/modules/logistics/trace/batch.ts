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
  traceBatchRecordId,
  traceHeadHash,
  tradeLogEntrySigningInput,
  ZERO_HASH,
} from '@tradehub/verifier';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { ChainHead } from './chain.ts';
import type { TraceSigningKey } from './deps.ts';

// Every ingest transaction that stored an event commits the new heads of the chains it moved:
// each head is a leaf of a small RFC 6962 tree, and ONE TRACE_BATCH entry signed with the sending
// organisation's key carries the tree's root (docs/logistics-trace.md). A batch of 500 events
// across many shipments is one log entry; the events themselves never enter the log.

export type TraceBatch = {
  id: string;
  signerDid: string;
  body: Uint8Array;
  leafHash: Uint8Array;
  /** The heads in tree order (shipment id order) with their member hashes. */
  heads: { shipmentId: string; length: number; head: Uint8Array; member: Uint8Array }[];
};

/** Builds and signs the TRACE_BATCH entry for the new heads of the chains one transaction moved. */
export const signTraceBatch = async (
  key: TraceSigningKey,
  moved: ReadonlyMap<string, ChainHead>,
  now: Date,
): Promise<TraceBatch> => {
  const id = newId('tbt');
  const heads = [...moved.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([shipmentId, { length, head }]) => ({
      shipmentId,
      length,
      head,
      member: traceHeadHash(shipmentId, length, head),
    }));
  const fields = {
    kind: TradeLogEntryKind.TRACE_BATCH,
    timeMs: now.getTime(),
    recordId: traceBatchRecordId(key.did, id),
    docHash: rootFromLeafHashes(heads.map((h) => issueBatchLeafHash(h.member))),
    prevEntryHash: ZERO_HASH,
    actor: actorHashOfEd25519Key(key.publicKey),
    counterparty: ZERO_HASH,
    aux: issueBatchAux(heads.length),
  };
  const signed = key.sign(tradeLogEntrySigningInput(fields));
  const signature = signed instanceof Uint8Array ? signed : await signed;
  const body = encodeTradeLogEntry(fields, signature);
  return { id, signerDid: key.did, body, leafHash: leafHash(body), heads };
};

/** Stores the batch and a commitment row per head, in the ingest transaction. */
export const insertTraceBatch = async (
  ex: Executor,
  organisationId: string,
  batch: TraceBatch,
  at: Date,
): Promise<void> => {
  const members = new Uint8Array(batch.heads.length * 32);
  batch.heads.forEach((h, i) => {
    members.set(h.member, i * 32);
  });
  await sql`
    insert into logistics.trace_batches (id, organisation_id, signer_did, entry_leaf_hash, size, members, created_at)
    values (${batch.id}, ${organisationId}, ${batch.signerDid}, ${batch.leafHash}, ${batch.heads.length}, ${members}, ${at})`.execute(
    ex,
  );
  const rows = batch.heads.map((h, i) => sql`(${h.shipmentId}, ${h.length}, ${h.head}, ${batch.id}, ${i})`);
  await sql`
    insert into logistics.trace_commitments (shipment_id, chain_length, head, batch_id, batch_index)
    values ${sql.join(rows)}`.execute(ex);
};

/** A head's RFC 9162 path in its batch tree, from the stored member hashes. */
export const traceBatchPath = (members: Uint8Array, index: number): Uint8Array[] => {
  const leaves: Uint8Array[] = [];
  for (let offset = 0; offset < members.length; offset += 32) {
    leaves.push(issueBatchLeafHash(members.subarray(offset, offset + 32)));
  }
  return inclusionProof(leaves, index);
};
