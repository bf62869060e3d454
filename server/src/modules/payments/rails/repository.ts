import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import { big } from '../repository.ts';
import type { Beneficiary, Debtor, RailId } from './types.ts';

// The outbound payment tables (migrations/0004_rails.sql). Events are append-only; a payment row
// changes status only forward, and every change checks the status it expects (`where status in`),
// so two status reports racing cannot both apply.

export type OutboundStatus = 'prepared' | 'submitted' | 'accepted' | 'settled' | 'rejected';
export type TransportState = 'not_configured' | 'in_process' | 'delivered' | 'failed' | 'manual';
export type OutboundEventKind = 'prepared' | 'submitted' | 'not_sent' | 'transport_failed' | 'status';

export type OutboundPayment = {
  id: string;
  organisationId: string;
  clientId: string;
  requestHash: Uint8Array;
  rail: RailId;
  status: OutboundStatus;
  debitAccountId: string;
  inTransitAccountId: string;
  pendingTransferId: string;
  resolutionTransferId: string | null;
  amountMinor: bigint;
  currency: string;
  beneficiary: Beneficiary;
  debtor: Debtor;
  remittanceInformation: string | null;
  messageId: string;
  endToEndId: string;
  uetr: string;
  messageDefinition: string;
  messageXml: string;
  transportState: TransportState | null;
  transportReference: string | null;
  reasonCode: string | null;
  reasonText: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type OutboundEvent = {
  paymentId: string;
  seq: number;
  kind: OutboundEventKind;
  status: OutboundStatus;
  isoStatus: string | null;
  reasonCode: string | null;
  detail: string | null;
  statusMessageId: string | null;
  statusXml: string | null;
  transferId: string | null;
  byLabel: string;
  at: Date;
};

type PaymentRow = {
  id: string;
  organisation_id: string;
  client_id: string;
  request_hash: Uint8Array;
  rail: RailId;
  status: OutboundStatus;
  debit_account_id: string;
  in_transit_account_id: string;
  pending_transfer_id: string;
  resolution_transfer_id: string | null;
  amount: string;
  currency: string;
  beneficiary: Beneficiary | string;
  debtor: Debtor | string;
  remittance_information: string | null;
  message_id: string;
  end_to_end_id: string;
  uetr: string;
  message_definition: string;
  message_xml: string;
  transport_state: TransportState | null;
  transport_reference: string | null;
  reason_code: string | null;
  reason_text: string | null;
  created_at: Date;
  updated_at: Date;
};

type EventRow = {
  payment_id: string;
  seq: number;
  kind: OutboundEventKind;
  status: OutboundStatus;
  iso_status: string | null;
  reason_code: string | null;
  detail: string | null;
  status_message_id: string | null;
  status_xml: string | null;
  transfer_id: string | null;
  by_label: string;
  at: Date;
};

// jsonb comes back parsed from node-postgres and PGlite alike; a string is parsed to be safe.
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

const paymentOf = (row: PaymentRow): OutboundPayment => ({
  id: row.id,
  organisationId: row.organisation_id,
  clientId: row.client_id,
  requestHash: row.request_hash,
  rail: row.rail,
  status: row.status,
  debitAccountId: row.debit_account_id,
  inTransitAccountId: row.in_transit_account_id,
  pendingTransferId: row.pending_transfer_id,
  resolutionTransferId: row.resolution_transfer_id,
  amountMinor: BigInt(row.amount),
  currency: row.currency,
  beneficiary: json(row.beneficiary),
  debtor: json(row.debtor),
  remittanceInformation: row.remittance_information,
  messageId: row.message_id,
  endToEndId: row.end_to_end_id,
  uetr: row.uetr,
  messageDefinition: row.message_definition,
  messageXml: row.message_xml,
  transportState: row.transport_state,
  transportReference: row.transport_reference,
  reasonCode: row.reason_code,
  reasonText: row.reason_text,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const eventOf = (row: EventRow): OutboundEvent => ({
  paymentId: row.payment_id,
  seq: row.seq,
  kind: row.kind,
  status: row.status,
  isoStatus: row.iso_status,
  reasonCode: row.reason_code,
  detail: row.detail,
  statusMessageId: row.status_message_id,
  statusXml: row.status_xml,
  transferId: row.transfer_id,
  byLabel: row.by_label,
  at: row.at,
});

export type NewOutboundPayment = Omit<
  OutboundPayment,
  | 'status'
  | 'resolutionTransferId'
  | 'transportState'
  | 'transportReference'
  | 'reasonCode'
  | 'reasonText'
  | 'updatedAt'
>;

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

export const insertOutboundPayment = async (ex: Executor, p: NewOutboundPayment): Promise<void> => {
  await sql`
    insert into payments.outbound_payments (id, organisation_id, client_id, request_hash, rail, status,
      debit_account_id, in_transit_account_id, pending_transfer_id, amount, currency, beneficiary,
      debtor, remittance_information, message_id, end_to_end_id, uetr, message_definition,
      message_xml, created_at, updated_at)
    values (${p.id}, ${p.organisationId}, ${p.clientId}, decode(${hex(p.requestHash)}, 'hex'), ${p.rail},
      'prepared', ${p.debitAccountId}, ${p.inTransitAccountId}, ${p.pendingTransferId},
      ${big(p.amountMinor)}, ${p.currency}, ${JSON.stringify(p.beneficiary)}::jsonb,
      ${JSON.stringify(p.debtor)}::jsonb, ${p.remittanceInformation}, ${p.messageId}, ${p.endToEndId},
      ${p.uetr}, ${p.messageDefinition}, ${p.messageXml}, ${p.createdAt}, ${p.createdAt})`.execute(ex);
};

/** The organisation's payment; another organisation's answers undefined, as if it did not exist. */
export const findOutboundPayment = async (
  ex: Executor,
  organisationId: string,
  id: string,
  lock = false,
): Promise<OutboundPayment | undefined> => {
  const { rows } = lock
    ? await sql<PaymentRow>`
        select * from payments.outbound_payments
        where id = ${id} and organisation_id = ${organisationId} for update`.execute(ex)
    : await sql<PaymentRow>`
        select * from payments.outbound_payments
        where id = ${id} and organisation_id = ${organisationId}`.execute(ex);
  return rows[0] === undefined ? undefined : paymentOf(rows[0]);
};

export const findOutboundPaymentByClientId = async (
  ex: Executor,
  organisationId: string,
  clientId: string,
): Promise<OutboundPayment | undefined> => {
  const { rows } = await sql<PaymentRow>`
    select * from payments.outbound_payments
    where organisation_id = ${organisationId} and client_id = ${clientId}`.execute(ex);
  return rows[0] === undefined ? undefined : paymentOf(rows[0]);
};

/** The organisation's payments, newest first, a page at a time (the cursor is the last id). */
export const listOutboundPayments = async (
  ex: Executor,
  organisationId: string,
  options: { status?: OutboundStatus; limit: number },
): Promise<OutboundPayment[]> => {
  const { rows } = await sql<PaymentRow>`
    select * from payments.outbound_payments
    where organisation_id = ${organisationId}
      and (${options.status ?? null}::text is null or status = ${options.status ?? null})
    order by created_at desc, id desc
    limit ${options.limit}`.execute(ex);
  return rows.map(paymentOf);
};

export type OutboundChange = {
  status: OutboundStatus;
  resolutionTransferId?: string;
  transportState?: TransportState;
  transportReference?: string | null;
  reasonCode?: string;
  reasonText?: string | null;
  at: Date;
};

/** Moves a payment on from one of `from`; false when it was no longer in one of them. */
export const updateOutboundPayment = async (
  ex: Executor,
  id: string,
  from: readonly OutboundStatus[],
  change: OutboundChange,
): Promise<boolean> => {
  const { rows } = await sql<{ id: string }>`
    update payments.outbound_payments
    set status = ${change.status},
      resolution_transfer_id = coalesce(${change.resolutionTransferId ?? null}, resolution_transfer_id),
      transport_state = coalesce(${change.transportState ?? null}, transport_state),
      transport_reference = case when ${change.transportReference !== undefined}
        then ${change.transportReference ?? null} else transport_reference end,
      reason_code = coalesce(${change.reasonCode ?? null}, reason_code),
      reason_text = coalesce(${change.reasonText ?? null}, reason_text),
      updated_at = ${change.at}
    where id = ${id} and status in (${sql.join(from.map((s) => sql`${s}`))})
    returning id`.execute(ex);
  return rows.length === 1;
};

export const insertOutboundEvent = async (ex: Executor, e: Omit<OutboundEvent, 'seq'>): Promise<void> => {
  await sql`
    insert into payments.outbound_payment_events (payment_id, seq, kind, status, iso_status,
      reason_code, detail, status_message_id, status_xml, transfer_id, by_label, at)
    select ${e.paymentId}, coalesce(max(seq), 0) + 1, ${e.kind}, ${e.status}, ${e.isoStatus},
      ${e.reasonCode}, ${e.detail}, ${e.statusMessageId}, ${e.statusXml}, ${e.transferId},
      ${e.byLabel}, ${e.at}
    from payments.outbound_payment_events where payment_id = ${e.paymentId}`.execute(ex);
};

export const listOutboundEvents = async (ex: Executor, paymentId: string): Promise<OutboundEvent[]> => {
  const { rows } = await sql<EventRow>`
    select * from payments.outbound_payment_events where payment_id = ${paymentId} order by seq`.execute(ex);
  return rows.map(eventOf);
};

/** The event a status report was applied by, when this report was applied before. */
export const findStatusEvent = async (
  ex: Executor,
  paymentId: string,
  statusMessageId: string,
): Promise<OutboundEvent | undefined> => {
  const { rows } = await sql<EventRow>`
    select * from payments.outbound_payment_events
    where payment_id = ${paymentId} and status_message_id = ${statusMessageId}`.execute(ex);
  return rows[0] === undefined ? undefined : eventOf(rows[0]);
};
