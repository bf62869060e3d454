import type { Executor } from '../../../platform/access/index.ts';
import type { QuotaDeps } from './deps.ts';
import { appendFollowUpIn, type FollowUpInput, type QuotaMovement } from './follow-up.ts';

/**
 * Gives back an open reservation: the inventory was refused, cancelled or withdrawn before
 * release. Idempotent; after release use refundQuota instead.
 */
export const releaseQuotaReservationIn = (
  trx: Executor,
  deps: Pick<QuotaDeps, 'now'>,
  input: FollowUpInput,
): Promise<QuotaMovement> => appendFollowUpIn(trx, deps, 'release_reservation', input);

/** releaseQuotaReservationIn in a transaction of its own. */
export const releaseQuotaReservation = (deps: QuotaDeps, input: FollowUpInput): Promise<QuotaMovement> =>
  deps.db.transaction((trx) => releaseQuotaReservationIn(trx, deps, input));
