-- The policy-measure tracker (§24 of the policy, issue 8 §8). The measures and the responsible
-- agencies are platform reference data kept in code (policy-measures/measures.zh-en.json, checked
-- against the policy text): rows here name a measure by its number and an agency by its code.
-- Everything tracked belongs to an organisation: a programme to the joint-meeting office (the
-- commerce department, a regulator), a progress report to the agency organisation that wrote it.

create table stats.policy_programmes (
  id text primary key,
  -- The office running the programme; a city's commerce bureau may run its own (§24: 各市县要建立相应机制).
  organisation_id text not null unique references identity.organisations (id),
  created_at timestamptz not null
);

-- Which hub organisation stands for an agency of the policy in a programme; an organisation may
-- stand for several (the commerce department is the office and the lead of most measures).
create table stats.policy_agency_organisations (
  programme_id text not null references stats.policy_programmes (id),
  -- The office's organisation: the mapping is its decision and its row.
  organisation_id text not null references identity.organisations (id),
  agency_code text not null check (agency_code ~ '^[a-z][a-z0-9-]{1,47}$'),
  agency_organisation_id text not null references identity.organisations (id),
  mapped_at timestamptz not null,
  primary key (programme_id, agency_code)
);
create index policy_agency_organisations_by_agency_org
  on stats.policy_agency_organisations (agency_organisation_id);

create table stats.policy_tasks (
  id text primary key,
  programme_id text not null references stats.policy_programmes (id),
  -- The office's organisation: tasks are the programme's, whoever created them.
  organisation_id text not null references identity.organisations (id),
  measure_number integer not null check (measure_number between 1 and 99),
  owner_agency_code text not null check (owner_agency_code ~ '^[a-z][a-z0-9-]{1,47}$'),
  -- In Chinese, in English, or one of them as free text.
  title_zh text check (length(title_zh) between 1 and 200),
  title_en text check (length(title_en) between 1 and 200),
  due_date date not null,
  status text not null check (status in ('planned', 'in_progress', 'done', 'blocked')),
  done_at timestamptz,
  created_by_organisation_id text not null references identity.organisations (id),
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (title_zh is not null or title_en is not null),
  check ((status = 'done') = (done_at is not null))
);
create index policy_tasks_by_measure on stats.policy_tasks (programme_id, measure_number);
create index policy_tasks_by_agency on stats.policy_tasks (programme_id, owner_agency_code);

create table stats.policy_milestones (
  id text primary key,
  task_id text not null references stats.policy_tasks (id),
  organisation_id text not null references identity.organisations (id),
  title_zh text check (length(title_zh) between 1 and 200),
  title_en text check (length(title_en) between 1 and 200),
  due_date date not null,
  done_at timestamptz,
  created_at timestamptz not null,
  check (title_zh is not null or title_en is not null)
);
create index policy_milestones_by_task on stats.policy_milestones (task_id, due_date);

create table stats.policy_reports (
  id text primary key,
  task_id text not null references stats.policy_tasks (id),
  programme_id text not null references stats.policy_programmes (id),
  -- The agency organisation that wrote the report, and the agency it wrote as.
  organisation_id text not null references identity.organisations (id),
  agency_code text not null,
  -- A calendar quarter: reports are quarterly.
  period text not null check (period ~ '^[0-9]{4}-Q[1-4]$'),
  body text not null check (length(body) between 1 and 10000),
  -- Progress of the task as a whole number of percent, never a float.
  percent integer not null check (percent between 0 and 100),
  -- Links ({kind: link, url}) and hub documents ({kind: document, documentId}).
  attachments jsonb not null default '[]'::jsonb,
  submitted_at timestamptz not null,
  unique (task_id, period)
);
create index policy_reports_by_programme on stats.policy_reports (programme_id, period);

-- Each change of a task, its milestones and reports, in order: the history the measure page shows.
create table stats.policy_task_events (
  id bigint generated always as identity primary key,
  task_id text not null references stats.policy_tasks (id),
  organisation_id text not null references identity.organisations (id),
  kind text not null check (kind in ('created', 'updated', 'status_changed', 'milestone_added',
    'milestone_done', 'milestone_reopened', 'milestone_updated', 'report_submitted')),
  from_status text,
  to_status text,
  at timestamptz not null
);
create index policy_task_events_by_task on stats.policy_task_events (task_id, id);
