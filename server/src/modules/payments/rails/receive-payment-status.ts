import type { Executor } from '../../../platform/access/index.ts';
import type { PaymentsDeps } from '../deps.ts';
import { refused, type WriteContext } from '../service/context.ts';
import { inLedgerTransaction } from '../service/ledger-transaction.ts';
import { postTransfers, requestHashOf } from '../service/posting.ts';
import type { OutboundRecord } from './outbound-json.ts';
import { rails, statusEffectOf } from './rails.ts';
import {
  findOutboundPayment,
  findStatusEvent,
  insertOutboundEvent,
  listOutboundEvents,
  type OutboundPayment,
  type OutboundStatus,
  updateOutboundPayment,
} from './repository.ts';
import type { StatusReport } from './types.ts';

// A status report moves the payment forward, and its money with it, in one transaction:
//   submitted -> accepted (ACCP, ACSP, ACTC, ACWC)
//   submitted | accepted -> settled (ACSC): the reservation posts into the in-transit account
//   submitted | accepted -> rejected (RJCT): the reservation is voided, the money is back
// PDNG and other in-between statuses are recorded without a change. A report for a payment that
// was never sent, or that is settled or rejected already, is refused (409): a second outcome
// would move the money twice. The same report again is answered as it was first (a replay).

const illegal = (payment: OutboundPayment, status: string) =>
  refused(
    'payments.outbound_illegal_transition',
    `The payment is ${payment.status}: a ${status} status cannot apply to it.`,
    undefined,
    { status: payment.status, reported: status },
  );

export const notFound = (id: string) => refused('payments.outbound_not_found', `No outbound payment ${id}.`);

const nextStatus = (payment: OutboundPayment, report: StatusReport): OutboundStatus => {
  const effect = statusEffectOf(report.status);
  const open = payment.status === 'submitted' || payment.status === 'accepted';
  if (!open) {
    throw illegal(payment, report.status);
  }
  if (effect === 'pending') {
    return payment.status;
  }
  return effect;
};

/** Applies one status report inside the caller's transaction (the payment row locked there). */
export const applyStatus = async (
  trx: Executor,
  deps: PaymentsDeps,
  payment: OutboundPayment,
  report: StatusReport,
  xml: string,
  byLabel: string,
): Promise<OutboundPayment> => {
  if (
    report.originalMessageId !== payment.messageId ||
    (report.originalUetr ?? payment.uetr) !== payment.uetr
  ) {
    throw refused(
      'payments.status_mismatch',
      `The status report is about message ${report.originalMessageId.slice(0, 35)}, not this payment's ${payment.messageId}.`,
      'message',
    );
  }
  const now = deps.now();
  const status = nextStatus(payment, report);
  let transferId: string | null = null;
  if (status === 'settled' || status === 'rejected') {
    const op = status === 'settled' ? 'post' : 'void';
    // The hub resolves the reservation for the rail: exactly once, as the ledger guarantees.
    const [posted] = await postTransfers(trx, { organisationId: payment.organisationId, now, system: true }, [
      {
        op,
        clientId: `#rail:${payment.id}:${op}`,
        pendingId: payment.pendingTransferId,
        reference: payment.messageId,
        requestHash: requestHashOf({ op: `rail.${op}`, paymentId: payment.id }),
      },
    ]);
    if (posted === undefined) {
      throw new Error('postTransfers returned no result');
    }
    transferId = posted.transfer.id;
  }
  const reasonText = report.additionalInformation.join(' ').slice(0, 1000) || null;
  const moved = await updateOutboundPayment(trx, payment.id, [payment.status], {
    status,
    ...(transferId === null ? {} : { resolutionTransferId: transferId }),
    ...(report.reasonCode === undefined ? {} : { reasonCode: report.reasonCode, reasonText }),
    at: now,
  });
  if (!moved) {
    throw new Error(`outbound payment ${payment.id} changed under its lock`);
  }
  await insertOutboundEvent(trx, {
    paymentId: payment.id,
    kind: 'status',
    status,
    isoStatus: report.status,
    reasonCode: report.reasonCode ?? null,
    detail: reasonText,
    statusMessageId: report.messageId,
    statusXml: xml,
    transferId,
    byLabel,
    at: now,
  });
  return {
    ...payment,
    status,
    resolutionTransferId: transferId ?? payment.resolutionTransferId,
    reasonCode: report.reasonCode ?? payment.reasonCode,
    reasonText: report.reasonCode === undefined ? payment.reasonText : reasonText,
    updatedAt: now,
  };
};

/**
 * Applies a pacs.002 the bank or the rail sent about one of the organisation's payments. Returns
 * the payment and its timeline, and whether the report had been applied before.
 */
export const receivePaymentStatus = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  organisationId: string,
  paymentId: string,
  xml: string,
  byLabel?: string,
): Promise<OutboundRecord & { replayed: boolean }> => {
  const known = await findOutboundPayment(deps.db.kysely, organisationId, paymentId);
  if (known === undefined) {
    throw notFound(paymentId);
  }
  const report = rails[known.rail].accept(xml);
  return inLedgerTransaction(deps, async (trx) => {
    const payment = await findOutboundPayment(trx, organisationId, paymentId, true);
    if (payment === undefined) {
      throw notFound(paymentId);
    }
    const before = await findStatusEvent(trx, payment.id, report.messageId);
    if (before !== undefined) {
      return { payment, events: await listOutboundEvents(trx, payment.id), replayed: true };
    }
    const label = byLabel ?? ctx.actor?.label ?? 'tradehub';
    const after = await applyStatus(trx, deps, payment, report, xml, label);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'outbound_payment', id: payment.id },
      detail: { status: report.status, reasonCode: report.reasonCode ?? null, messageId: report.messageId },
    });
    return { payment: after, events: await listOutboundEvents(trx, payment.id), replayed: false };
  });
};
