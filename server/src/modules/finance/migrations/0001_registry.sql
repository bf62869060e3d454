-- The duplicate-financing registry: keyed fingerprints of the assets financiers have financed, and
-- the append-only trail of every check made against it. No invoice field is stored in clear: a
-- row holds HMAC-SHA-256 fingerprints under a registry key derived from the hub secret (key_id
-- names it, so keys can rotate), the financier and the amounts it financed.
create schema if not exists finance;

-- One row per fingerprint of a registration: a registration of an invoice is five rows sharing
-- one id (exact, seller_number, seller_number_unpadded, parties_amount_date, fuzzy), whose status
-- changes together.
create table finance.financing_registrations (
  id text not null,
  asset_type text not null check (asset_type in ('invoice')),
  fp_type text not null check (fp_type in ('exact', 'seller_number', 'seller_number_unpadded',
    'parties_amount_date', 'fuzzy')),
  key_id text not null,
  fingerprint bytea not null check (octet_length(fingerprint) = 32),
  financier_organisation_id text not null references identity.organisations (id),
  face_amount_minor bigint not null check (face_amount_minor > 0),
  financed_amount_minor bigint not null check (financed_amount_minor > 0),
  currency char(3) not null,
  status text not null check (status in ('active', 'released', 'expired')),
  registered_at timestamptz not null,
  expires_at timestamptz not null,
  released_at timestamptz,
  -- The financier's own reference (its loan or deal number); shown to it only.
  reference text check (length(reference) <= 100),
  primary key (id, fp_type),
  check (financed_amount_minor <= face_amount_minor),
  check (expires_at > registered_at),
  check ((released_at is not null) = (status = 'released'))
);

-- The atomic "register before disbursement": of two registrations of the same invoice at once,
-- the unique index lets exactly one commit. Seller + invoice number is unique too, because a
-- seller never issues two invoices under one number (a legal requirement for invoices in China
-- and the EU): a re-dated or re-priced copy of a financed invoice cannot be financed again either.
-- The other fingerprints only raise a risk, as legitimate invoices may share them.
create unique index financing_registrations_one_active
  on finance.financing_registrations (asset_type, fp_type, fingerprint)
  where status = 'active' and fp_type in ('exact', 'seller_number');

-- What checks look up: active rows by fingerprint of any type.
create index financing_registrations_by_fingerprint
  on finance.financing_registrations (fingerprint) where status = 'active';

create index financing_registrations_by_financier
  on finance.financing_registrations (financier_organisation_id, id desc) where fp_type = 'exact';

-- Every check and registration attempt: who asked, which fingerprints, what it was told, when.
-- Append-only (the triggers below refuse updates and deletes): it deters fishing, and a regulator
-- or a dispute reads it to see who asked about an invoice before financing it.
create table finance.registry_queries (
  id text primary key,
  kind text not null check (kind in ('check', 'registration')),
  organisation_id text not null references identity.organisations (id),
  actor_type text not null check (actor_type in ('user', 'api_key')),
  actor_id text not null,
  request_id text not null,
  asset_type text not null,
  key_id text not null,
  -- The fingerprints asked about in lower-case hex (the exact one first), never the fields they
  -- came from.
  fingerprints text[] not null check (cardinality(fingerprints) between 1 and 64),
  answer text not null check (answer in ('no_match', 'exact_match', 'similar', 'registered',
    'already_financed')),
  risk text not null check (risk in ('none', 'low', 'medium', 'high')),
  asked_at timestamptz not null
);

create index registry_queries_by_organisation on finance.registry_queries (organisation_id, id desc);

create function finance.refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'finance.registry_queries is append-only';
end;
$$;

create trigger registry_queries_append_only
  before update or delete on finance.registry_queries
  for each row execute function finance.refuse_change();
