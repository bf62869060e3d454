-- Facts from the other modules' events (facts/from-events.ts). An event that cannot become a fact
-- yet (no exchange rate for its day, an organisation not found) is parked here with the reason and
-- retried until it maps; it is never dropped, and never counted twice: once it maps, its facts go
-- in through insertFacts (unique by source and reference) and the row is deleted in one transaction.
create table stats.fact_intake (
  event_id text primary key,
  topic text not null,
  payload jsonb not null,
  occurred_at timestamptz not null,
  reason text not null check (reason in ('no_rate', 'unknown_currency', 'unknown_enterprise',
    'invalid_payload')),
  detail text not null,
  attempts integer not null default 1,
  parked_at timestamptz not null,
  last_attempt_at timestamptz not null
);
create index fact_intake_by_age on stats.fact_intake (last_attempt_at);

-- The enterprise drill-down reads the facts themselves (the rollups have no enterprise): this index
-- keeps it to the period's months instead of the whole table.
create index facts_by_month on stats.facts (month, flow, kind);
