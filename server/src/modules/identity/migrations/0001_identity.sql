-- Organisations, people, sessions, invitations and API keys. Memberships are relations in
-- access.relations; every row here belongs to an organisation or is the person's own.
create schema if not exists identity;

create table identity.organisations (
  id text primary key,
  name_zh text not null,
  name_en text not null,
  kind text not null,
  country char(2) not null,
  uscc char(18),
  customs_code char(10),
  eori text,
  lei char(20),
  website text,
  address_street text,
  address_city text,
  address_postcode text,
  address_unlocode char(5),
  unlocode_status text check (unlocode_status in ('verified', 'unverified')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by text
);

-- One registration per legal entity: two organisations cannot claim the same credit code or LEI.
create unique index organisations_uscc on identity.organisations (uscc) where uscc is not null;
create unique index organisations_lei on identity.organisations (lei) where lei is not null;

create table identity.users (
  id text primary key,
  email text not null,
  display_name text not null,
  password_hash text,
  locale text check (locale in ('zh-CN', 'en')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  disabled_at timestamptz
);

create unique index users_email on identity.users (lower(email));

create table identity.sessions (
  id text primary key,
  token_hash text not null unique,
  user_id text not null references identity.users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now(),
  revoked_at timestamptz
);

create index sessions_by_user on identity.sessions (user_id);

create table identity.invitations (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  email text not null,
  role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
  token_hash text not null unique,
  created_by text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by text,
  revoked_at timestamptz
);

create index invitations_by_organisation on identity.invitations (organisation_id, created_at desc);

create table identity.api_keys (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  name text not null,
  scopes text[] not null,
  secret_hash text not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create index api_keys_by_organisation on identity.api_keys (organisation_id, created_at desc);
