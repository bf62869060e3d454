import { traceChainHash, traceGenesis } from '@tradehub/verifier';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';

/** Where a shipment's chain stands: how many events it holds and its last chain hash. */
export type ChainHead = { length: number; head: Uint8Array };

/**
 * Locks the shipments (in id order, so two ingests never wait on each other crosswise) and reads
 * where their chains stand. Until the transaction ends no other ingest can append to these
 * chains, so two concurrent ingests for one shipment never fork it.
 */
export const lockChainHeads = async (
  ex: Executor,
  shipmentIds: readonly string[],
): Promise<Map<string, ChainHead>> => {
  const heads = new Map<string, ChainHead>();
  if (shipmentIds.length === 0) {
    return heads;
  }
  const ids = [...new Set(shipmentIds)].sort();
  // FOR NO KEY UPDATE: ingests exclude each other, while rows that merely reference the shipment
  // (foreign keys take KEY SHARE) are not held up.
  const locked = await sql<{ id: string; reference: string }>`
    select id, reference from logistics.shipments where id in (${sql.join(ids)})
    order by id for no key update`.execute(ex);
  for (const row of locked.rows) {
    heads.set(row.id, { length: 0, head: traceGenesis(row.id, row.reference) });
  }
  // A statement of its own, after the lock: under READ COMMITTED it sees what an ingest that held
  // the lock before committed (a join in the locking statement would read the chain as it was
  // before the wait). The last event of each chain is one index probe, however long the chain is.
  const last = await sql<{ shipment_id: string; chain_index: string | number; chain_hash: Uint8Array }>`
    select s.id as shipment_id, e.chain_index, e.chain_hash
    from logistics.shipments s
    join lateral (
      select chain_index, chain_hash from logistics.tracking_events
      where shipment_id = s.id order by chain_index desc limit 1
    ) e on true
    where s.id in (${sql.join(ids)})`.execute(ex);
  for (const row of last.rows) {
    heads.set(row.shipment_id, { length: Number(row.chain_index) + 1, head: new Uint8Array(row.chain_hash) });
  }
  return heads;
};

/** The place and chain hash the next event of a chain gets; the caller advances the head once it is stored. */
export const nextLink = (head: ChainHead, bodySha256Hex: string) => ({
  chainIndex: head.length,
  chainHash: traceChainHash(head.head, Buffer.from(bodySha256Hex, 'hex')),
});
