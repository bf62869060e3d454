/**
 * The order lifecycle as one table: which party may do what in which state. Pure: the service
 * asks `transition` and either applies `next` or answers with the refusal.
 */
export const orderStatuses = [
  'draft',
  'offered',
  'accepted',
  'rejected',
  'countered',
  'in_fulfilment',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orderActions = [
  'offer',
  'accept',
  'reject',
  'counter',
  'start_fulfilment',
  'complete',
  'cancel',
] as const;
export type OrderAction = (typeof orderActions)[number];

/** The two sides of an order. A forwarder, broker or bank it is shared with is neither and acts on nothing. */
export type OrderSide = 'seller' | 'buyer';

export const otherSide = (side: OrderSide): OrderSide => (side === 'seller' ? 'buyer' : 'seller');

/**
 * What the machine needs to know beyond the status: who drafted the order (only they offer it)
 * and, while an offer or counter-offer is open, whose answer it awaits.
 */
export type OrderState = {
  status: OrderStatus;
  createdBy: OrderSide;
  awaiting: OrderSide | null;
};

/**
 * `not_allowed`: the status does not allow the action at all (409, with the current status);
 * `not_your_move`: the action is allowed now, but for the other party (403);
 * `seller_only`: fulfilment is the seller's to start and complete (403).
 */
export type Refusal = 'not_allowed' | 'not_your_move' | 'seller_only';

export type TransitionResult = { next: OrderState } | { refused: Refusal };

/** Terminal states: nothing moves an order out of them. */
export const terminalStatuses: readonly OrderStatus[] = ['rejected', 'completed', 'cancelled'];

/** Statuses from which either party may cancel (with a note). */
const cancellable: readonly OrderStatus[] = ['draft', 'offered', 'countered', 'accepted'];

const settled = (status: OrderStatus, state: OrderState): TransitionResult => ({
  next: { status, createdBy: state.createdBy, awaiting: null },
});

const answer = (state: OrderState, action: OrderAction, by: OrderSide): TransitionResult => {
  if (state.awaiting !== by) {
    return { refused: 'not_your_move' };
  }
  switch (action) {
    case 'accept':
      return settled('accepted', state);
    case 'reject':
      return settled('rejected', state);
    default:
      // A counter-offer is a new offer awaiting the party who made the previous one.
      return { next: { status: 'countered', createdBy: state.createdBy, awaiting: otherSide(by) } };
  }
};

/** The single rule of the lifecycle: the state after `by` does `action`, or why it is refused. */
export const transition = (state: OrderState, action: OrderAction, by: OrderSide): TransitionResult => {
  if (action === 'cancel') {
    return cancellable.includes(state.status) ? settled('cancelled', state) : { refused: 'not_allowed' };
  }
  switch (state.status) {
    case 'draft':
      if (action !== 'offer') {
        return { refused: 'not_allowed' };
      }
      return state.createdBy === by
        ? { next: { status: 'offered', createdBy: state.createdBy, awaiting: otherSide(by) } }
        : { refused: 'not_your_move' };
    case 'offered':
    case 'countered':
      return action === 'accept' || action === 'reject' || action === 'counter'
        ? answer(state, action, by)
        : { refused: 'not_allowed' };
    case 'accepted':
      if (action !== 'start_fulfilment') {
        return { refused: 'not_allowed' };
      }
      return by === 'seller' ? settled('in_fulfilment', state) : { refused: 'seller_only' };
    case 'in_fulfilment':
      if (action !== 'complete') {
        return { refused: 'not_allowed' };
      }
      return by === 'seller' ? settled('completed', state) : { refused: 'seller_only' };
    default:
      return { refused: 'not_allowed' };
  }
};

/** The actions `by` may take now: what the UI offers as buttons. */
export const allowedActions = (state: OrderState, by: OrderSide): OrderAction[] =>
  orderActions.filter((action) => 'next' in transition(state, action, by));
