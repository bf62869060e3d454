import {
  ORDER_DOCUMENT_KINDS,
  type OrderAction,
  type OrderDocumentKind,
  type OrderStatus,
  type OrderView,
} from '../../api/orders.ts';

// What the order page offers to the organisation looking at it. This mirrors the server's state
// machine only to decide which buttons to show; the server decides, and a refusal (409 with the
// current state, 403 for the wrong party) is shown as it comes.

/** Actions either party may take in a state, before asking whose move it is. */
const BY_STATUS: Record<OrderStatus, readonly OrderAction[]> = {
  draft: ['offer', 'cancel'],
  offered: ['accept', 'reject', 'counter', 'cancel'],
  countered: ['accept', 'reject', 'counter', 'cancel'],
  accepted: ['start_fulfilment', 'cancel'],
  in_fulfilment: ['complete'],
  rejected: [],
  completed: [],
  cancelled: [],
};

/** Answers to an offer: only the party the offer awaits may give them. */
const RESPONSES: readonly OrderAction[] = ['accept', 'reject', 'counter'];
/** Running the contract is the seller's part. */
const SELLER_ONLY: readonly OrderAction[] = ['start_fulfilment', 'complete'];

export type OrderForActions = Pick<
  OrderView,
  'status' | 'myRole' | 'createdByOrganisationId' | 'awaitingOrganisationId'
>;

export const allowedActions = (order: OrderForActions, orgId: string): OrderAction[] => {
  // A forwarder, broker or bank the order was shared with reads it; it takes no part in it.
  if (order.myRole === 'shared') {
    return [];
  }
  return BY_STATUS[order.status].filter((action) => {
    if (action === 'offer') {
      return order.createdByOrganisationId === orgId;
    }
    if (RESPONSES.includes(action)) {
      return order.awaitingOrganisationId === orgId;
    }
    if (SELLER_ONLY.includes(action)) {
      return order.myRole === 'seller';
    }
    return true;
  });
};

/** Only the creator edits a draft; later changes travel as counter-offers. */
export const canEdit = (order: OrderForActions, orgId: string): boolean =>
  order.status === 'draft' && order.myRole !== 'shared' && order.createdByOrganisationId === orgId;

/** Actions whose confirmation asks for a note (kept in the history). */
export const needsNote = (action: OrderAction): boolean => action === 'cancel' || action === 'reject';

// A contract and a proforma invoice are what a buyer asks for while still deciding; shipping and
// payment documents exist only for an agreed order (the server's rule, mirrored for the picker).
const NEGOTIATING: readonly OrderStatus[] = ['offered', 'countered'];
const AGREED: readonly OrderStatus[] = ['accepted', 'in_fulfilment', 'completed'];

/** Document kinds the seller may issue from the order now; none for anyone else. */
export const issuableKinds = (order: Pick<OrderView, 'status' | 'myRole'>): OrderDocumentKind[] => {
  if (order.myRole !== 'seller') {
    return [];
  }
  if (AGREED.includes(order.status)) {
    return [...ORDER_DOCUMENT_KINDS];
  }
  return NEGOTIATING.includes(order.status) ? ['sales_contract', 'proforma_invoice'] : [];
};

/** Both parties may bring in a forwarder, broker or bank; a shared party may not pass it on. */
export const canShare = (order: Pick<OrderView, 'status' | 'myRole'>): boolean =>
  order.myRole !== 'shared' && order.status !== 'cancelled' && order.status !== 'rejected';

/** Whose move it is, relative to the viewer. */
export const whoseMove = (
  order: Pick<OrderView, 'awaitingOrganisationId'>,
  orgId: string,
): 'mine' | 'theirs' | 'nobody' =>
  order.awaitingOrganisationId === null
    ? 'nobody'
    : order.awaitingOrganisationId === orgId
      ? 'mine'
      : 'theirs';
