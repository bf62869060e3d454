-- The expo's catalogue (issue 11 §1): an exhibitor's bilingual showcase of products and services,
-- and the expo events with their halls, booths and schedule. Every row belongs to an organisation:
-- a showcase to its exhibitor, an event and everything in it to its organiser. Published rows are
-- what buyers browse and search; drafts and withdrawn rows are their owner's alone.
create schema if not exists expo;

-- One showcase per organisation; the organisation's legal name and country stay in identity.
create table expo.exhibitors (
  organisation_id text primary key references identity.organisations (id),
  display_name_zh text not null check (length(display_name_zh) between 1 and 200),
  display_name_en text not null check (length(display_name_en) between 1 and 200),
  intro_zh text not null default '' check (length(intro_zh) <= 4000),
  intro_en text not null default '' check (length(intro_en) <= 4000),
  -- ISO 3166-1 alpha-2, and the city the buyer sees (a UN/LOCODE when known).
  country char(2) not null,
  city_zh text,
  city_en text,
  unlocode char(5),
  website text check (length(website) <= 500),
  -- Markets the exhibitor already ships to (ISO 3166-1 alpha-2): delivery capability.
  export_markets text[] not null default '{}',
  status text not null check (status in ('draft', 'published', 'withdrawn')),
  version int not null check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table expo.products (
  id text primary key,
  organisation_id text not null references expo.exhibitors (organisation_id),
  name_zh text not null check (length(name_zh) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  description_zh text not null default '' check (length(description_zh) <= 8000),
  description_en text not null default '' check (length(description_en) <= 8000),
  -- HS 2022 subheading (six digits), checked against the shipped nomenclature; the chapter is
  -- kept for filtering.
  hs_code char(6) not null check (hs_code ~ '^[0-9]{6}$'),
  hs_chapter char(2) not null check (hs_chapter = substr(hs_code, 1, 2)),
  -- [{ url, altZh, altEn }]
  images jsonb not null default '[]',
  -- Minimum order quantity as a decimal and its UN/ECE Recommendation 20 unit.
  moq numeric(18, 3) not null check (moq > 0),
  moq_unit text not null check (moq_unit ~ '^[A-Z0-9]{2,3}$'),
  -- Unit price range in minor units of one currency, per the MOQ unit.
  price_currency char(3) not null,
  price_min_minor bigint not null check (price_min_minor >= 0),
  price_max_minor bigint not null check (price_max_minor >= price_min_minor),
  lead_time_days int not null check (lead_time_days between 0 and 730),
  -- ISO 3166-1 alpha-2 countries the product is sold to (empty: the exhibitor's markets).
  export_markets text[] not null default '{}',
  status text not null check (status in ('draft', 'published', 'withdrawn')),
  version int not null check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index products_by_organisation on expo.products (organisation_id, created_at desc);
create index products_published_by_chapter on expo.products (hs_chapter) where status = 'published';

-- A certification claimed for a product (CE, RoHS, FCC, CCC, ISO 9001 …). Backed by a verifiable
-- credential (a documents-module document) it is `verified` while that credential is valid;
-- without one it is `self_declared`.
create table expo.product_certifications (
  product_id text not null references expo.products (id),
  organisation_id text not null references expo.exhibitors (organisation_id),
  scheme text not null check (scheme ~ '^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$'),
  credential_document_id text,
  verification text not null check (verification in ('self_declared', 'verified', 'revoked', 'expired')),
  verified_at timestamptz,
  created_at timestamptz not null,
  primary key (product_id, scheme)
);

create table expo.services (
  id text primary key,
  organisation_id text not null references expo.exhibitors (organisation_id),
  name_zh text not null check (length(name_zh) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  description_zh text not null default '' check (length(description_zh) <= 8000),
  description_en text not null default '' check (length(description_en) <= 8000),
  -- EBOPS 2010 item code (e.g. 'SI2' computer services), from the shipped classification.
  ebops_code text not null check (ebops_code ~ '^S[A-L][0-9.]{0,8}$'),
  -- GATS modes of supply: 'mode1' cross-border … 'mode4' presence of natural persons.
  gats_modes text[] not null check (cardinality(gats_modes) >= 1),
  -- BCP 47 language tags the service is delivered in.
  languages text[] not null default '{}',
  -- [{ clientName, country, year, descriptionZh, descriptionEn }]
  client_references jsonb not null default '[]',
  status text not null check (status in ('draft', 'published', 'withdrawn')),
  version int not null check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index services_by_organisation on expo.services (organisation_id, created_at desc);

-- An expo event: the annual Global Digital Trade Expo, or a themed online week.
create table expo.events (
  id text primary key,
  -- The organiser.
  organisation_id text not null references identity.organisations (id),
  kind text not null check (kind in ('annual_expo', 'online_week')),
  name_zh text not null check (length(name_zh) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  theme_zh text not null default '',
  theme_en text not null default '',
  starts_on date not null,
  ends_on date not null check (ends_on >= starts_on),
  -- IANA time zone the schedule is set in (Asia/Shanghai for Hangzhou).
  time_zone text not null,
  venue_zh text,
  venue_en text,
  -- The venue's UN/LOCODE for an offline event; null for an online-only one.
  unlocode char(5),
  status text not null check (status in ('draft', 'published', 'cancelled')),
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table expo.halls (
  id text primary key,
  event_id text not null references expo.events (id),
  organisation_id text not null references identity.organisations (id),
  name_zh text not null check (length(name_zh) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  -- HS chapters the hall gathers (empty: any).
  hs_chapters text[] not null default '{}',
  created_at timestamptz not null
);
create index halls_by_event on expo.halls (event_id);

create table expo.booths (
  id text primary key,
  hall_id text not null references expo.halls (id),
  event_id text not null references expo.events (id),
  -- The organiser owns the booth; the exhibitor is assigned to it.
  organisation_id text not null references identity.organisations (id),
  code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9-]{0,15}$'),
  exhibitor_organisation_id text references expo.exhibitors (organisation_id),
  assigned_at timestamptz,
  created_at timestamptz not null,
  unique (event_id, code)
);
create index booths_by_exhibitor on expo.booths (exhibitor_organisation_id);

-- The schedule: forums, launches and matchmaking sessions of an event.
create table expo.schedule_sessions (
  id text primary key,
  event_id text not null references expo.events (id),
  organisation_id text not null references identity.organisations (id),
  hall_id text references expo.halls (id),
  title_zh text not null check (length(title_zh) between 1 and 200),
  title_en text not null check (length(title_en) between 1 and 200),
  speaker_zh text,
  speaker_en text,
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  created_at timestamptz not null
);
create index schedule_sessions_by_event on expo.schedule_sessions (event_id, starts_at);
