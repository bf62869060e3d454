import type { PaymentsDeps } from '../deps.ts';
import { type Entry, listEntries as listEntryRows } from '../repository.ts';
import { getAccount } from './get-account.ts';

/** A page of the account's statement in posting order; `cursor` is the last account version seen. */
export const listEntries = async (
  deps: PaymentsDeps,
  organisationId: string,
  accountId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ currency: string; items: Entry[]; nextCursor: string | null }> => {
  const account = await getAccount(deps, organisationId, accountId);
  const afterVersion =
    page.cursor !== undefined && /^\d{1,19}$/.test(page.cursor) ? BigInt(page.cursor) : undefined;
  const items = await listEntryRows(deps.db.kysely, accountId, {
    limit: page.limit + 1,
    ...(afterVersion === undefined ? {} : { afterVersion }),
  });
  const more = items.length > page.limit;
  const shown = more ? items.slice(0, page.limit) : items;
  return {
    currency: account.currency,
    items: shown,
    nextCursor: more ? (shown.at(-1)?.accountVersion.toString() ?? null) : null,
  };
};
