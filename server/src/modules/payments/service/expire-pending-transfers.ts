import type { PaymentsDeps } from '../deps.ts';
import { findResolutions, lockAccounts, lockDuePendingTransfers } from '../repository.ts';
import { inLedgerTransaction } from './ledger-transaction.ts';
import { postTransfers, requestHashOf } from './posting.ts';

/**
 * Expires up to `limit` pending transfers whose deadline has passed, releasing their
 * reservations; returns how many. Several sweepers may run at once: SKIP LOCKED splits the work.
 * `onlyIds` narrows it to given pending transfers (a post or void that meets an expired one).
 */
export const expirePendingTransfers = async (
  deps: PaymentsDeps,
  now: Date,
  limit: number,
  onlyIds?: readonly string[],
): Promise<number> =>
  inLedgerTransaction(deps, async (trx) => {
    const due = await lockDuePendingTransfers(trx, now, limit, onlyIds);
    if (due.length === 0) {
      return 0;
    }
    await lockAccounts(
      trx,
      due.flatMap((t) => [t.debitAccountId, t.creditAccountId]),
    );
    // A post or void may have committed between the scan and the account locks.
    const resolved = await findResolutions(
      trx,
      due.map((t) => t.id),
    );
    let expired = 0;
    for (const pending of due.filter((t) => !resolved.has(t.id))) {
      await postTransfers(trx, { organisationId: pending.organisationId, now, system: true }, [
        {
          op: 'expire',
          // '#' never appears in a client's id, so this cannot collide with one.
          clientId: `#expire:${pending.id}`,
          pendingId: pending.id,
          requestHash: requestHashOf({ op: 'expire', pendingId: pending.id }),
        },
      ]);
      expired += 1;
    }
    return expired;
  });
