import type { PaymentsDeps } from '../deps.ts';
import { findTransfer } from '../repository.ts';
import { refused } from '../service/context.ts';

// An in-transit account mirrors money that has left (or is leaving) the hub over a rail: only the
// rail's own postings may touch it. It carries its own id prefix, so the HTTP entry points refuse
// it with one string comparison and no read; its code is in a namespace clients cannot open.

export const RAIL_ACCOUNT_PREFIX = 'acr';
export const RAIL_ACCOUNT_CODE_PREFIX = '#rail:';

export const isRailAccount = (accountId: string | undefined | null): boolean =>
  accountId?.startsWith(`${RAIL_ACCOUNT_PREFIX}_`) === true;

const railHeld = (field: string | undefined) =>
  refused(
    'payments.rail_held',
    "This account or transfer belongs to an outbound payment: only the rail's answer moves it.",
    field,
  );

/** Refuses a request that names an in-transit account in any of `fields`. */
export const refuseRailAccounts = (fields: Record<string, string | undefined>): void => {
  for (const [field, accountId] of Object.entries(fields)) {
    if (isRailAccount(accountId)) {
      throw railHeld(field);
    }
  }
};

/** Refuses resolving or reversing a transfer into or out of an in-transit account. */
export const refuseRailTransfer = (transfer: { debitAccountId: string; creditAccountId: string }): void => {
  if (isRailAccount(transfer.debitAccountId) || isRailAccount(transfer.creditAccountId)) {
    throw railHeld(undefined);
  }
};

/**
 * Refuses resolving or reversing the transfer `transferId` when it touches an in-transit account;
 * an unknown one, or another organisation's, is left to the use case, which answers as always.
 */
export const refuseRailTransferId = async (
  deps: PaymentsDeps,
  organisationId: string,
  transferId: string,
): Promise<void> => {
  const transfer = await findTransfer(deps.db.kysely, transferId);
  // Only the payer's own rail transfers: anyone else's is left to answer "not found" as before.
  if (transfer !== undefined && transfer.organisationId === organisationId) {
    refuseRailTransfer(transfer);
  }
};

/** Refuses an account code in the rails' namespace. */
export const refuseRailAccountCode = (code: string): void => {
  if (code.startsWith(RAIL_ACCOUNT_CODE_PREFIX)) {
    throw refused('payments.rail_held', 'Account codes starting with #rail: are kept for the rails.', 'code');
  }
};
