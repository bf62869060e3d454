import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/access/index.ts';
import { formatRate, parseRate } from './domain/fx.ts';

// Every statement on the ledger is written out in SQL: the lock order and the append-only rule
// are the point of this module, and a query builder would hide both. There is no UPDATE or
// DELETE on payments.transfers or payments.entries anywhere.

export type AccountKind = 'customer' | 'liquidity' | 'rounding' | 'escrow' | 'settlement';
export type TransferKind = 'single' | 'pending' | 'post' | 'void' | 'expire';

export type Account = {
  id: string;
  organisationId: string;
  currency: string;
  kind: AccountKind;
  code: string;
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
  debitsMustNotExceedCredits: boolean;
  creditsMustNotExceedDebits: boolean;
  creditLimitMinor: bigint;
  closed: boolean;
  version: bigint;
  createdAt: Date;
};

export type Transfer = {
  id: string;
  organisationId: string;
  clientId: string;
  debitAccountId: string;
  creditAccountId: string;
  amountMinor: bigint;
  currency: string;
  kind: TransferKind;
  pendingId: string | null;
  expiresAt: Date | null;
  batchId: string | null;
  reversesId: string | null;
  fxQuoteId: string | null;
  reference: string | null;
  requestHash: Uint8Array;
  createdAt: Date;
};

export type Entry = {
  transferId: string;
  accountId: string;
  side: 'debit' | 'credit';
  amountMinor: bigint;
  balanceAfterMinor: bigint;
  pendingAfterMinor: bigint;
  accountVersion: bigint;
  createdAt: Date;
};

export type FxQuote = {
  id: string;
  organisationId: string;
  fromCurrency: string;
  toCurrency: string;
  rate: string;
  source: string;
  expiresAt: Date;
  createdAt: Date;
};

type AccountRow = {
  id: string;
  organisation_id: string;
  currency: string;
  kind: AccountKind;
  code: string;
  debits_pending: string;
  debits_posted: string;
  credits_pending: string;
  credits_posted: string;
  debits_must_not_exceed_credits: boolean;
  credits_must_not_exceed_debits: boolean;
  credit_limit_minor: string;
  closed: boolean;
  version: string;
  created_at: Date;
};

type TransferRow = {
  id: string;
  organisation_id: string;
  client_id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: string;
  currency: string;
  kind: TransferKind;
  pending_id: string | null;
  expires_at: Date | null;
  batch_id: string | null;
  reverses_id: string | null;
  fx_quote_id: string | null;
  reference: string | null;
  request_hash: Uint8Array;
  created_at: Date;
};

type EntryRow = {
  transfer_id: string;
  account_id: string;
  side: 'debit' | 'credit';
  amount: string;
  balance_after: string;
  pending_after: string;
  account_version: string;
  created_at: Date;
};

/** A bigint parameter: sent as text and cast, so neither driver has to know JS bigints. */
export const big = (value: bigint): RawBuilder<unknown> => sql`${value.toString()}::bigint`;
const inList = (values: readonly string[]) => sql.join(values.map((value) => sql`${value}`));

const accountOf = (row: AccountRow): Account => ({
  id: row.id,
  organisationId: row.organisation_id,
  currency: row.currency,
  kind: row.kind,
  code: row.code,
  debitsPending: BigInt(row.debits_pending),
  debitsPosted: BigInt(row.debits_posted),
  creditsPending: BigInt(row.credits_pending),
  creditsPosted: BigInt(row.credits_posted),
  debitsMustNotExceedCredits: row.debits_must_not_exceed_credits,
  creditsMustNotExceedDebits: row.credits_must_not_exceed_debits,
  creditLimitMinor: BigInt(row.credit_limit_minor),
  closed: row.closed,
  version: BigInt(row.version),
  createdAt: row.created_at,
});

const transferOf = (row: TransferRow): Transfer => ({
  id: row.id,
  organisationId: row.organisation_id,
  clientId: row.client_id,
  debitAccountId: row.debit_account_id,
  creditAccountId: row.credit_account_id,
  amountMinor: BigInt(row.amount),
  currency: row.currency,
  kind: row.kind,
  pendingId: row.pending_id,
  expiresAt: row.expires_at,
  batchId: row.batch_id,
  reversesId: row.reverses_id,
  fxQuoteId: row.fx_quote_id,
  reference: row.reference,
  requestHash: row.request_hash,
  createdAt: row.created_at,
});

const entryOf = (row: EntryRow): Entry => ({
  transferId: row.transfer_id,
  accountId: row.account_id,
  side: row.side,
  amountMinor: BigInt(row.amount),
  balanceAfterMinor: BigInt(row.balance_after),
  pendingAfterMinor: BigInt(row.pending_after),
  accountVersion: BigInt(row.account_version),
  createdAt: row.created_at,
});

export type NewAccount = {
  id: string;
  organisationId: string;
  currency: string;
  kind: AccountKind;
  code: string;
  debitsMustNotExceedCredits: boolean;
  creditsMustNotExceedDebits: boolean;
  creditLimitMinor: bigint;
  createdAt: Date;
};

/** Inserts an account; undefined when the organisation already has one with that currency and code. */
export const insertAccount = async (ex: Executor, a: NewAccount): Promise<Account | undefined> => {
  const { rows } = await sql<AccountRow>`
    insert into payments.accounts (id, organisation_id, currency, kind, code,
      debits_must_not_exceed_credits, credits_must_not_exceed_debits, credit_limit_minor, created_at)
    values (${a.id}, ${a.organisationId}, ${a.currency}, ${a.kind}, ${a.code},
      ${a.debitsMustNotExceedCredits}, ${a.creditsMustNotExceedDebits}, ${big(a.creditLimitMinor)},
      ${a.createdAt})
    on conflict (organisation_id, currency, code) do nothing
    returning *`.execute(ex);
  return rows[0] === undefined ? undefined : accountOf(rows[0]);
};

export const findAccountByCode = async (
  ex: Executor,
  organisationId: string,
  currency: string,
  code: string,
): Promise<Account | undefined> => {
  const { rows } = await sql<AccountRow>`
    select * from payments.accounts
    where organisation_id = ${organisationId} and currency = ${currency} and code = ${code}`.execute(ex);
  return rows[0] === undefined ? undefined : accountOf(rows[0]);
};

export const findAccount = async (ex: Executor, id: string): Promise<Account | undefined> => {
  const { rows } = await sql<AccountRow>`select * from payments.accounts where id = ${id}`.execute(ex);
  return rows[0] === undefined ? undefined : accountOf(rows[0]);
};

export const listAccounts = async (ex: Executor, organisationId: string): Promise<Account[]> => {
  const { rows } = await sql<AccountRow>`
    select * from payments.accounts where organisation_id = ${organisationId}
    order by created_at, id`.execute(ex);
  return rows.map(accountOf);
};

/**
 * Locks the accounts in id order with FOR NO KEY UPDATE, before anything else is written in the
 * transaction. Two postings that touch the same accounts therefore queue instead of deadlocking,
 * and the lock does not conflict with the KEY SHARE locks the transfers' foreign keys take.
 * The Sort sits below LockRows in the plan, so rows are locked in the order they are sorted.
 */
export const lockAccounts = async (ex: Executor, ids: readonly string[]): Promise<Map<string, Account>> => {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) {
    return new Map();
  }
  const { rows } = await sql<AccountRow>`
    select * from payments.accounts where id = any(${unique}::text[])
    order by id
    for no key update`.execute(ex);
  return new Map(rows.map((row) => [row.id, accountOf(row)]));
};

export type BalanceDelta = {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
};

/**
 * Writes what one posting decided, in ONE statement: the new transfers, the accounts' new balances
 * and versions (computed from the snapshot the caller locked FOR NO KEY UPDATE, so absolute values
 * are exact), and the entries. A round trip per statement was most of a transfer's cost; the CHECK
 * constraints and unique indexes still judge every row (their names reach rethrowLedgerConstraint).
 */
export const writePostings = async (
  ex: Executor,
  transfers: readonly Transfer[],
  accounts: readonly Account[],
  entries: readonly Entry[],
): Promise<void> => {
  if (transfers.length === 0) {
    return;
  }
  // Columns as arrays (unnest): a statement with a handful of parameters parses and plans in the
  // same time for one transfer as for a batch of 100, where a VALUES list of thousands did not.
  const text = (values: readonly (string | null)[]) => sql`${[...values]}::text[]`;
  const bigints = (values: readonly bigint[]) => sql`${values.map(String)}::bigint[]`;
  const times = (values: readonly (Date | null)[]) =>
    sql`${values.map((value) => (value === null ? null : value.toISOString()))}::timestamptz[]`;
  const t = transfers;
  const { rows } = await sql<{ transfers: string; accounts: string; entries: string }>`
    with new_transfers as (
      insert into payments.transfers (id, organisation_id, client_id, debit_account_id, credit_account_id,
        amount, currency, kind, pending_id, expires_at, batch_id, reverses_id, fx_quote_id, reference,
        request_hash, created_at)
      select id, organisation_id, client_id, debit_account_id, credit_account_id, amount, currency, kind,
        pending_id, expires_at, batch_id, reverses_id, fx_quote_id, reference, decode(request_hash, 'hex'),
        created_at
      from unnest(${text(t.map((x) => x.id))}, ${text(t.map((x) => x.organisationId))},
        ${text(t.map((x) => x.clientId))}, ${text(t.map((x) => x.debitAccountId))},
        ${text(t.map((x) => x.creditAccountId))}, ${bigints(t.map((x) => x.amountMinor))},
        ${text(t.map((x) => x.currency))}, ${text(t.map((x) => x.kind))}, ${text(t.map((x) => x.pendingId))},
        ${times(t.map((x) => x.expiresAt))}, ${text(t.map((x) => x.batchId))},
        ${text(t.map((x) => x.reversesId))}, ${text(t.map((x) => x.fxQuoteId))},
        ${text(t.map((x) => x.reference))}, ${text(t.map((x) => Buffer.from(x.requestHash).toString('hex')))},
        ${times(t.map((x) => x.createdAt))})
        as v (id, organisation_id, client_id, debit_account_id, credit_account_id, amount, currency, kind,
          pending_id, expires_at, batch_id, reverses_id, fx_quote_id, reference, request_hash, created_at)
      returning 1
    ), moved as (
      update payments.accounts as a set
        debits_pending = v.debits_pending,
        debits_posted = v.debits_posted,
        credits_pending = v.credits_pending,
        credits_posted = v.credits_posted,
        version = v.version
      from unnest(${text(accounts.map((x) => x.id))}, ${bigints(accounts.map((x) => x.debitsPending))},
        ${bigints(accounts.map((x) => x.debitsPosted))}, ${bigints(accounts.map((x) => x.creditsPending))},
        ${bigints(accounts.map((x) => x.creditsPosted))}, ${bigints(accounts.map((x) => x.version))})
        as v (id, debits_pending, debits_posted, credits_pending, credits_posted, version)
      where a.id = v.id
      returning 1
    ), new_entries as (
      insert into payments.entries (transfer_id, account_id, side, amount, balance_after, pending_after,
        account_version, created_at)
      select * from unnest(${text(entries.map((x) => x.transferId))}, ${text(entries.map((x) => x.accountId))},
        ${text(entries.map((x) => x.side))}, ${bigints(entries.map((x) => x.amountMinor))},
        ${bigints(entries.map((x) => x.balanceAfterMinor))}, ${bigints(entries.map((x) => x.pendingAfterMinor))},
        ${bigints(entries.map((x) => x.accountVersion))}, ${times(entries.map((x) => x.createdAt))})
      returning 1
    )
    select (select count(*) from new_transfers) as transfers, (select count(*) from moved) as accounts,
      (select count(*) from new_entries) as entries`.execute(ex);
  const written = rows[0];
  if (
    written === undefined ||
    Number(written.transfers) !== transfers.length ||
    Number(written.accounts) !== accounts.length ||
    Number(written.entries) !== entries.length
  ) {
    throw new Error(`writePostings wrote ${JSON.stringify(written)}, not every row it was given`);
  }
};

/** Calls payments.post_move (migration 0003): one plain move decided and written in the database. */
export const callPostMove = async (
  ex: Executor,
  m: {
    transferId: string;
    organisationId: string;
    clientId: string;
    debitAccountId: string;
    creditAccountId: string;
    amountMinor: bigint;
    currency: string;
    kind: 'single' | 'pending';
    expiresAt: Date | null;
    reference: string | null;
    requestHash: Uint8Array;
    now: Date;
  },
): Promise<{ outcome: string; field: string | null; transferId: string | null }> => {
  const { rows } = await sql<{ outcome: string; field: string | null; transfer_id: string | null }>`
    select * from payments.post_move(${m.transferId}, ${m.organisationId}, ${m.clientId},
      ${m.debitAccountId}, ${m.creditAccountId}, ${big(m.amountMinor)}, ${m.currency}, ${m.kind},
      ${m.expiresAt}::timestamptz, ${m.reference}, ${m.requestHash}, ${m.now}::timestamptz)`.execute(ex);
  const row = rows[0];
  if (row === undefined) {
    throw new Error('payments.post_move answered no row');
  }
  return { outcome: row.outcome, field: row.field, transferId: row.transfer_id };
};

export const findTransfer = async (ex: Executor, id: string): Promise<Transfer | undefined> => {
  const { rows } = await sql<TransferRow>`select * from payments.transfers where id = ${id}`.execute(ex);
  return rows[0] === undefined ? undefined : transferOf(rows[0]);
};

export const findTransfers = async (ex: Executor, ids: readonly string[]): Promise<Map<string, Transfer>> => {
  if (ids.length === 0) {
    return new Map();
  }
  const { rows } = await sql<TransferRow>`
    select * from payments.transfers where id in (${inList([...new Set(ids)])})`.execute(ex);
  return new Map(rows.map((row) => [row.id, transferOf(row)]));
};

export const findTransfersByClientIds = async (
  ex: Executor,
  organisationId: string,
  clientIds: readonly string[],
): Promise<Map<string, Transfer>> => {
  if (clientIds.length === 0) {
    return new Map();
  }
  const { rows } = await sql<TransferRow>`
    select * from payments.transfers
    where organisation_id = ${organisationId} and client_id = any(${[...new Set(clientIds)]}::text[])`.execute(
    ex,
  );
  return new Map(rows.map((row) => [row.client_id, transferOf(row)]));
};

/** The post, void or expire that resolved each of the pending transfers, if any. */
export const findResolutions = async (
  ex: Executor,
  pendingIds: readonly string[],
): Promise<Map<string, Transfer>> => {
  if (pendingIds.length === 0) {
    return new Map();
  }
  const { rows } = await sql<TransferRow>`
    select * from payments.transfers
    where pending_id in (${inList([...new Set(pendingIds)])}) and kind in ('post', 'void', 'expire')`.execute(
    ex,
  );
  return new Map(rows.map((row) => [row.pending_id ?? '', transferOf(row)]));
};

export const findReversal = async (ex: Executor, transferId: string): Promise<Transfer | undefined> => {
  const { rows } = await sql<TransferRow>`
    select * from payments.transfers where reverses_id = ${transferId}`.execute(ex);
  return rows[0] === undefined ? undefined : transferOf(rows[0]);
};

/**
 * Due pending transfers nobody resolved yet, locked so that two sweepers split the work
 * (SKIP LOCKED). FOR NO KEY UPDATE rather than FOR UPDATE: a post inserted concurrently takes a
 * KEY SHARE lock on the pending row through its foreign key, and FOR UPDATE would make the two
 * wait on each other (the sweeper then waits on the accounts that post holds).
 */
export const lockDuePendingTransfers = async (
  ex: Executor,
  now: Date,
  limit: number,
  onlyIds?: readonly string[],
): Promise<Transfer[]> => {
  const only = onlyIds === undefined ? sql`` : sql`and t.id in (${inList(onlyIds)})`;
  const { rows } = await sql<TransferRow>`
    select t.* from payments.transfers t
    where t.kind = 'pending' and t.expires_at <= ${now} ${only}
      and not exists (
        select 1 from payments.transfers r
        where r.pending_id = t.id and r.kind in ('post', 'void', 'expire'))
    order by t.expires_at, t.id
    limit ${limit}
    for no key update of t skip locked`.execute(ex);
  return rows.map(transferOf);
};

export const listEntries = async (
  ex: Executor,
  accountId: string,
  options: { afterVersion?: bigint; limit: number },
): Promise<Entry[]> => {
  const after =
    options.afterVersion === undefined ? sql`` : sql`and account_version > ${big(options.afterVersion)}`;
  const { rows } = await sql<EntryRow>`
    select * from payments.entries where account_id = ${accountId} ${after}
    order by account_version
    limit ${options.limit}`.execute(ex);
  return rows.map(entryOf);
};

type QuoteRow = {
  id: string;
  organisation_id: string;
  from_currency: string;
  to_currency: string;
  rate: string;
  source: string;
  expires_at: Date;
  created_at: Date;
};

const quoteOf = (row: QuoteRow): FxQuote => ({
  id: row.id,
  organisationId: row.organisation_id,
  fromCurrency: row.from_currency,
  toCurrency: row.to_currency,
  // numeric(30, 12) answers with 12 decimals; the API shows the rate as it was quoted.
  rate: formatRate(parseRate(row.rate)),
  source: row.source,
  expiresAt: row.expires_at,
  createdAt: row.created_at,
});

export const insertQuote = async (ex: Executor, q: FxQuote): Promise<FxQuote> => {
  const { rows } = await sql<QuoteRow>`
    insert into payments.fx_quotes (id, organisation_id, from_currency, to_currency, rate, source,
      expires_at, created_at)
    values (${q.id}, ${q.organisationId}, ${q.fromCurrency}, ${q.toCurrency}, ${q.rate}::numeric,
      ${q.source}, ${q.expiresAt}, ${q.createdAt})
    returning *`.execute(ex);
  const row = rows[0];
  if (row === undefined) {
    throw new Error('insertQuote returned no row');
  }
  return quoteOf(row);
};

export const findQuote = async (ex: Executor, id: string): Promise<FxQuote | undefined> => {
  const { rows } = await sql<QuoteRow>`select * from payments.fx_quotes where id = ${id}`.execute(ex);
  return rows[0] === undefined ? undefined : quoteOf(rows[0]);
};

/**
 * The residual FX rounding has left for this institution and currency, locked. Taken after the
 * account locks, and only by conversions, so the lock order stays fixed.
 */
export const lockRoundingResidual = async (
  ex: Executor,
  organisationId: string,
  currency: string,
): Promise<bigint> => {
  await sql`
    insert into payments.fx_rounding (organisation_id, currency, residual_atto)
    values (${organisationId}, ${currency}, 0)
    on conflict do nothing`.execute(ex);
  const { rows } = await sql<{ residual_atto: string }>`
    select residual_atto from payments.fx_rounding
    where organisation_id = ${organisationId} and currency = ${currency}
    for update`.execute(ex);
  return BigInt(rows[0]?.residual_atto ?? '0');
};

export const storeRoundingResidual = async (
  ex: Executor,
  organisationId: string,
  currency: string,
  residualAtto: bigint,
): Promise<void> => {
  await sql`
    update payments.fx_rounding set residual_atto = ${big(residualAtto)}
    where organisation_id = ${organisationId} and currency = ${currency}`.execute(ex);
};
