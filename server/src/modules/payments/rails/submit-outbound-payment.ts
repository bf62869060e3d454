import { AppError } from '@tradehub/kernel';
import type { PaymentsDeps } from '../deps.ts';
import { refused, type WriteContext } from '../service/context.ts';
import { inLedgerTransaction } from '../service/ledger-transaction.ts';
import { type OutboundRecord, railsSettingsOf } from './outbound-json.ts';
import { rails } from './rails.ts';
import { applyStatus, notFound } from './receive-payment-status.ts';
import {
  findOutboundPayment,
  findStatusEvent,
  insertOutboundEvent,
  listOutboundEvents,
  type OutboundPayment,
  updateOutboundPayment,
} from './repository.ts';
import { transportOf } from './transport.ts';
import type { PreparedMessage, Submission } from './types.ts';

export type SubmitVia = 'transport' | 'auto' | 'manual';

const messageOf = (p: OutboundPayment): PreparedMessage => ({
  messageId: p.messageId,
  mediaType: 'application/xml',
  fileName: `${p.messageId}.pacs.008.xml`,
  definition: p.messageDefinition,
  xml: p.messageXml,
});

const SANDBOX_LABEL = 'sandbox bank';

/**
 * Sends a prepared payment's message over its rail. The sandbox settles it in the hub's process
 * (its pacs.002 reports are applied at once); CIPS and e-CNY go through the transport the
 * operator configured. Without one the payment stays `prepared` (never "sent"): `auto` (just
 * after creation) records that, `transport` (an explicit request) is refused with
 * `payments.rail_transport_missing`; `manual` records that the operator delivered the
 * downloaded file itself. A transport failure is recorded and leaves the payment prepared, so it
 * can be sent again; the network recognises a repeat by its message id and UETR.
 */
export const submitOutboundPayment = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  organisationId: string,
  paymentId: string,
  via: SubmitVia,
): Promise<OutboundRecord> => {
  const payment = await findOutboundPayment(deps.db.kysely, organisationId, paymentId);
  if (payment === undefined) {
    throw notFound(paymentId);
  }
  if (payment.status !== 'prepared') {
    throw refused(
      'payments.outbound_illegal_transition',
      `The payment is ${payment.status} already: only a prepared payment is submitted.`,
      undefined,
      { status: payment.status },
    );
  }
  const label = ctx.actor?.label ?? 'tradehub';
  const record = async (
    change: { kind: 'submitted' | 'not_sent' | 'transport_failed'; detail: string; reference?: string },
    state: 'not_configured' | 'in_process' | 'delivered' | 'failed' | 'manual',
    statuses: readonly { xml: string; byLabel: string }[] = [],
  ): Promise<OutboundRecord> => {
    // The message has left by now: a reply that cannot be read, or that is about another message,
    // must not roll back the record that it was sent (a retry would pay twice). It is noted on the
    // submission and left for the operator; only the replies about this message are applied.
    const replies = statuses.map((status) => {
      try {
        return { ...status, report: rails[payment.rail].accept(status.xml) };
      } catch (error) {
        return { ...status, unreadable: error instanceof Error ? error.message : String(error) };
      }
    });
    const aboutThis = (report: { originalMessageId: string; originalUetr?: string | null | undefined }) =>
      report.originalMessageId === payment.messageId &&
      (report.originalUetr ?? payment.uetr) === payment.uetr;
    const notApplied = replies.flatMap((reply) =>
      'unreadable' in reply
        ? [`a reply that cannot be read (${reply.unreadable.slice(0, 200)})`]
        : aboutThis(reply.report)
          ? []
          : [`a reply about message ${reply.report.originalMessageId.slice(0, 35)}`],
    );
    const detail =
      notApplied.length === 0
        ? change.detail
        : `${change.detail}; not applied: ${notApplied.join('; ')}`.slice(0, 1000);
    return inLedgerTransaction(deps, async (trx) => {
      const locked = await findOutboundPayment(trx, organisationId, paymentId, true);
      if (locked === undefined) {
        throw notFound(paymentId);
      }
      const now = deps.now();
      const submitted = change.kind === 'submitted';
      if (locked.status !== 'prepared') {
        // Another submission got there first; its outcome stands.
        return { payment: locked, events: await listOutboundEvents(trx, locked.id) };
      }
      await updateOutboundPayment(trx, locked.id, ['prepared'], {
        status: submitted ? 'submitted' : 'prepared',
        transportState: state,
        ...(change.reference === undefined ? {} : { transportReference: change.reference }),
        at: now,
      });
      await insertOutboundEvent(trx, {
        paymentId: locked.id,
        kind: change.kind,
        status: submitted ? 'submitted' : 'prepared',
        isoStatus: null,
        reasonCode: null,
        detail,
        statusMessageId: null,
        statusXml: null,
        transferId: null,
        byLabel: label,
        at: now,
      });
      let current: OutboundPayment = { ...locked, status: submitted ? 'submitted' : 'prepared' };
      for (const reply of replies) {
        if ('unreadable' in reply || !aboutThis(reply.report)) {
          continue;
        }
        if ((await findStatusEvent(trx, locked.id, reply.report.messageId)) === undefined) {
          current = await applyStatus(trx, deps, current, reply.report, reply.xml, reply.byLabel);
        }
      }
      await ctx.audit(trx, {
        organisationId,
        object: { type: 'outbound_payment', id: locked.id },
        detail: { submission: change.kind, transport: state, status: current.status },
      });
      const fresh = await findOutboundPayment(trx, organisationId, paymentId);
      return { payment: fresh ?? current, events: await listOutboundEvents(trx, locked.id) };
    });
  };

  if (via === 'manual') {
    return record({ kind: 'submitted', detail: 'delivered to the rail by the operator' }, 'manual');
  }
  const rail = rails[payment.rail];
  const transport =
    payment.rail === 'sandbox' ? undefined : transportOf(railsSettingsOf(deps).transports[payment.rail]);
  let submission: Submission;
  try {
    submission = await rail.submit(messageOf(payment), transport, deps.now());
  } catch (error) {
    if (error instanceof AppError && error.code === 'payments.rail_transport_failed') {
      return record({ kind: 'transport_failed', detail: error.message.slice(0, 1000) }, 'failed');
    }
    throw error;
  }
  switch (submission.kind) {
    case 'in_process':
      return record(
        { kind: 'submitted', detail: 'sent to the sandbox bank' },
        'in_process',
        submission.statusXml.map((xml) => ({ xml, byLabel: SANDBOX_LABEL })),
      );
    case 'delivered':
      return record(
        {
          kind: 'submitted',
          detail: `delivered by ${submission.transport}`,
          reference: submission.reference,
        },
        'delivered',
        submission.statusXml.map((xml) => ({ xml, byLabel: `${payment.rail} gateway` })),
      );
    case 'not_configured':
      if (via === 'transport') {
        throw refused(
          'payments.rail_transport_missing',
          `No transport is configured for the ${payment.rail} rail: download the message, deliver it yourself and record that.`,
          undefined,
          { rail: payment.rail },
        );
      }
      return record(
        { kind: 'not_sent', detail: `no transport is configured for the ${payment.rail} rail` },
        'not_configured',
      );
  }
};
