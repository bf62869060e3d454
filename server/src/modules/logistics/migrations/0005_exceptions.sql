-- Exceptions of a shipment (a delay beyond the threshold, a missing milestone), the threshold
-- settings they are judged by, and the callbacks that push them to subscribers. An exception
-- belongs to its shipment, whose owning organisation is the shipper; a setting and a subscription
-- belong to the organisation that made them.

-- The shipper's threshold for all its shipments; without a row the hub's default (24 h) applies.
create table logistics.exception_settings (
  organisation_id text primary key references identity.organisations (id),
  -- At most 30 days: beyond that nothing a carrier reports would ever count as late.
  delay_threshold_minutes integer not null check (delay_threshold_minutes between 1 and 43200),
  updated_at timestamptz not null
);

-- A shipment's own threshold, set by its shipper, overriding the organisation's.
create table logistics.shipment_exception_settings (
  shipment_id text primary key references logistics.shipments (id),
  delay_threshold_minutes integer not null check (delay_threshold_minutes between 1 and 43200),
  updated_at timestamptz not null
);

create table logistics.exceptions (
  id text primary key,
  shipment_id text not null references logistics.shipments (id),
  kind text not null check (kind in ('delay', 'gap')),
  leg_index integer not null check (leg_index >= 0),
  milestone text not null check (milestone in ('departure', 'arrival')),
  -- The leg's planned time, as the shipment stores it (RFC 3339 with its offset).
  expected_at text not null,
  -- The eventDateTime of the event that showed it, as received; for a gap, the ACT that closed it.
  observed_at text,
  observed_classifier text check (observed_classifier in ('ACT', 'EST')),
  observed_event_id text,
  -- Observed minus expected; a gap has none until its milestone is reported.
  delay_minutes integer,
  state text not null check (state in ('open', 'acknowledged', 'resolved')),
  acknowledged_by_organisation_id text references identity.organisations (id),
  acknowledged_at timestamptz,
  raised_at timestamptz not null,
  updated_at timestamptz not null,
  resolved_at timestamptz,
  check ((state = 'resolved') = (resolved_at is not null)),
  check (kind = 'gap' or delay_minutes is not null)
);

-- One live exception per milestone and kind; a resolved one leaves room for a new occurrence.
create unique index exceptions_live on logistics.exceptions (shipment_id, leg_index, milestone, kind)
  where state <> 'resolved';
create index exceptions_by_shipment on logistics.exceptions (shipment_id, id);

-- Where an organisation wants its shipments' exceptions pushed. The secret signs each delivery
-- (HMAC-SHA256); it is sealed with a key derived from the hub's secret key, never stored plain.
create table logistics.exception_subscriptions (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  callback_url text not null check (length(callback_url) between 1 and 2000),
  secret_sealed text not null,
  created_at timestamptz not null,
  -- The outcome of the latest delivery attempt: an HTTP status, or 0 when none came back.
  last_delivery_at timestamptz,
  last_delivery_status integer
);

create index exception_subscriptions_by_organisation on logistics.exception_subscriptions (organisation_id, id);
