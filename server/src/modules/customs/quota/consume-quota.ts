import type { Executor } from '../../../platform/access/index.ts';
import type { QuotaDeps } from './deps.ts';
import { appendFollowUpIn, type FollowUpInput, type QuotaMovement } from './follow-up.ts';

/**
 * Confirms an inventory's reservation at release (CEB622 release / 放行): the reserved amount
 * becomes used. Idempotent; refused when the reservation was released or never made.
 */
export const consumeQuotaIn = (
  trx: Executor,
  deps: Pick<QuotaDeps, 'now'>,
  input: FollowUpInput,
): Promise<QuotaMovement> => appendFollowUpIn(trx, deps, 'consume', input);

/** consumeQuotaIn in a transaction of its own. */
export const consumeQuota = (deps: QuotaDeps, input: FollowUpInput): Promise<QuotaMovement> =>
  deps.db.transaction((trx) => consumeQuotaIn(trx, deps, input));
