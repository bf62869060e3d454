import { AppError } from '@tradehub/kernel';
import type { PaymentsDeps } from '../deps.ts';
import { findAccount, findTransfer } from '../repository.ts';
import { refused, type WriteContext } from './context.ts';
import { inLedgerTransaction } from './ledger-transaction.ts';
import { type Posted, postTransfers, requestHashOf } from './posting.ts';

/**
 * Corrects a posted transfer with a new one in the other direction: transfers are never changed.
 * The payee sends the money back, so the organisation owning the original credit account asks;
 * a transfer is reversed at most once (a unique index).
 */
export const reverseTransfer = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  organisationId: string,
  transferId: string,
  input: { id: string; reference?: string },
): Promise<Posted> => {
  const now = deps.now();
  const ex = deps.db.kysely;
  const original = await findTransfer(ex, transferId);
  const [debit, credit] =
    original === undefined
      ? []
      : await Promise.all([
          findAccount(ex, original.debitAccountId),
          findAccount(ex, original.creditAccountId),
        ]);
  if (
    original === undefined ||
    (debit?.organisationId !== organisationId && credit?.organisationId !== organisationId)
  ) {
    throw refused('payments.transfer_not_found', `No transfer ${transferId}.`);
  }
  if (credit?.organisationId !== organisationId) {
    throw new AppError('http.forbidden', 'Only the payee reverses a transfer: it sends the money back.');
  }
  if (original.kind !== 'single' && original.kind !== 'post') {
    throw refused(
      'payments.not_reversible',
      'Only posted money is reversed; void a pending transfer instead.',
    );
  }
  return inLedgerTransaction(deps, async (trx) => {
    const [posted] = await postTransfers(trx, { organisationId, now }, [
      {
        op: 'single',
        clientId: input.id,
        debitAccountId: original.creditAccountId,
        creditAccountId: original.debitAccountId,
        amountMinor: original.amountMinor,
        currency: original.currency,
        reversesId: original.id,
        reference: input.reference ?? null,
        requestHash: requestHashOf({
          op: 'reverse',
          transferId: original.id,
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
      detail: { kind: 'reversal', reverses: original.id, replayed: posted.replayed },
    });
    return posted;
  });
};
