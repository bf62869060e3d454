import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, seg } from './client.ts';

// The payments module's HTTP API (server/src/modules/payments/routes.ts; contract in
// docs/payments.md): the organisation's ledger accounts, their statements, and transfers. Every
// amount is a decimal string in the account's currency, never a JSON number.

export const ACCOUNT_KINDS = ['customer', 'escrow', 'settlement', 'liquidity', 'rounding'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const TRANSFER_KINDS = ['single', 'pending', 'post', 'void', 'expire'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const PENDING_STATUSES = ['pending', 'posted', 'voided', 'expired'] as const;
export type PendingStatus = (typeof PENDING_STATUSES)[number];

export type Account = {
  id: string;
  organisationId: string;
  currency: string;
  kind: AccountKind;
  code: string;
  debitsPending: string;
  debitsPosted: string;
  creditsPending: string;
  creditsPosted: string;
  /** Credits posted minus debits posted. */
  balance: string;
  /** What may still be spent: the balance less reservations, plus any overdraft. */
  available: string;
  debitsMustNotExceedCredits: boolean;
  creditsMustNotExceedDebits: boolean;
  creditLimit: string;
  closed: boolean;
  version: string;
  createdAt: string;
};

export type AccountInput = { currency: string; code: string; kind?: AccountKind };

export type Transfer = {
  id: string;
  clientId: string;
  kind: TransferKind;
  debitAccountId: string;
  creditAccountId: string;
  amount: string;
  currency: string;
  pendingId: string | null;
  expiresAt: string | null;
  batchId: string | null;
  reversesId: string | null;
  fxQuoteId: string | null;
  reference: string | null;
  createdAt: string;
  /** Only on a pending transfer read by id. */
  status?: PendingStatus;
};

export type TransferInput = {
  /** The client's id: the idempotency key, so a retried submit never pays twice. */
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: string;
  currency: string;
  pending?: boolean;
  timeoutSeconds?: number;
  reference?: string;
};

export type Entry = {
  transferId: string;
  side: 'debit' | 'credit';
  amount: string;
  balanceAfter: string;
  pendingAfter: string;
  accountVersion: string;
  createdAt: string;
};

export type EntryPage = { items: Entry[]; nextCursor: string | null };

export const ENTRIES_PAGE_SIZE = 50;
const EXPORT_PAGE_SIZE = 500;

// Cache keys under ['orgs', orgId, ...] like query-keys.ts, so switching organisation never mixes data.
export const paymentKeys = {
  all: (orgId: string) => ['orgs', orgId, 'payments'] as const,
  accounts: (orgId: string) => ['orgs', orgId, 'payments', 'accounts'] as const,
  account: (orgId: string, accountId: string) => ['orgs', orgId, 'payments', 'account', accountId] as const,
  entries: (orgId: string, accountId: string) => ['orgs', orgId, 'payments', 'entries', accountId] as const,
  transfer: (orgId: string, transferId: string) =>
    ['orgs', orgId, 'payments', 'transfer', transferId] as const,
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/payments`;

export const listAccounts = async (orgId: string, signal?: AbortSignal): Promise<Account[]> =>
  (await apiGet<{ items: Account[] }>(`${base(orgId)}/accounts`, undefined, signal)).items;

export const getAccount = (orgId: string, accountId: string, signal?: AbortSignal): Promise<Account> =>
  apiGet<Account>(`${base(orgId)}/accounts/${seg(accountId)}`, undefined, signal);

export const createAccount = (orgId: string, input: AccountInput): Promise<Account> =>
  apiPost<Account>(`${base(orgId)}/accounts`, input);

export const listEntries = (
  orgId: string,
  accountId: string,
  cursor: string | null,
  limit: number,
  signal?: AbortSignal,
): Promise<EntryPage> =>
  apiGet<EntryPage>(`${base(orgId)}/accounts/${seg(accountId)}/entries`, { cursor, limit }, signal);

export const getTransfer = (orgId: string, transferId: string, signal?: AbortSignal): Promise<Transfer> =>
  apiGet<Transfer>(`${base(orgId)}/transfers/${seg(transferId)}`, undefined, signal);

export const createTransfer = (orgId: string, input: TransferInput): Promise<Transfer> =>
  apiPost<Transfer>(`${base(orgId)}/transfers`, input);

/** Posts (all of it) or voids a pending transfer; `id` is the resolution's own idempotency key. */
export const resolvePending = (
  orgId: string,
  transferId: string,
  op: 'post' | 'void',
  id: string,
): Promise<Transfer> => apiPost<Transfer>(`${base(orgId)}/transfers/${seg(transferId)}/${op}`, { id });

/** The whole statement, page by page, up to `maxRows`. */
export const collectEntries = async (
  orgId: string,
  accountId: string,
  maxRows: number,
  onProgress: (count: number) => void,
): Promise<{ entries: Entry[]; truncated: boolean }> => {
  const entries: Entry[] = [];
  let cursor: string | null = null;
  do {
    const page = await listEntries(orgId, accountId, cursor, EXPORT_PAGE_SIZE);
    entries.push(...page.items);
    onProgress(entries.length);
    cursor = page.nextCursor;
  } while (cursor !== null && entries.length < maxRows);
  return { entries: entries.slice(0, maxRows), truncated: cursor !== null || entries.length > maxRows };
};

export const useAccounts = (orgId: string) =>
  useQuery({
    queryKey: paymentKeys.accounts(orgId),
    queryFn: ({ signal }) => listAccounts(orgId, signal),
  });

export const useAccount = (orgId: string, accountId: string) =>
  useQuery({
    queryKey: paymentKeys.account(orgId, accountId),
    queryFn: ({ signal }) => getAccount(orgId, accountId, signal),
  });

export const useEntries = (orgId: string, accountId: string) =>
  useInfiniteQuery({
    queryKey: paymentKeys.entries(orgId, accountId),
    queryFn: ({ pageParam, signal }) => listEntries(orgId, accountId, pageParam, ENTRIES_PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/** The transfers behind statement entries, read by id (the API lists no open reservations). */
export const useTransfers = (orgId: string, transferIds: readonly string[]) =>
  useQueries({
    queries: transferIds.map((transferId) => ({
      queryKey: paymentKeys.transfer(orgId, transferId),
      queryFn: ({ signal }: { signal: AbortSignal }) => getTransfer(orgId, transferId, signal),
    })),
  });

/** Any write to the ledger: balances, statements and transfers of the organisation are refreshed. */
export const usePaymentMutation = <Input, Output>(
  orgId: string,
  write: (input: Input) => Promise<Output>,
) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentKeys.all(orgId) }),
  });
};
