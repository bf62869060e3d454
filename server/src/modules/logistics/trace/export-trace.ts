import { AppError, toHex } from '@tradehub/kernel';
import { TRACE_TYPE, type Trace, type TraceCommitment } from '@tradehub/verifier';
import { sql } from 'kysely';
import type { LogisticsDeps } from '../deps.ts';
import { findVisibleShipment } from '../repository.ts';
import { traceBatchPath } from './batch.ts';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * The `tradehub-trace/v1` of a shipment `organisationId` is a party of (404 otherwise): every event
 * as received in chain order with its chain hash, and each committed head whose log entry a
 * checkpoint verifiers accept already covers, with its batch path and tlog-proof. Heads still
 * waiting for the sequencer are left out; the verifier reports the events after the last proven
 * head as not committed yet.
 */
export const exportTrace = async (deps: LogisticsDeps, organisationId: string, shipmentId: string) => {
  const found = await findVisibleShipment(deps.db.kysely, organisationId, shipmentId);
  if (found === undefined) {
    throw new AppError('logistics.shipment_not_found', `No shipment ${shipmentId}.`);
  }
  const events = await sql<{
    event_id: string;
    chain_index: string | number;
    chain_hash: Uint8Array;
    body: Record<string, unknown>;
  }>`
    select event_id, chain_index, chain_hash, body from logistics.tracking_events
    where shipment_id = ${shipmentId} order by chain_index`.execute(deps.db.kysely);
  const commitments = await sql<{
    chain_length: string | number;
    head: Uint8Array;
    batch_id: string;
    batch_index: number;
    signer_did: string;
    entry_leaf_hash: Uint8Array;
    size: number;
    members: Uint8Array;
  }>`
    select c.chain_length, c.head, c.batch_id, c.batch_index, b.signer_did, b.entry_leaf_hash, b.size, b.members
    from logistics.trace_commitments c join logistics.trace_batches b on b.id = c.batch_id
    where c.shipment_id = ${shipmentId} order by c.chain_length`.execute(deps.db.kysely);
  const proven: (TraceCommitment & { batch: { path: string[] } })[] = [];
  for (const c of commitments.rows) {
    const index = await deps.trace.indexOfLeafHash(new Uint8Array(c.entry_leaf_hash));
    if (index === undefined) {
      // Later heads were queued later: none of them is in the log yet either.
      break;
    }
    proven.push({
      length: Number(c.chain_length),
      head: toHex(new Uint8Array(c.head)),
      batch: {
        id: c.batch_id,
        signer: c.signer_did,
        index: c.batch_index,
        size: c.size,
        path: traceBatchPath(new Uint8Array(c.members), c.batch_index).map(base64),
      },
      tlogProof: await deps.trace.tlogProof(index),
    });
  }
  return {
    type: TRACE_TYPE,
    shipment: { id: found.row.id, reference: found.row.reference },
    log: deps.trace.log,
    events: events.rows.map((e) => ({
      index: Number(e.chain_index),
      eventID: e.event_id,
      chainHash: toHex(new Uint8Array(e.chain_hash)),
      body: e.body,
    })),
    commitments: proven,
  } satisfies Trace;
};
