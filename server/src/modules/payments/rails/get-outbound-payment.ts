import type { PaymentsDeps } from '../deps.ts';
import type { OutboundRecord } from './outbound-json.ts';
import { notFound } from './receive-payment-status.ts';
import {
  findOutboundPayment,
  listOutboundEvents,
  listOutboundPayments,
  type OutboundPayment,
  type OutboundStatus,
} from './repository.ts';

/** One of the organisation's outbound payments with its timeline (404 for anyone else's). */
export const getOutboundPayment = async (
  deps: PaymentsDeps,
  organisationId: string,
  paymentId: string,
): Promise<OutboundRecord> => {
  const payment = await findOutboundPayment(deps.db.kysely, organisationId, paymentId);
  if (payment === undefined) {
    throw notFound(paymentId);
  }
  return { payment, events: await listOutboundEvents(deps.db.kysely, payment.id) };
};

/** The organisation's outbound payments, newest first. */
export const listOutbound = (
  deps: PaymentsDeps,
  organisationId: string,
  options: { status?: OutboundStatus; limit: number },
): Promise<OutboundPayment[]> => listOutboundPayments(deps.db.kysely, organisationId, options);
