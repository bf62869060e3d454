/** Error codes of the order-escrow flow and the HTTP status each maps to. */
export const orderEscrowErrorStatuses = {
  // The order has no escrow (yet).
  'escrow.not_found': 404,
  // Only the order's buyer funds it, and only once the order is agreed.
  'escrow.buyer_only': 403,
  'escrow.order_not_fundable': 409,
  // The release date is required with the date trigger and may not lie in the past.
  'escrow.release_on_required': 400,
  'escrow.release_on_past': 422,
  // A mediator must be a mediation or arbitration body the order is shared with.
  'escrow.invalid_mediator': 422,
  'escrow.release_not_allowed': 403,
  'escrow.refund_not_allowed': 403,
  'escrow.mediator_only': 403,
} as const satisfies Record<string, number>;

export type OrderEscrowErrorCode = keyof typeof orderEscrowErrorStatuses;
