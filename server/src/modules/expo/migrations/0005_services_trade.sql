-- Services-trade records (issue 11 §6): service contracts between a Zhejiang provider and a client
-- abroad with their deliveries, and technology import/export contracts with their MOFCOM
-- registration (技术进出口合同登记). Every row belongs to the provider or Chinese party
-- (organisation_id); a client organisation named on a contract may read it, nothing more.

create table expo.service_contracts (
  id text primary key,
  -- The Zhejiang provider.
  organisation_id text not null references identity.organisations (id),
  reference text not null check (length(reference) between 1 and 80),
  title text not null check (length(title) between 1 and 200),
  -- The client abroad, as written on the contract; a hub organisation when it has one.
  client_name text not null check (length(client_name) between 1 and 200),
  client_country char(2) not null check (client_country ~ '^[A-Z]{2}$' and client_country <> 'CN'),
  client_organisation_id text references identity.organisations (id),
  -- EBOPS 2010 item code (e.g. 'SI2'), checked against the catalogue's classification.
  ebops_code text not null check (ebops_code ~ '^S[A-L][0-9.]{0,8}$'),
  gats_mode text not null check (gats_mode in ('mode1', 'mode2', 'mode3', 'mode4')),
  currency char(3) not null,
  value_minor bigint not null check (value_minor > 0),
  -- Kept equal to the sum of the deliveries in the transaction that records one: the row lock on
  -- the contract makes "sum of deliveries <= value" hold under concurrent recording.
  delivered_minor bigint not null default 0 check (delivered_minor >= 0 and delivered_minor <= value_minor),
  starts_on date not null,
  ends_on date not null check (ends_on >= starts_on),
  digitally_delivered boolean not null,
  -- [{ kind: 'document', documentId } | { kind: 'file', sha256, name, sizeBytes }]
  evidence jsonb not null default '[]',
  status text not null check (status in ('active', 'completed', 'terminated')),
  version int not null check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (organisation_id, reference)
);
create index service_contracts_by_organisation on expo.service_contracts (organisation_id, created_at desc);
create index service_contracts_by_client on expo.service_contracts (client_organisation_id)
  where client_organisation_id is not null;

-- A delivery or instalment against a contract: append-only, each one a statistics fact.
create table expo.service_deliveries (
  id text primary key,
  contract_id text not null references expo.service_contracts (id),
  organisation_id text not null references identity.organisations (id),
  delivered_on date not null,
  currency char(3) not null,
  value_minor bigint not null check (value_minor > 0),
  note text not null default '' check (length(note) <= 2000),
  evidence jsonb not null default '[]',
  -- The outbox event that carries it to the statistics.
  event_id text not null,
  created_at timestamptz not null
);
create index service_deliveries_by_contract on expo.service_deliveries (contract_id, delivered_on);

-- Technology import and export contracts (技术进出口合同) and their registration.
create table expo.technology_contracts (
  id text primary key,
  -- The Chinese party.
  organisation_id text not null references identity.organisations (id),
  reference text not null check (length(reference) between 1 and 80),
  direction text not null check (direction in ('import', 'export')),
  foreign_party_name text not null check (length(foreign_party_name) between 1 and 200),
  foreign_party_country char(2) not null check (foreign_party_country ~ '^[A-Z]{2}$' and foreign_party_country <> 'CN'),
  foreign_organisation_id text references identity.organisations (id),
  technology_name text not null check (length(technology_name) between 1 and 200),
  -- patent_assignment, patent_licensing, know_how, technical_services … (domain-technology.ts)
  technology_fields text[] not null check (cardinality(technology_fields) >= 1),
  -- 自由类 / 限制类; a prohibited technology is refused and never stored.
  category text not null check (category in ('free', 'restricted')),
  -- The entry of the Catalogue of Technologies Prohibited or Restricted from Export/Import.
  catalogue_entry text,
  licence_number text check (length(licence_number) between 1 and 80),
  currency char(3) not null,
  value_minor bigint not null check (value_minor > 0),
  payment_method text not null check (payment_method in ('lump_sum', 'royalty', 'mixed')),
  term_starts_on date not null,
  term_ends_on date not null check (term_ends_on >= term_starts_on),
  status text not null check (status in ('draft', 'registered', 'cancelled')),
  registration_number text unique,
  registered_on date,
  version int not null check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (organisation_id, reference),
  check ((category = 'restricted') = (catalogue_entry is not null)),
  -- A registered contract has its number and date; a cancelled registration keeps them.
  check (status <> 'registered' or (registration_number is not null and registered_on is not null)),
  check ((registration_number is null) = (registered_on is null))
);
create index technology_contracts_by_organisation on expo.technology_contracts (organisation_id, created_at desc);

-- The registration numbers given out, one counter per year: the upsert is atomic.
create table expo.technology_registration_counters (
  year int primary key,
  last_number int not null
);

-- Status history of both kinds of contract (DESIGN: a status change appends a history row).
create table expo.services_trade_history (
  id bigint generated always as identity primary key,
  object_id text not null,
  organisation_id text not null references identity.organisations (id),
  from_status text,
  to_status text not null,
  reason text,
  at timestamptz not null
);
create index services_trade_history_by_object on expo.services_trade_history (object_id, id);
