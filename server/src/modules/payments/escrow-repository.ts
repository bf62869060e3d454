import { sql } from 'kysely';
import type { Executor } from '../../platform/access/index.ts';
import { big } from './repository.ts';

// The escrow tables (migrations/0002_escrow.sql). Events are append-only: no UPDATE or DELETE on
// payments.escrow_events; an escrow row changes once, from funded to its outcome.

export type EscrowTrigger = 'buyer_acceptance' | 'delivery' | 'date';
export type EscrowStatus = 'funded' | 'released' | 'refunded' | 'split';

export type Escrow = {
  id: string;
  orderId: string;
  buyerOrganisationId: string;
  sellerOrganisationId: string;
  mediatorOrganisationId: string | null;
  pendingTransferId: string;
  debitAccountId: string;
  creditAccountId: string;
  amountMinor: bigint;
  currency: string;
  releaseTrigger: EscrowTrigger;
  releaseOn: string | null;
  status: EscrowStatus;
  sellerAmountMinor: bigint | null;
  buyerAmountMinor: bigint | null;
  resolutionTransferId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type EscrowEvent = {
  escrowId: string;
  seq: number;
  kind: EscrowStatus;
  reason: string;
  byOrganisationId: string | null;
  byActorType: 'user' | 'api_key' | 'system';
  byActorId: string | null;
  byLabel: string;
  transferId: string;
  sellerAmountMinor: bigint | null;
  buyerAmountMinor: bigint | null;
  note: string | null;
  at: Date;
};

type EscrowRow = {
  id: string;
  order_id: string;
  buyer_organisation_id: string;
  seller_organisation_id: string;
  mediator_organisation_id: string | null;
  pending_transfer_id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: string;
  currency: string;
  release_trigger: EscrowTrigger;
  release_on: string | null;
  status: EscrowStatus;
  seller_amount: string | null;
  buyer_amount: string | null;
  resolution_transfer_id: string | null;
  created_at: Date;
  updated_at: Date;
};

type EventRow = {
  escrow_id: string;
  seq: number;
  kind: EscrowStatus;
  reason: string;
  by_organisation_id: string | null;
  by_actor_type: 'user' | 'api_key' | 'system';
  by_actor_id: string | null;
  by_label: string;
  transfer_id: string;
  seller_amount: string | null;
  buyer_amount: string | null;
  note: string | null;
  at: Date;
};

const bigOrNull = (value: string | null) => (value === null ? null : BigInt(value));

const escrowOf = (row: EscrowRow): Escrow => ({
  id: row.id,
  orderId: row.order_id,
  buyerOrganisationId: row.buyer_organisation_id,
  sellerOrganisationId: row.seller_organisation_id,
  mediatorOrganisationId: row.mediator_organisation_id,
  pendingTransferId: row.pending_transfer_id,
  debitAccountId: row.debit_account_id,
  creditAccountId: row.credit_account_id,
  amountMinor: BigInt(row.amount),
  currency: row.currency,
  releaseTrigger: row.release_trigger,
  releaseOn: row.release_on,
  status: row.status,
  sellerAmountMinor: bigOrNull(row.seller_amount),
  buyerAmountMinor: bigOrNull(row.buyer_amount),
  resolutionTransferId: row.resolution_transfer_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const eventOf = (row: EventRow): EscrowEvent => ({
  escrowId: row.escrow_id,
  seq: row.seq,
  kind: row.kind,
  reason: row.reason,
  byOrganisationId: row.by_organisation_id,
  byActorType: row.by_actor_type,
  byActorId: row.by_actor_id,
  byLabel: row.by_label,
  transferId: row.transfer_id,
  sellerAmountMinor: bigOrNull(row.seller_amount),
  buyerAmountMinor: bigOrNull(row.buyer_amount),
  note: row.note,
  at: row.at,
});

// The accounts come from the pending transfer, so an escrow can never disagree with its money.
const selectEscrow = sql`
  select e.id, e.order_id, e.buyer_organisation_id, e.seller_organisation_id,
    e.mediator_organisation_id, e.pending_transfer_id, t.debit_account_id, t.credit_account_id,
    e.amount, e.currency, e.release_trigger, to_char(e.release_on, 'YYYY-MM-DD') as release_on,
    e.status, e.seller_amount, e.buyer_amount, e.resolution_transfer_id, e.created_at, e.updated_at
  from payments.escrows e join payments.transfers t on t.id = e.pending_transfer_id`;

export type NewEscrow = Omit<
  Escrow,
  | 'debitAccountId'
  | 'creditAccountId'
  | 'status'
  | 'sellerAmountMinor'
  | 'buyerAmountMinor'
  | 'resolutionTransferId'
  | 'updatedAt'
>;

export const insertEscrow = async (ex: Executor, e: NewEscrow): Promise<void> => {
  await sql`
    insert into payments.escrows (id, order_id, buyer_organisation_id, seller_organisation_id,
      mediator_organisation_id, pending_transfer_id, amount, currency, release_trigger, release_on,
      status, created_at, updated_at)
    values (${e.id}, ${e.orderId}, ${e.buyerOrganisationId}, ${e.sellerOrganisationId},
      ${e.mediatorOrganisationId}, ${e.pendingTransferId}, ${big(e.amountMinor)}, ${e.currency},
      ${e.releaseTrigger}, ${e.releaseOn}::date, 'funded', ${e.createdAt}, ${e.createdAt})`.execute(ex);
};

export const findEscrowByOrder = async (ex: Executor, orderId: string): Promise<Escrow | undefined> => {
  const { rows } = await sql<EscrowRow>`${selectEscrow} where e.order_id = ${orderId}`.execute(ex);
  return rows[0] === undefined ? undefined : escrowOf(rows[0]);
};

/** Locks the escrow row: two outcomes for one escrow queue here, and the second sees the first. */
export const lockEscrow = async (ex: Executor, id: string): Promise<Escrow | undefined> => {
  const { rows } = await sql<EscrowRow>`${selectEscrow} where e.id = ${id} for update of e`.execute(ex);
  return rows[0] === undefined ? undefined : escrowOf(rows[0]);
};

export const settleEscrow = async (
  ex: Executor,
  id: string,
  outcome: {
    status: Exclude<EscrowStatus, 'funded'>;
    sellerAmountMinor: bigint;
    buyerAmountMinor: bigint;
    transferId: string;
    at: Date;
  },
): Promise<void> => {
  await sql`
    update payments.escrows
    set status = ${outcome.status}, seller_amount = ${big(outcome.sellerAmountMinor)},
      buyer_amount = ${big(outcome.buyerAmountMinor)}, resolution_transfer_id = ${outcome.transferId},
      updated_at = ${outcome.at}
    where id = ${id} and status = 'funded'`.execute(ex);
};

export const insertEscrowEvent = async (ex: Executor, e: Omit<EscrowEvent, 'seq'>): Promise<void> => {
  await sql`
    insert into payments.escrow_events (escrow_id, seq, kind, reason, by_organisation_id,
      by_actor_type, by_actor_id, by_label, transfer_id, seller_amount, buyer_amount, note, at)
    select ${e.escrowId}, coalesce(max(seq), 0) + 1, ${e.kind}, ${e.reason}, ${e.byOrganisationId},
      ${e.byActorType}, ${e.byActorId}, ${e.byLabel}, ${e.transferId},
      ${e.sellerAmountMinor === null ? null : big(e.sellerAmountMinor)},
      ${e.buyerAmountMinor === null ? null : big(e.buyerAmountMinor)}, ${e.note}, ${e.at}
    from payments.escrow_events where escrow_id = ${e.escrowId}`.execute(ex);
};

export const listEscrowEvents = async (ex: Executor, escrowId: string): Promise<EscrowEvent[]> => {
  const { rows } = await sql<EventRow>`
    select * from payments.escrow_events where escrow_id = ${escrowId} order by seq`.execute(ex);
  return rows.map(eventOf);
};

/** Funded escrows released by date whose day has come (UTC), oldest first. */
export const listDueEscrows = async (ex: Executor, today: string, limit: number): Promise<Escrow[]> => {
  const { rows } = await sql<EscrowRow>`
    ${selectEscrow}
    where e.status = 'funded' and e.release_trigger = 'date' and e.release_on <= ${today}::date
    order by e.release_on, e.id limit ${limit}`.execute(ex);
  return rows.map(escrowOf);
};

/** The account a seller is paid into: its first open customer account in the currency. */
export const findPayeeAccountId = async (
  ex: Executor,
  organisationId: string,
  currency: string,
): Promise<string | undefined> => {
  const { rows } = await sql<{ id: string }>`
    select id from payments.accounts
    where organisation_id = ${organisationId} and currency = ${currency} and kind = 'customer'
      and not closed
    order by created_at, id limit 1`.execute(ex);
  return rows[0]?.id;
};

/** Whether the pending transfer is an escrow's reservation. */
export const isHeldByEscrow = async (ex: Executor, pendingTransferId: string): Promise<boolean> => {
  const { rows } = await sql<{ id: string }>`
    select id from payments.escrows where pending_transfer_id = ${pendingTransferId}`.execute(ex);
  return rows.length > 0;
};
