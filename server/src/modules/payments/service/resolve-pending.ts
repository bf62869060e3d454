import type { PaymentsDeps } from '../deps.ts';
import { parseAmountMinor } from '../domain/amount.ts';
import { isHeldByEscrow } from '../escrow-repository.ts';
import { findAccount, findTransfer } from '../repository.ts';
import { refused, type WriteContext } from './context.ts';
import { expirePendingTransfers } from './expire-pending-transfers.ts';
import { inLedgerTransaction } from './ledger-transaction.ts';
import { type Posted, postTransfers, requestHashOf } from './posting.ts';

export type ResolveInput = {
  /** The client's id for the post or void transfer: its idempotency key. */
  id: string;
  /** Post only: how much of the reservation to post (the rest is released); all of it by default. */
  amount?: string;
  reference?: string;
};

/**
 * Posts or voids a pending transfer, exactly once. A pending transfer past its deadline is
 * expired on the spot (committed) and the request refused with `payments.pending_expired`.
 */
export const resolvePending = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  organisationId: string,
  pendingId: string,
  op: 'post' | 'void',
  input: ResolveInput,
): Promise<Posted> => {
  const now = deps.now();
  const pending = await findTransfer(deps.db.kysely, pendingId);
  if (pending === undefined) {
    throw refused('payments.transfer_not_found', `No transfer ${pendingId}.`);
  }
  const amountMinor =
    op === 'post' && input.amount !== undefined
      ? parseAmountMinor(input.amount, pending.currency)
      : undefined;
  if (pending.kind === 'pending' && pending.expiresAt !== null && pending.expiresAt <= now) {
    await expirePendingTransfers(deps, now, 1, [pending.id]);
  }
  return inLedgerTransaction(deps, async (trx) => {
    // An escrow's reservation resolves only through the escrow, by whom its terms allow: the
    // buyer voiding it here would take the money back behind the seller's back. The escrow row
    // commits with its pending transfer, so whoever sees the transfer sees the escrow.
    // Anyone else is told the transfer does not exist, by the posting below.
    const owners = await Promise.all(
      [pending.debitAccountId, pending.creditAccountId].map(
        async (id) => (await findAccount(trx, id))?.organisationId,
      ),
    );
    if (owners.includes(organisationId) && (await isHeldByEscrow(trx, pendingId))) {
      throw refused(
        'payments.escrow_held',
        `Transfer ${pendingId} holds an order's escrow: release, refund or split it through the order.`,
      );
    }
    const [posted] = await postTransfers(trx, { organisationId, now }, [
      {
        op,
        clientId: input.id,
        pendingId,
        ...(amountMinor === undefined ? {} : { amountMinor }),
        reference: input.reference ?? null,
        requestHash: requestHashOf({
          op,
          pendingId,
          amountMinor: amountMinor?.toString() ?? null,
          reference: input.reference ?? null,
        }),
      },
    ]);
    if (posted === undefined) {
      throw new Error('postTransfers returned no result');
    }
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'transfer', id: posted.transfer.id },
      detail: { kind: op, pendingId, replayed: posted.replayed },
    });
    return posted;
  });
};
