// The CBEC buyer quota ledger: CNY 26,000 per person per calendar year, reserved at inventory
// acceptance, consumed at release, given back on cancellation or return. Each use case comes
// in two forms: `xIn(trx, deps, …)` inside the caller's transaction, and `x(deps, …)` in its own.
export {
  type AdmitParcelInput,
  type AdmitParcelResult,
  admitParcelIn,
  type ParcelQuotaClaim,
} from './admit-parcel.ts';
export { consumeQuota, consumeQuotaIn } from './consume-quota.ts';
export { QUOTA_ERROR_STATUS, type QuotaDeps, quotaYearOf, REFUND_WINDOW_DAYS } from './deps.ts';
export type { FollowUpInput, FollowUpKind, QuotaMovement } from './follow-up.ts';
export { type BuyerQuota, type QuotaEntry, quotaOf, quotaOfIn } from './quota-of.ts';
export { refundQuota, refundQuotaIn } from './refund-quota.ts';
export { releaseQuotaReservation, releaseQuotaReservationIn } from './release-quota-reservation.ts';
export type { QuotaEntryKind } from './repository.ts';
export {
  type ReserveQuotaInput,
  type ReserveQuotaResult,
  reserveQuota,
  reserveQuotaIn,
} from './reserve-quota.ts';
