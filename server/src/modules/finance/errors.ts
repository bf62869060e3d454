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
  // An IP pledge's registration follows its pledge: the bank releases the pledge in the IP
  // registry (expo), which releases the registration; releasing it here alone would free the right
  // for another bank while the pledge stands.
  'finance.registration_is_ip_pledge': 409,
  // Financing requests. Unknown, or neither made by nor shared with the caller: one answer.
  'finance.request_not_found': 404,
  // Not a document the requesting organisation issued (another's is answered like a missing one).
  'finance.invoice_not_found': 404,
  'finance.not_an_invoice': 422,
  'finance.invoice_unreadable': 422,
  // Revoked or suspended: the issuer has withdrawn the invoice's validity.
  'finance.invoice_not_active': 409,
  // Another request of the same invoice has an accepted offer or is disbursed.
  'finance.invoice_already_financed': 409,
  // Purchase orders: not an order the organisation sells (another's, one it is only the buyer of
  // or shared with, or none): one answer.
  'finance.order_not_found': 404,
  // Not agreed yet, completed, rejected or cancelled: `details.orderStatus` says which.
  'finance.order_not_financeable': 409,
  'finance.order_unreadable': 422,
  // The order's purchase order or one of its invoices has an accepted offer or is disbursed: one
  // receivable chain is financed once at a time.
  'finance.order_already_financed': 409,
  'finance.request_wrong_state': 409,
  'finance.exporter_only': 403,
  'finance.bank_only': 403,
  'finance.not_the_financier': 403,
  'finance.offer_not_found': 404,
  'finance.offer_not_open': 409,
  // Credit snapshots: unknown, or neither the caller's nor shared with it: one answer.
  'finance.credit_snapshot_not_found': 404,
  'finance.credit_share_not_financier': 422,
  // Credit insurance (insurance/): a policy, its limits and declarations are seen by the insurer
  // and the exporter only; to everyone else they do not exist.
  'finance.insurance_not_an_insurer': 403,
  'finance.insurance_insurer_only': 403,
  'finance.insurance_exporter_only': 403,
  'finance.insurance_policy_not_found': 404,
  'finance.insurance_limit_not_found': 404,
  'finance.insurance_declaration_not_found': 404,
  'finance.insurance_claim_not_found': 404,
  'finance.insurance_policy_number_taken': 409,
  'finance.insurance_limit_exists': 409,
  'finance.insurance_limit_wrong_state': 409,
  'finance.insurance_no_approved_limit': 409,
  'finance.insurance_limit_exceeded': 409,
  'finance.insurance_invoice_declared': 409,
  'finance.insurance_declaration_wrong_state': 409,
  'finance.insurance_claim_too_early': 409,
  'finance.insurance_claim_exists': 409,
  'finance.insurance_claim_wrong_state': 409,
} as const satisfies Record<string, number>;

export type FinanceErrorCode = keyof typeof financeErrorStatuses;

/** Field error codes the module puts in a problem's `errors`, beyond the kernel's. */
export const financeFieldErrorCodes = [
  'finance.credit_share_not_financier',
  'finance.amount_not_positive',
  'finance.same_party',
  'finance.currency_mismatch',
  'finance.financed_exceeds_face',
  'finance.expiry_not_after_now',
  'finance.requested_exceeds_invoice',
  'finance.requested_exceeds_order',
  'finance.one_subject',
  'finance.evidence_not_valid',
  'finance.not_a_bank',
  'finance.offer_exceeds_request',
  'finance.fee_not_below_amount',
  'finance.invalid_rate',
  'finance.offer_expiry_not_after_now',
  'finance.insurance_unknown_exporter',
  'finance.insurance_unknown_buyer',
  'finance.insurance_period_reversed',
  'finance.insurance_invalid_rate',
  'finance.insurance_invalid_percent',
  'finance.insurance_outside_policy_period',
  'finance.insurance_due_before_shipment',
  'finance.insurance_credit_period_too_long',
  'finance.insurance_not_a_reduction',
  'finance.insurance_outstanding_exceeds_invoice',
  'finance.insurance_invoice_evidence_missing',
] as const;
