import { idTimestampMs } from '@tradehub/kernel';
import type { CreditDeps } from '../deps.ts';
import { type CreditFacts, WINDOW_MONTHS, wholeMonthsBetween } from '../domain/scorecard.ts';
import { financingRecord } from '../repository-credit.ts';

/** `date` moved back by whole calendar months (UTC), clamped to the month's last day. */
const monthsBefore = (date: Date, months: number): Date => {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  target.setUTCHours(
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
  return target;
};

/**
 * Reads the facts of a score from the records the hub holds: nothing the organisation declared
 * about itself. Orders count only when both parties walked them through the trade lifecycle,
 * escrows only as the ledger settled them, financing only as the ledger repaid it.
 */
export const gatherFacts = async (
  deps: CreditDeps,
  organisationId: string,
  asOf: Date,
): Promise<CreditFacts> => {
  const since = monthsBefore(asOf, WINDOW_MONTHS);
  const orders = (await deps.concludedOrders(organisationId, since)).filter(
    (order) => order.concludedAt >= since && order.concludedAt <= asOf,
  );
  const completed = orders.filter((order) => order.status === 'completed');
  const counterparties = new Set<string>();
  for (const order of completed) {
    const other =
      order.sellerOrganisationId === organisationId ? order.buyerOrganisationId : order.sellerOrganisationId;
    if (other !== null && other !== organisationId) {
      counterparties.add(other);
    }
  }
  const settlements = { releasedAsBuyer: 0, split: 0, refundedAsSeller: 0 };
  // One escrow at most per order; the ones still funded have not settled and do not count.
  for (const order of orders) {
    const escrow = await deps.escrowOf(order.id);
    if (escrow === undefined) {
      continue;
    }
    const asBuyer = escrow.buyerOrganisationId === organisationId;
    const asSeller = escrow.sellerOrganisationId === organisationId;
    if (escrow.status === 'released' && asBuyer) {
      settlements.releasedAsBuyer += 1;
    } else if (escrow.status === 'split' && (asBuyer || asSeller)) {
      settlements.split += 1;
    } else if (escrow.status === 'refunded' && asSeller) {
      settlements.refundedAsSeller += 1;
    }
  }
  // Organisation ids are time-sortable: their timestamp is when identity registered it.
  const registeredAt = new Date(idTimestampMs(organisationId));
  const financing = await financingRecord(deps.db.kysely, organisationId, asOf);
  return {
    asOf: asOf.toISOString(),
    windowMonths: WINDOW_MONTHS,
    orders: {
      completed: completed.length,
      cancelled: orders.length - completed.length,
      counterparties: counterparties.size,
    },
    settlements,
    tenure: { registeredAt: registeredAt.toISOString(), months: wholeMonthsBetween(registeredAt, asOf) },
    financing,
    // No disputes module yet: the hook is here, and the explanation says nothing was recorded.
    disputes: { recorded: false, lost: 0 },
  };
};
