import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';

export type CurrencyTotals = {
  currency: string;
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
  /** Σ debits_posted − Σ credits_posted: zero, always (conservation). */
  net: bigint;
  /** Σ debits_pending − Σ credits_pending: zero as well. */
  pendingNet: bigint;
  /** What the transfers themselves add up to: single + post amounts, open pending amounts. */
  postedByTransfers: bigint;
  pendingByTransfers: bigint;
};

export type LedgerInvariants = {
  currencies: CurrencyTotals[];
  /** Accounts beyond a limit (the CHECK constraints forbid it: must be empty). */
  accountsBeyondLimit: string[];
  /** Pending transfers resolved more than once (the unique index forbids it: must be empty). */
  pendingResolvedTwice: string[];
  /** Accounts whose last statement entry disagrees with its balances. */
  entriesOutOfStep: string[];
  ok: boolean;
};

/**
 * Recomputes the ledger's invariants from scratch: per currency, the accounts' debits and credits
 * net to zero and agree with the transfers; no account is beyond its limit; no pending transfer
 * resolved twice; every account's latest entry shows its balances.
 */
export const ledgerInvariants = async (ex: Executor): Promise<LedgerInvariants> => {
  const totals = await sql<{
    currency: string;
    debits_posted: string;
    credits_posted: string;
    debits_pending: string;
    credits_pending: string;
  }>`
    select currency, sum(debits_posted)::text as debits_posted, sum(credits_posted)::text as credits_posted,
      sum(debits_pending)::text as debits_pending, sum(credits_pending)::text as credits_pending
    from payments.accounts group by currency order by currency`.execute(ex);
  const byTransfers = await sql<{ currency: string; posted: string; pending: string }>`
    select t.currency,
      coalesce(sum(t.amount) filter (where t.kind in ('single', 'post')), 0)::text as posted,
      coalesce(sum(t.amount) filter (where t.kind = 'pending' and not exists (
        select 1 from payments.transfers r where r.pending_id = t.id)), 0)::text as pending
    from payments.transfers t group by t.currency`.execute(ex);
  const beyond = await sql<{ id: string }>`
    select id from payments.accounts
    where debits_pending < 0 or debits_posted < 0 or credits_pending < 0 or credits_posted < 0
      or (debits_must_not_exceed_credits
        and debits_pending + debits_posted > credits_posted + credit_limit_minor)
      or (credits_must_not_exceed_debits and credits_pending + credits_posted > debits_posted)
    order by id`.execute(ex);
  const twice = await sql<{ pending_id: string }>`
    select pending_id from payments.transfers where pending_id is not null
    group by pending_id having count(*) > 1 order by pending_id`.execute(ex);
  const outOfStep = await sql<{ id: string }>`
    select a.id from payments.accounts a
    left join lateral (
      select e.balance_after, e.pending_after, e.account_version from payments.entries e
      where e.account_id = a.id order by e.account_version desc limit 1) last on true
    where (last.account_version is null and a.version <> 1)
      or (last.account_version is not null and (last.account_version <> a.version
        or last.balance_after <> a.credits_posted - a.debits_posted
        or last.pending_after <> a.credits_pending - a.debits_pending))
    order by a.id`.execute(ex);
  const transfersOf = new Map(byTransfers.rows.map((row) => [row.currency, row]));
  const currencies = totals.rows.map((row): CurrencyTotals => {
    const debitsPosted = BigInt(row.debits_posted);
    const creditsPosted = BigInt(row.credits_posted);
    const debitsPending = BigInt(row.debits_pending);
    const creditsPending = BigInt(row.credits_pending);
    const fromTransfers = transfersOf.get(row.currency);
    return {
      currency: row.currency,
      debitsPosted,
      creditsPosted,
      debitsPending,
      creditsPending,
      net: debitsPosted - creditsPosted,
      pendingNet: debitsPending - creditsPending,
      postedByTransfers: BigInt(fromTransfers?.posted ?? '0'),
      pendingByTransfers: BigInt(fromTransfers?.pending ?? '0'),
    };
  });
  const accountsBeyondLimit = beyond.rows.map((row) => row.id);
  const pendingResolvedTwice = twice.rows.map((row) => row.pending_id);
  const entriesOutOfStep = outOfStep.rows.map((row) => row.id);
  return {
    currencies,
    accountsBeyondLimit,
    pendingResolvedTwice,
    entriesOutOfStep,
    ok:
      currencies.every(
        (c) =>
          c.net === 0n &&
          c.pendingNet === 0n &&
          c.postedByTransfers === c.debitsPosted &&
          c.pendingByTransfers === c.debitsPending,
      ) &&
      accountsBeyondLimit.length === 0 &&
      pendingResolvedTwice.length === 0 &&
      entriesOutOfStep.length === 0,
  };
};
