-- Export credit insurance (reference payments-finance.md §4.3): an insurer issues a policy to an
-- exporter, approves credit limits on the exporter's buyers, the exporter declares each shipment
-- (premium charged through the ledger), and claims for an unpaid one after the waiting period.
-- Amounts are integer minor units of the policy's currency; rates and percentages decimal text,
-- read as scaled integers by the code, never floats.

create table finance.insurance_policies (
  id text primary key,
  policy_number text not null check (length(policy_number) between 1 and 64),
  insurer_organisation_id text not null references identity.organisations (id),
  exporter_organisation_id text not null references identity.organisations (id),
  currency char(3) not null,
  period_start date not null,
  period_end date not null,
  premium_rate text not null check (premium_rate ~ '^0\.\d{1,8}$'),
  indemnity_percent text not null check (indemnity_percent ~ '^\d{1,3}(\.\d{1,2})?$'),
  waiting_period_days integer not null check (waiting_period_days between 0 and 720),
  max_credit_period_days integer not null check (max_credit_period_days between 1 and 720),
  -- The insurer's account premiums are paid into and payouts are paid from.
  insurer_account_id text not null,
  created_at timestamptz not null,
  check (period_end >= period_start),
  check (insurer_organisation_id <> exporter_organisation_id),
  unique (insurer_organisation_id, policy_number)
);

create index insurance_policies_by_insurer on finance.insurance_policies (insurer_organisation_id, id desc);
create index insurance_policies_by_exporter on finance.insurance_policies (exporter_organisation_id, id desc);

create table finance.insurance_credit_limits (
  id text primary key,
  policy_id text not null references finance.insurance_policies (id),
  -- The buyer: an organisation on the hub, or a name with its country and registration number.
  buyer_organisation_id text references identity.organisations (id),
  buyer_name text not null check (length(buyer_name) between 1 and 200),
  buyer_country char(2) not null,
  buyer_registration_id text check (length(buyer_registration_id) between 1 and 64),
  -- One spelling of the buyer (org id, or country + registration id, or country + name) so that a
  -- policy holds one live limit per buyer.
  buyer_key text not null,
  requested_minor bigint not null check (requested_minor > 0),
  approved_minor bigint check (approved_minor > 0),
  status text not null check (status in ('requested', 'approved', 'refused', 'cancelled')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((status = 'approved') = (approved_minor is not null))
);

create unique index insurance_limits_one_live_per_buyer
  on finance.insurance_credit_limits (policy_id, buyer_key) where status in ('requested', 'approved');

-- Every change of a limit, append-only: the limit row holds the present, this the history.
create function finance.insurance_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'finance.% is append-only', tg_table_name;
end;
$$;

create table finance.insurance_limit_events (
  id text primary key,
  limit_id text not null references finance.insurance_credit_limits (id),
  organisation_id text not null references identity.organisations (id),
  kind text not null check (kind in ('requested', 'approved', 'refused', 'reduced', 'cancelled')),
  amount_minor bigint,
  reason text,
  at timestamptz not null
);

create index insurance_limit_events_by_limit on finance.insurance_limit_events (limit_id, id);

create trigger insurance_limit_events_append_only
  before update or delete on finance.insurance_limit_events
  for each row execute function finance.insurance_append_only();

create table finance.insurance_declarations (
  id text primary key,
  policy_id text not null references finance.insurance_policies (id),
  limit_id text not null references finance.insurance_credit_limits (id),
  invoice_number text not null check (length(invoice_number) between 1 and 64),
  invoice_minor bigint not null check (invoice_minor > 0),
  shipment_date date not null,
  due_date date not null,
  premium_minor bigint not null check (premium_minor >= 0),
  -- The exporter's account the premium is paid from; a payout is paid back into it.
  exporter_account_id text not null,
  -- pending_premium: written, premium not yet posted (counts against the limit meanwhile);
  -- active: covered; settled: the buyer paid; claimed: a claim is filed or decided.
  status text not null check (status in ('pending_premium', 'active', 'settled', 'claimed')),
  premium_transfer_id text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (due_date >= shipment_date),
  -- A premium that rounds to zero moves nothing, so it has no transfer.
  check ((status = 'pending_premium') = (premium_transfer_id is null and premium_minor > 0)),
  unique (policy_id, invoice_number)
);

create index insurance_declarations_by_limit on finance.insurance_declarations (limit_id, status);
create index insurance_declarations_by_policy on finance.insurance_declarations (policy_id, id desc);

-- One claim per declaration; a rejected claim stays, with its reason.
create table finance.insurance_claims (
  id text primary key,
  declaration_id text not null unique references finance.insurance_declarations (id),
  policy_id text not null references finance.insurance_policies (id),
  outstanding_minor bigint not null check (outstanding_minor > 0),
  payout_minor bigint not null check (payout_minor >= 0),
  -- [{role, documentId, credentialId, sha256}] of documents the exporter issued, fixed at filing.
  evidence jsonb not null,
  status text not null check (status in ('filed', 'accepted', 'paid', 'rejected')),
  reason text,
  payout_transfer_id text,
  filed_at timestamptz not null,
  updated_at timestamptz not null,
  -- A payout that rounds to zero moves nothing, so it has no transfer.
  check (payout_transfer_id is null or status = 'paid'),
  check (status <> 'paid' or payout_transfer_id is not null or payout_minor = 0),
  check ((status = 'rejected') = (reason is not null))
);

create table finance.insurance_claim_events (
  id text primary key,
  claim_id text not null references finance.insurance_claims (id),
  organisation_id text not null references identity.organisations (id),
  kind text not null check (kind in ('filed', 'accepted', 'paid', 'payout_failed', 'rejected')),
  detail jsonb not null,
  at timestamptz not null
);

create index insurance_claim_events_by_claim on finance.insurance_claim_events (claim_id, id);

create trigger insurance_claim_events_append_only
  before update or delete on finance.insurance_claim_events
  for each row execute function finance.insurance_append_only();
