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
  'payments.account_closed': 409,
  'payments.not_pending': 409,
  'payments.pending_already_resolved': 409,
  'payments.pending_expired': 409,
  'payments.already_reversed': 409,
  'payments.account_exists': 409,
  // The same transfer id with another request body.
  'payments.idempotency_conflict': 409,
  // Overdrafts, liquidity and FX quotes are a bank's or payment institution's to give.
  'payments.not_a_financial_institution': 403,
} as const satisfies Record<string, number>;

export type PaymentsErrorCode = keyof typeof paymentsErrorStatuses;
