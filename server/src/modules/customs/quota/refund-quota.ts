import type { Executor } from '../../../platform/access/index.ts';
import type { QuotaDeps } from './deps.ts';
import { appendFollowUpIn, type FollowUpInput, type QuotaMovement } from './follow-up.ts';

/**
 * Gives back a released parcel's quota after a CEB623 cancellation or a CEB625 return applied for
 * within 30 days of release (`input.at` is when it was applied for; the release time is that of
 * the consume entry). Idempotent; refused before release or after the window.
 */
export const refundQuotaIn = (
  trx: Executor,
  deps: Pick<QuotaDeps, 'now'>,
  input: FollowUpInput,
): Promise<QuotaMovement> => appendFollowUpIn(trx, deps, 'refund', input);

/** refundQuotaIn in a transaction of its own. */
export const refundQuota = (deps: QuotaDeps, input: FollowUpInput): Promise<QuotaMovement> =>
  deps.db.transaction((trx) => refundQuotaIn(trx, deps, input));
