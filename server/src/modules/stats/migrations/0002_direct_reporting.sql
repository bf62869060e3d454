-- Enterprise direct reporting (企业直报): versioned report forms, the enterprises a commerce
-- department has registered as reporting to it, and the reports with their review history.

-- A form edition as it was when the first report was filled against it; the hash lets the code
-- refuse a definition edited in place without a new version.
create table stats.report_forms (
  code text not null check (code in ('monthly_services', 'annual_digital_survey')),
  version integer not null check (version > 0),
  definition jsonb not null,
  hash char(64) not null check (hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  primary key (code, version)
);

-- Who must report to whom: a regulator registers an enterprise; an enterprise reports to one.
create table stats.reporting_enterprises (
  enterprise_organisation_id text primary key references identity.organisations (id),
  regulator_organisation_id text not null references identity.organisations (id),
  registered_at timestamptz not null default now(),
  check (enterprise_organisation_id <> regulator_organisation_id)
);
create index reporting_enterprises_by_regulator on stats.reporting_enterprises (regulator_organisation_id);

create table stats.reports (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  regulator_organisation_id text not null references identity.organisations (id),
  form_code text not null,
  form_version integer not null,
  -- YYYY-MM for a monthly form, YYYY for an annual one.
  period text not null check (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
  city char(6) not null check (city ~ '^33[0-9]{4}$'),
  status text not null check (status in ('draft', 'submitted', 'returned', 'accepted')),
  -- Cell name to the text the enterprise gave; money in integer cents, never a float.
  cell_values jsonb not null default '{}'::jsonb,
  -- Cell name to the enterprise's reason for a month-on-month jump it confirms.
  confirmations jsonb not null default '{}'::jsonb,
  -- The reviewer's comments of the last return: cell name (or `report`) to text.
  review_comments jsonb not null default '{}'::jsonb,
  had_confirmed_warnings boolean not null default false,
  first_submitted_at timestamptz,
  submitted_at timestamptz,
  accepted_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (form_code, form_version) references stats.report_forms (code, version),
  -- One report per enterprise, form and period: an accepted period cannot be reported again.
  unique (organisation_id, form_code, period),
  check ((status = 'accepted') = (accepted_at is not null)),
  check ((status = 'draft') = (first_submitted_at is null))
);
create index reports_by_regulator on stats.reports (regulator_organisation_id, status);

create table stats.report_events (
  id bigint generated always as identity primary key,
  report_id text not null references stats.reports (id),
  organisation_id text not null references identity.organisations (id),
  kind text not null check (kind in ('created', 'saved', 'uploaded', 'submitted', 'returned', 'accepted')),
  comments jsonb,
  at timestamptz not null default now()
);
create index report_events_by_report on stats.report_events (report_id, id);
