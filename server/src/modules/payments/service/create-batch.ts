import { newId } from '@tradehub/kernel';
import type { PaymentsDeps } from '../deps.ts';
import type { WriteContext } from './context.ts';
import { moveSpecOf, type TransferInput } from './create-transfer.ts';
import { inLedgerTransaction } from './ledger-transaction.ts';
import { inBatch, type Posted, postTransfers } from './posting.ts';

/**
 * Linked transfers: all commit in one transaction or none does. The first refusal rolls the batch
 * back and names its index (`errors[0].field` is `transfers.<index>…`). Items already posted
 * under their ids with the same request replay.
 */
export const createBatch = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  organisationId: string,
  inputs: readonly TransferInput[],
): Promise<Posted[]> => {
  const now = deps.now();
  const specs = inputs.map((input, index) => {
    try {
      return moveSpecOf(input, now);
    } catch (error) {
      // Bad input is reported with its index like any other refusal in a batch.
      throw inBatch(index, error);
    }
  });
  const batchId = newId('bat');
  return inLedgerTransaction(deps, async (trx) => {
    const posted = await postTransfers(trx, { organisationId, now, batchId }, specs);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'transfer_batch', id: posted.find((p) => !p.replayed)?.transfer.batchId ?? batchId },
      detail: { transfers: posted.length, replayed: posted.filter((p) => p.replayed).length },
    });
    return posted;
  });
};
