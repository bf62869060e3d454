/** Error codes of the trade module and the HTTP status each maps to. */
export const tradeErrorStatuses = {
  'trade.order_not_found': 404,
  // The lifecycle does not allow the action in the order's status; the problem carries `currentStatus`.
  'trade.transition_not_allowed': 409,
  // The action is allowed, but it is the other party's (or the seller's) to take.
  'trade.not_your_move': 403,
  // A forwarder, broker or bank the order is shared with reads it and acts on nothing.
  'trade.not_a_party': 403,
  // The write named a version someone else has already changed; the problem carries `currentVersion`.
  'trade.version_conflict': 409,
  'trade.not_editable': 409,
  'trade.invitation_not_found': 404,
  'trade.share_not_found': 404,
  'trade.invitation_claimed': 409,
  'trade.document_not_found': 404,
  'trade.document_not_issuable': 409,
  'trade.no_order_response': 409,
  'trade.not_an_invoice': 409,
} as const satisfies Record<string, number>;

export type TradeErrorCode = keyof typeof tradeErrorStatuses;

/** Field error codes the module puts in a problem's `errors`, beyond the kernel's. */
export const tradeFieldErrorCodes = [
  'trade.currency_mismatch',
  'trade.quantity_not_positive',
  'trade.negative_price',
  'trade.total_mismatch',
  'trade.duplicate_line_number',
  'trade.delivery_before_issue',
  'trade.unknown_organisation',
  'trade.not_a_party_of_content',
  'trade.buyer_contact_required',
  'trade.same_organisation',
  'trade.parties_changed',
  'trade.not_this_order',
  // Raised by the UBL / Peppol converters in ./formats.
  'trade.not_ubl_document',
  'trade.peppol_endpoint_missing',
  'trade.peppol_currency_decimals',
  'trade.due_before_issue',
  // Raised by UBL import: a completion that contradicts the file, or names a line it lacks; an
  // OrderResponse for another order, or an acceptance (AP) with other terms.
  'trade.completion_conflict',
  'trade.unknown_line',
  'trade.reference_mismatch',
  'trade.terms_differ',
] as const;
