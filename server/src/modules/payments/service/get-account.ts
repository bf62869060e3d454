import type { PaymentsDeps } from '../deps.ts';
import { type Account, findAccount, listAccounts as listAccountRows } from '../repository.ts';
import { refused } from './context.ts';

/** The organisation's account; another organisation's answers as missing. */
export const getAccount = async (
  deps: PaymentsDeps,
  organisationId: string,
  accountId: string,
): Promise<Account> => {
  const account = await findAccount(deps.db.kysely, accountId);
  if (account === undefined || account.organisationId !== organisationId) {
    throw refused('payments.account_not_found', `No account ${accountId}.`);
  }
  return account;
};

/** Every account of the organisation, oldest first. */
export const listAccounts = (deps: PaymentsDeps, organisationId: string): Promise<Account[]> =>
  listAccountRows(deps.db.kysely, organisationId);
