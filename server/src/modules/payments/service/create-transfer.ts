import type { PaymentsDeps } from '../deps.ts';
import { parseAmountMinor } from '../domain/amount.ts';
import type { WriteContext } from './context.ts';
import { inLedgerTransaction } from './ledger-transaction.ts';
import { type MoveSpec, type Posted, postMove, requestHashOf } from './posting.ts';

export type TransferInput = {
  /** The client's id for this transfer: its idempotency key within the organisation. */
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: string;
  currency: string;
  /** Reserve instead of posting: the transfer waits for post or void, or expires. */
  pending?: boolean;
  timeoutSeconds?: number;
  reference?: string;
};

/** Validates one transfer request and fingerprints it (amounts normalised, so "1.5" = "1.50"). */
export const moveSpecOf = (input: TransferInput, now: Date): MoveSpec => {
  const amountMinor = parseAmountMinor(input.amount, input.currency);
  const op = input.pending === true ? 'pending' : 'single';
  const timeoutSeconds = op === 'pending' ? (input.timeoutSeconds ?? null) : null;
  return {
    op,
    clientId: input.id,
    debitAccountId: input.debitAccountId,
    creditAccountId: input.creditAccountId,
    amountMinor,
    currency: input.currency,
    expiresAt: timeoutSeconds === null ? null : new Date(now.getTime() + timeoutSeconds * 1000),
    reference: input.reference ?? null,
    requestHash: requestHashOf({
      op,
      debitAccountId: input.debitAccountId,
      creditAccountId: input.creditAccountId,
      amountMinor: amountMinor.toString(),
      currency: input.currency,
      timeoutSeconds,
      reference: input.reference ?? null,
    }),
  };
};

/**
 * Posts (or reserves) one transfer whose debit account belongs to the organisation. Replaying
 * the same id with the same request answers the first transfer with `replayed: true`.
 */
export const createTransfer = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  organisationId: string,
  input: TransferInput,
): Promise<Posted> => {
  const now = deps.now();
  const spec = moveSpecOf(input, now);
  return inLedgerTransaction(deps, async (trx) => {
    const posted = await postMove(trx, { organisationId, now }, spec);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'transfer', id: posted.transfer.id },
      detail: { kind: posted.transfer.kind, replayed: posted.replayed },
    });
    return posted;
  });
};
