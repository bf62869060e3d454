-- Trade finance on verified invoices: an exporter asks for financing of a commercial invoice it
-- issued as a signed credential, shares the request with banks, a bank offers terms, the exporter
-- accepts one, the bank disburses through the ledger (after registering the invoice in the
-- duplicate-financing registry) and is repaid. Amounts are integer minor units, never floats.

create table finance.financing_requests (
  id text primary key,
  exporter_organisation_id text not null references identity.organisations (id),
  -- The issued document (documents module) and its credential id, as the exporter holds them.
  document_id text not null,
  credential_id text not null,
  -- The invoice as read from the credential subject when the request was made: the credential
  -- is signed, so these do not change; the registry fingerprints them at disbursement.
  invoice_number text not null check (length(invoice_number) between 1 and 100),
  invoice_issue_date text not null check (invoice_issue_date ~ '^\d{4}-\d{2}-\d{2}$'),
  seller_name text not null,
  seller_country char(2) not null,
  seller_company_id text,
  buyer_name text not null,
  buyer_country char(2) not null,
  buyer_company_id text,
  invoice_amount_minor bigint not null check (invoice_amount_minor > 0),
  currency char(3) not null,
  requested_amount_minor bigint not null check (requested_amount_minor > 0),
  tenor_days integer not null check (tenor_days between 1 and 360),
  -- Further documents of the exporter's that back the invoice (a bill of lading, a packing list).
  evidence_document_ids text[] not null default '{}' check (cardinality(evidence_document_ids) <= 10),
  status text not null check (status in ('draft', 'open', 'offered', 'accepted', 'disbursed', 'repaid',
    'withdrawn')),
  accepted_offer_id text,
  -- The exporter's account the bank pays into, named when it accepts.
  exporter_account_id text,
  registration_id text,
  disbursement_transfer_id text,
  repayment_transfer_id text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (requested_amount_minor <= invoice_amount_minor),
  check ((status in ('accepted', 'disbursed', 'repaid')) = (accepted_offer_id is not null)),
  check ((status in ('disbursed', 'repaid')) = (disbursement_transfer_id is not null)),
  check ((status = 'repaid') = (repayment_transfer_id is not null))
);

-- One financing in progress per invoice on the hub: of two requests of the same invoice, only one
-- can have an accepted offer or be disbursed at a time (the registry then guards across financiers).
create unique index financing_requests_one_in_progress
  on finance.financing_requests (document_id) where status in ('accepted', 'disbursed');

create index financing_requests_by_exporter
  on finance.financing_requests (exporter_organisation_id, id desc);

-- The banks an exporter shared a request with: only they see it and may offer.
create table finance.request_shares (
  request_id text not null references finance.financing_requests (id),
  bank_organisation_id text not null references identity.organisations (id),
  shared_at timestamptz not null,
  primary key (request_id, bank_organisation_id)
);

create index request_shares_by_bank on finance.request_shares (bank_organisation_id, request_id desc);

create table finance.financing_offers (
  id text primary key,
  request_id text not null references finance.financing_requests (id),
  bank_organisation_id text not null references identity.organisations (id),
  amount_minor bigint not null check (amount_minor > 0),
  currency char(3) not null,
  -- Annual rate as a decimal string ("0.065" = 6.5 %), simple interest on ACT/360.
  rate text not null check (rate ~ '^\d(\.\d{1,6})?$'),
  fee_minor bigint not null check (fee_minor >= 0),
  tenor_days integer not null check (tenor_days between 1 and 360),
  -- What the bank pays out (amount - fee) and what it is owed at maturity (amount + interest),
  -- computed once when the offer is made, so that every later step moves exactly these sums.
  disbursement_minor bigint not null check (disbursement_minor > 0),
  repayment_minor bigint not null,
  expires_at timestamptz not null,
  status text not null check (status in ('open', 'accepted', 'lapsed', 'withdrawn')),
  -- The bank's account that paid out: repayment goes back into it.
  bank_account_id text,
  created_at timestamptz not null,
  check (fee_minor < amount_minor),
  check (disbursement_minor = amount_minor - fee_minor),
  check (repayment_minor >= amount_minor)
);

create index financing_offers_by_request on finance.financing_offers (request_id, id);

-- Every step of every request, in order: who did what, when. Append-only like the query trail.
create table finance.financing_events (
  id text primary key,
  request_id text not null references finance.financing_requests (id),
  organisation_id text not null references identity.organisations (id),
  actor_type text check (actor_type in ('user', 'api_key')),
  actor_id text,
  kind text not null check (kind in ('created', 'shared', 'offered', 'accepted', 'disbursed',
    'disbursement_refused', 'repaid', 'withdrawn')),
  detail jsonb not null default '{}',
  at timestamptz not null
);

create index financing_events_by_request on finance.financing_events (request_id, id);

create function finance.refuse_event_change() returns trigger language plpgsql as $$
begin
  raise exception 'finance.financing_events is append-only';
end;
$$;

create trigger financing_events_append_only
  before update or delete on finance.financing_events
  for each row execute function finance.refuse_event_change();
