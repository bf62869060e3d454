import type { PaymentsDeps } from '../deps.ts';
import { findAccount, findResolutions, findTransfer, type Transfer } from '../repository.ts';
import { refused } from './context.ts';
import type { PendingStatus } from './presenters.ts';

/** A transfer, seen by an organisation owning one of its two accounts; a pending one with its status. */
export const getTransfer = async (
  deps: PaymentsDeps,
  organisationId: string,
  transferId: string,
): Promise<{ transfer: Transfer; status?: PendingStatus }> => {
  const ex = deps.db.kysely;
  const transfer = await findTransfer(ex, transferId);
  const owners =
    transfer === undefined
      ? []
      : await Promise.all([
          findAccount(ex, transfer.debitAccountId),
          findAccount(ex, transfer.creditAccountId),
        ]);
  if (transfer === undefined || !owners.some((account) => account?.organisationId === organisationId)) {
    throw refused('payments.transfer_not_found', `No transfer ${transferId}.`);
  }
  if (transfer.kind !== 'pending') {
    return { transfer };
  }
  const resolution = (await findResolutions(ex, [transfer.id])).get(transfer.id);
  const status: PendingStatus =
    resolution === undefined
      ? 'pending'
      : resolution.kind === 'post'
        ? 'posted'
        : resolution.kind === 'void'
          ? 'voided'
          : 'expired';
  return { transfer, status };
};
