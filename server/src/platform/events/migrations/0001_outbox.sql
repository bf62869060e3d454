-- The transactional outbox: a module writes its event in the same transaction as the change it
-- describes, so the event exists if and only if the change committed. The dispatcher delivers
-- rows to subscribers at least once; consumers dedupe through events.consumed.
create schema if not exists events;

create table events.outbox (
  id text primary key,
  -- Delivery order; bigserial so ids from several nodes still have one total order.
  seq bigserial not null unique,
  topic text not null,
  organisation_id text,
  payload jsonb not null,
  occurred_at timestamptz not null default now(),
  attempts int not null default 0,
  -- Doubles as the lease: a claimed row is pushed into the future while it is being delivered.
  next_attempt_at timestamptz not null default now(),
  dispatched_at timestamptz,
  -- Set when the last allowed attempt failed; such a row waits for a person, not a timer.
  dead_at timestamptz,
  last_error text
);

-- The dispatcher's claim: undelivered live rows in seq order. Partial, so delivered history
-- does not slow it down.
create index outbox_pending on events.outbox (seq)
  where dispatched_at is null and dead_at is null;

-- Which consumer already handled which event: at-least-once delivery, exactly-once effects.
create table events.consumed (
  consumer text not null,
  event_id text not null,
  consumed_at timestamptz not null default now(),
  primary key (consumer, event_id)
);
