/** Error codes of the payments module and the HTTP status each maps to. */
export const paymentsErrorStatuses = {
  // Bad input: nothing was looked at, nothing moved.
  'payments.invalid_amount': 400,
  'payments.amount_not_positive': 400,
  'payments.too_many_decimals': 400,
  'payments.unknown_currency': 400,
  'payments.invalid_rate': 400,
  'payments.same_account': 400,
  'payments.duplicate_id': 400,
  // Accounts and transfers another organisation holds answer as if they did not exist.
  'payments.account_not_found': 404,
  'payments.transfer_not_found': 404,
  'payments.quote_not_found': 404,
  // Money rules: the request was understood and refused.
  'payments.quote_required': 422,
  'payments.quote_expired': 422,
  'payments.currency_mismatch': 422,
  'payments.exceeds_credit_limit': 422,
  'payments.exceeds_debit_limit': 422,
  'payments.exceeds_pending_amount': 422,
  'payments.amount_too_small': 422,
  'payments.not_reversible': 422,
  // A balance would pass what the ledger's integers hold (about 9.2 x 10^18 minor units).
  'payments.balance_out_of_range': 422,
  'payments.account_closed': 409,
  'payments.not_pending': 409,
  'payments.pending_already_resolved': 409,
  'payments.pending_expired': 409,
  'payments.already_reversed': 409,
  'payments.account_exists': 409,
  // The same transfer id with another request body.
  'payments.idempotency_conflict': 409,
  // Order escrow: the order has one already, it was resolved already, its reservation posted or
  // voided outside the escrow, a split that is not a part, a seller with no account in the currency.
  'payments.escrow_not_found': 404,
  'payments.escrow_exists': 409,
  'payments.escrow_settled': 409,
  'payments.escrow_held': 409,
  'payments.escrow_payee_account_missing': 409,
  'payments.escrow_invalid_split': 422,
  // Outbound payments over a rail: a rail that does not carry the currency on the route, a status
  // report that does not fit the payment's state or is about another message, no transport.
  'payments.outbound_not_found': 404,
  'payments.rail_unsupported': 422,
  'payments.status_mismatch': 422,
  'payments.outbound_illegal_transition': 409,
  'payments.rail_transport_missing': 409,
  'payments.rail_transport_failed': 502,
  // An in-transit account, or a transfer into one, moves only by the rail's answer.
  'payments.rail_held': 409,
  // Overdrafts, liquidity and FX quotes are a bank's or payment institution's to give.
  'payments.not_a_financial_institution': 403,
} as const satisfies Record<string, number>;

export type PaymentsErrorCode = keyof typeof paymentsErrorStatuses;
