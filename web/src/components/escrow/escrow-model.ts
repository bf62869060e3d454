import type { Escrow, ReleaseTrigger } from '../../api/escrow.ts';
import type { OrderStatus } from '../../api/orders.ts';

/**
 * What the escrow panel offers one organisation. The server decides (docs/payments.md, "Order
 * escrow"); the panel only hides buttons the server would refuse, so a stale page still gets the
 * server's reason rather than a silent no.
 */
export type EscrowAction = 'fund' | 'release' | 'confirmDelivery' | 'refund' | 'split';

export type EscrowOrder = {
  status: OrderStatus;
  sellerOrganisationId: string;
  buyerOrganisationId: string | null;
};

const FUNDABLE: readonly OrderStatus[] = ['accepted', 'in_fulfilment'];
const ENDED: readonly OrderStatus[] = ['cancelled', 'rejected'];

export const escrowActions = (
  order: EscrowOrder,
  escrow: Pick<Escrow, 'status' | 'releaseTrigger' | 'mediatorOrganisationId'> | null,
  orgId: string,
): EscrowAction[] => {
  const isBuyer = order.buyerOrganisationId === orgId;
  const isSeller = order.sellerOrganisationId === orgId;
  if (escrow === null) {
    return isBuyer && FUNDABLE.includes(order.status) ? ['fund'] : [];
  }
  if (escrow.status !== 'funded') {
    return [];
  }
  if (isBuyer) {
    const release: EscrowAction = escrow.releaseTrigger === 'delivery' ? 'confirmDelivery' : 'release';
    return ENDED.includes(order.status) ? [release, 'refund'] : [release];
  }
  if (isSeller) {
    return ['refund'];
  }
  if (escrow.mediatorOrganisationId === orgId) {
    return ['release', 'refund', 'split'];
  }
  // A carrier the order is shared with confirms delivery; the server checks that it is one.
  return escrow.releaseTrigger === 'delivery' ? ['confirmDelivery'] : [];
};

/** The fund form's trigger fields as the API wants them: a date only with the date trigger. */
export const fundTerms = (
  trigger: ReleaseTrigger,
  releaseOn: string | undefined,
): { releaseTrigger: ReleaseTrigger; releaseOn?: string } =>
  trigger === 'date' && releaseOn ? { releaseTrigger: trigger, releaseOn } : { releaseTrigger: trigger };

/** Today in UTC as YYYY-MM-DD: the server refuses a release date before it. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);
