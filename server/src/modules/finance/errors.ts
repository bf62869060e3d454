/** Error codes of the finance module and the HTTP status each maps to. */
export const financeErrorStatuses = {
  // Only banks, payment institutions and insurers finance invoices, so only they use the registry.
  'finance.not_a_financier': 403,
  // Another registration (the caller's own or another financier's) holds the same invoice, or the
  // same seller and invoice number: nothing else about it is said.
  'finance.already_financed': 409,
  // Unknown, or another financier's: the answer is the same, so ids reveal nothing.
  'finance.registration_not_found': 404,
  'finance.registration_not_active': 409,
} as const satisfies Record<string, number>;

export type FinanceErrorCode = keyof typeof financeErrorStatuses;

/** Field error codes the module puts in a problem's `errors`, beyond the kernel's. */
export const financeFieldErrorCodes = [
  'finance.amount_not_positive',
  'finance.same_party',
  'finance.currency_mismatch',
  'finance.financed_exceeds_face',
  'finance.expiry_not_after_now',
] as const;
