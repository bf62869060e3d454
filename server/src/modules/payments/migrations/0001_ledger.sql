-- The money ledger: TigerBeetle's semantics in plain SQL (see docs/payments.md). Balances are
-- integers in the currency's minor unit. Every limit is a CHECK here, so no code path, however
-- wrong, can commit an overdraft; transfers and entries are append-only: the code has no UPDATE
-- or DELETE on them, and corrections are new (reversing) transfers.
create schema if not exists payments;

create table payments.accounts (
  id text primary key,
  -- Every account belongs to one organisation (liquidity and rounding accounts
  -- belong to the institution that quotes FX from them).
  organisation_id text not null references identity.organisations (id),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  kind text not null check (kind in ('customer', 'liquidity', 'rounding', 'escrow', 'settlement')),
  code text not null check (length(code) between 1 and 100),
  debits_pending bigint not null default 0 check (debits_pending >= 0),
  debits_posted bigint not null default 0 check (debits_posted >= 0),
  credits_pending bigint not null default 0 check (credits_pending >= 0),
  credits_posted bigint not null default 0 check (credits_posted >= 0),
  debits_must_not_exceed_credits boolean not null,
  credits_must_not_exceed_debits boolean not null,
  -- The overdraft granted: debits may exceed credits by at most this (with the flag above).
  credit_limit_minor bigint not null default 0 check (credit_limit_minor >= 0),
  closed boolean not null default false,
  version bigint not null default 1 check (version >= 1),
  created_at timestamptz not null,
  unique (organisation_id, currency, code),
  -- Pending debits count against the limit: a reservation must be coverable when posted.
  constraint accounts_debits_within_limit check (
    not debits_must_not_exceed_credits
    or debits_pending + debits_posted <= credits_posted + credit_limit_minor),
  constraint accounts_credits_within_limit check (
    not credits_must_not_exceed_debits or credits_pending + credits_posted <= debits_posted)
);

create index accounts_by_organisation on payments.accounts (organisation_id, created_at);

create table payments.fx_quotes (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  from_currency char(3) not null,
  to_currency char(3) not null,
  -- Units of to_currency per unit of from_currency; parsed into a scaled integer, never a float.
  rate numeric(30, 12) not null check (rate > 0),
  source text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null,
  check (from_currency <> to_currency)
);

create index fx_quotes_by_pair on payments.fx_quotes (organisation_id, from_currency, to_currency, created_at);

create table payments.transfers (
  id text primary key,
  -- The organisation that asked for it and its idempotency key: one transfer per key and caller.
  organisation_id text not null references identity.organisations (id),
  client_id text not null,
  debit_account_id text not null references payments.accounts (id),
  credit_account_id text not null references payments.accounts (id),
  amount bigint not null check (amount > 0),
  currency char(3) not null,
  kind text not null check (kind in ('single', 'pending', 'post', 'void', 'expire')),
  pending_id text references payments.transfers (id),
  expires_at timestamptz,
  batch_id text,
  reverses_id text references payments.transfers (id),
  fx_quote_id text references payments.fx_quotes (id),
  reference text,
  request_hash bytea not null,
  created_at timestamptz not null,
  unique (organisation_id, client_id),
  check (debit_account_id <> credit_account_id),
  check ((kind in ('post', 'void', 'expire')) = (pending_id is not null)),
  check (expires_at is null or kind = 'pending')
);

-- A pending transfer resolves at most once, whichever of post, void or expire comes first.
create unique index transfers_resolve_once on payments.transfers (pending_id)
  where kind in ('post', 'void', 'expire');
-- A transfer is reversed at most once.
create unique index transfers_reverse_once on payments.transfers (reverses_id) where reverses_id is not null;
-- The sweeper's scan: pending transfers by deadline.
create index transfers_pending_by_expiry on payments.transfers (expires_at) where kind = 'pending';
create index transfers_by_debit on payments.transfers (debit_account_id);
create index transfers_by_credit on payments.transfers (credit_account_id);

-- One row per account a transfer touched, written with it: the statement (camt.053) reads these.
create table payments.entries (
  transfer_id text not null references payments.transfers (id),
  account_id text not null references payments.accounts (id),
  side text not null check (side in ('debit', 'credit')),
  amount bigint not null check (amount >= 0),
  -- credits_posted - debits_posted and credits_pending - debits_pending after the transfer.
  balance_after bigint not null,
  pending_after bigint not null,
  account_version bigint not null,
  created_at timestamptz not null,
  primary key (transfer_id, side),
  unique (account_id, account_version)
);

-- What FX rounding has left over and not yet posted, per quoting organisation and currency, in
-- 10^-18 of a minor unit; whole minor units are posted to the rounding account as they accrue.
create table payments.fx_rounding (
  organisation_id text not null references identity.organisations (id),
  currency char(3) not null,
  residual_atto bigint not null,
  primary key (organisation_id, currency)
);
