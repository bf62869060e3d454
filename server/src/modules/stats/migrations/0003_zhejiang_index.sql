-- The Zhejiang Index: runs a commerce department computed from the facts with a versioned spec,
-- and the one run published for each year. A run is never changed after it is computed, except
-- for its publication state; a newer publication supersedes the old, which stays readable by id.
create table stats.index_runs (
  id text primary key,
  -- The commerce department (a regulator) that computed the run: only it sees the run unpublished.
  organisation_id text not null references identity.organisations (id),
  year integer not null check (year between 2000 and 2100),
  base_year integer not null check (base_year <= year),
  spec_id text not null,
  spec_version integer not null check (spec_version > 0),
  spec_hash char(64) not null check (spec_hash ~ '^[0-9a-f]{64}$'),
  engine text not null,
  seed bigint not null,
  runs integer not null check (runs > 0),
  -- SHA-256 of the indicator data the run was computed from: the same facts give the same hash.
  inputs_hash char(64) not null check (inputs_hash ~ '^[0-9a-f]{64}$'),
  synthetic boolean not null,
  -- The published view (scores, ranks, bands, strengths, series) and the per-city indicator table.
  result jsonb not null,
  status text not null check (status in ('computed', 'published', 'superseded')),
  created_by text not null,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  -- The publishing department's name in English and Chinese, as the public page shows it.
  published_by text,
  published_by_zh text,
  superseded_at timestamptz,
  check ((status = 'computed') = (published_at is null))
);
create index index_runs_by_organisation on stats.index_runs (organisation_id, year, created_at);

-- One published run per year: what the public page, the downloads and the white paper read.
create table stats.index_publications (
  year integer primary key,
  run_id text not null unique references stats.index_runs (id),
  organisation_id text not null references identity.organisations (id),
  published_at timestamptz not null,
  published_by text not null,
  published_by_zh text not null
);
