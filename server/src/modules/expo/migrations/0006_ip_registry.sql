-- The IP and technology-transfer registry (issue 11 §7). Every row belongs to an organisation: an
-- asset to the organisation that holds it on the hub (an assignment moves it), an agreement to its
-- licensor/assignor (the counterparty reads it too), a pledge to the asset's holder (the bank reads
-- it too), a listing, a watch, an alert and a dispute intake to their owner.

-- An IP right or a trade-secret reference. A trade secret is held as the SHA-256 of the secret
-- document only: the hub never receives its content.
create table expo.ip_assets (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  kind text not null check (kind in ('patent', 'utility_model', 'design', 'trademark', 'copyright',
    'software_copyright', 'trade_secret_reference')),
  title_zh text not null check (length(title_zh) between 1 and 200),
  title_en text not null check (length(title_en) between 1 and 200),
  -- As written by the owner, and in the canonical form duplicates are found by.
  registry_number text check (length(registry_number) <= 64),
  registry_number_canonical text check (length(registry_number_canonical) <= 64),
  -- ISO 3166-1 alpha-2, or EP (European Patent Office) / WO (WIPO, PCT and Madrid).
  jurisdiction char(2) not null,
  filing_date date,
  grant_date date,
  expiry_date date,
  status text not null check (status in ('pending', 'granted', 'expired', 'lapsed', 'revoked')),
  -- Nice classes (trademarks, 1-45) and IPC symbols (patents and utility models, as text).
  nice_classes int[] not null default '{}',
  ipc_classes text[] not null default '{}',
  abstract_zh text not null default '' check (length(abstract_zh) <= 4000),
  abstract_en text not null default '' check (length(abstract_en) <= 4000),
  secret_document_sha256 char(64) check (secret_document_sha256 ~ '^[0-9a-f]{64}$'),
  visibility text not null check (visibility in ('draft', 'published')),
  version int not null check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((kind = 'trade_secret_reference') = (secret_document_sha256 is not null)),
  -- A trade secret is never published: its existence is the owner's business.
  check (kind <> 'trade_secret_reference' or visibility = 'draft'),
  check (grant_date is null or filing_date is null or grant_date >= filing_date),
  check (expiry_date is null or filing_date is null or expiry_date >= filing_date)
);
-- One organisation records a registered right once; two organisations claiming the same number is
-- possible (the hub does not hold the national registers) and shows as two rows.
create unique index ip_assets_one_per_holder on expo.ip_assets (organisation_id, kind, jurisdiction,
  registry_number_canonical) where registry_number_canonical is not null;
create index ip_assets_by_organisation on expo.ip_assets (organisation_id, created_at desc);
create index ip_assets_published on expo.ip_assets (kind, created_at desc) where visibility = 'published';

-- The owners of record: organisations on the hub or persons by name (never an ID number).
create table expo.ip_asset_owners (
  asset_id text not null references expo.ip_assets (id),
  organisation_id text not null references identity.organisations (id),
  position int not null check (position between 0 and 19),
  owner_organisation_id text references identity.organisations (id),
  person_name text check (length(person_name) between 1 and 200),
  primary key (asset_id, position),
  check ((owner_organisation_id is null) <> (person_name is null))
);
create index ip_asset_owners_by_org on expo.ip_asset_owners (owner_organisation_id);

-- The asset's history, append-only: created, updated, assigned (ownership moved), pledged, released.
create table expo.ip_asset_events (
  asset_id text not null references expo.ip_assets (id),
  organisation_id text not null references identity.organisations (id),
  kind text not null check (kind in ('created', 'updated', 'licensed', 'assigned_out', 'assigned_in',
    'pledged', 'pledge_released', 'watch_set')),
  detail jsonb not null default '{}',
  at timestamptz not null
);
create index ip_asset_events_by_asset on expo.ip_asset_events (asset_id, at);

-- A licence or an assignment, issued as a signed credential (documents module, type Other) and
-- accepted by a counterparty on the hub; a named party outside the hub cannot accept on it.
create table expo.ip_agreements (
  id text primary key,
  -- The licensor or assignor (the asset's holder when it was issued).
  organisation_id text not null references identity.organisations (id),
  asset_id text not null references expo.ip_assets (id),
  kind text not null check (kind in ('licence', 'assignment')),
  counterparty_organisation_id text references identity.organisations (id),
  counterparty_name text check (length(counterparty_name) between 1 and 200),
  exclusivity text check (exclusivity in ('exclusive', 'sole', 'non_exclusive')),
  territory text[] not null default '{}',
  field_of_use text not null default '' check (length(field_of_use) <= 500),
  term_start date not null,
  term_end date,
  royalty_kind text not null check (royalty_kind in ('none', 'lump_sum', 'percent')),
  royalty_amount_minor bigint check (royalty_amount_minor >= 0),
  royalty_currency char(3),
  -- A decimal string, e.g. '3.5' (percent of net sales); never a float.
  royalty_percent numeric(7, 4) check (royalty_percent > 0 and royalty_percent <= 100),
  document_id text not null,
  credential_id text not null,
  doc_hash text not null,
  status text not null check (status in ('awaiting_acceptance', 'accepted', 'issued')),
  accepted_at timestamptz,
  accepted_by text,
  created_at timestamptz not null,
  check ((counterparty_organisation_id is null) <> (counterparty_name is null)),
  check ((kind = 'licence') = (exclusivity is not null)),
  check (term_end is null or term_end >= term_start),
  check ((royalty_kind = 'lump_sum') = (royalty_amount_minor is not null and royalty_currency is not null)),
  check ((royalty_kind = 'percent') = (royalty_percent is not null))
);
create index ip_agreements_by_organisation on expo.ip_agreements (organisation_id, created_at desc);
create index ip_agreements_by_counterparty on expo.ip_agreements (counterparty_organisation_id, created_at desc);
create index ip_agreements_by_asset on expo.ip_agreements (asset_id);

-- An asset pledged as collateral with a bank. The finance module's duplicate-financing registry
-- takes invoices only (asset_type 'invoice') and already has its migration 0005, so pledges are
-- kept here; the unique index makes "pledged at most once at a time" atomic.
create table expo.ip_pledges (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  asset_id text not null references expo.ip_assets (id),
  bank_organisation_id text not null references identity.organisations (id),
  secured_amount_minor bigint not null check (secured_amount_minor > 0),
  currency char(3) not null,
  reference text check (length(reference) <= 100),
  status text not null check (status in ('active', 'released')),
  registered_at timestamptz not null,
  released_at timestamptz,
  check ((released_at is not null) = (status = 'released'))
);
create unique index ip_pledges_one_active on expo.ip_pledges (asset_id) where status = 'active';
create index ip_pledges_by_bank on expo.ip_pledges (bank_organisation_id, registered_at desc);

-- A technology-transfer listing: assets offered for licence or sale with a bilingual pitch.
create table expo.ip_listings (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  asset_ids text[] not null check (cardinality(asset_ids) between 1 and 20),
  deal text not null check (deal in ('licence', 'sale', 'either')),
  pitch_zh text not null check (length(pitch_zh) between 1 and 4000),
  pitch_en text not null check (length(pitch_en) between 1 and 4000),
  -- Technology fields (IPC sections/classes or free keywords) a buyer filters by.
  fields text[] not null default '{}',
  asking_kind text not null check (asking_kind in ('negotiable', 'price', 'royalty')),
  asking_amount_minor bigint check (asking_amount_minor >= 0),
  asking_currency char(3),
  asking_percent numeric(7, 4) check (asking_percent > 0 and asking_percent <= 100),
  -- Search tokens (lower-case words, CJK bigrams) of the pitch, titles and fields.
  tokens text[] not null default '{}',
  status text not null check (status in ('draft', 'published', 'withdrawn')),
  version int not null check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((asking_kind = 'price') = (asking_amount_minor is not null and asking_currency is not null)),
  check ((asking_kind = 'royalty') = (asking_percent is not null))
);
create index ip_listings_by_organisation on expo.ip_listings (organisation_id, created_at desc);
create index ip_listings_tokens on expo.ip_listings using gin (tokens) where status = 'published';

-- An overseas infringement watch and the hits a monitoring service (or the owner) reports.
create table expo.ip_watches (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  asset_id text not null references expo.ip_assets (id),
  jurisdictions text[] not null check (cardinality(jurisdictions) between 1 and 50),
  keywords text[] not null check (cardinality(keywords) between 1 and 20),
  status text not null check (status in ('active', 'paused')),
  created_at timestamptz not null
);
create index ip_watches_by_organisation on expo.ip_watches (organisation_id, created_at desc);

-- A hit, as an alert to the owner. The same evidence at the same URL is one alert.
create table expo.ip_alerts (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  watch_id text not null references expo.ip_watches (id),
  asset_id text not null references expo.ip_assets (id),
  url text not null check (length(url) <= 2000),
  marketplace text not null check (length(marketplace) between 1 and 100),
  country char(2) not null,
  evidence_sha256 char(64) not null check (evidence_sha256 ~ '^[0-9a-f]{64}$'),
  observed_at timestamptz not null,
  reported_by text not null,
  status text not null check (status in ('open', 'dismissed', 'dispute_intake')),
  created_at timestamptz not null,
  unique (watch_id, url, evidence_sha256)
);
create index ip_alerts_by_organisation on expo.ip_alerts (organisation_id, created_at desc);

-- What a dispute needs (parties, asset, evidence), recorded for the disputes module (issue 10),
-- which does not exist yet and will take these over. No dispute is opened by this row.
create table expo.ip_dispute_intakes (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  alert_id text not null unique references expo.ip_alerts (id),
  asset_id text not null references expo.ip_assets (id),
  case_file jsonb not null,
  status text not null check (status in ('awaiting_disputes_module')),
  created_at timestamptz not null
);
