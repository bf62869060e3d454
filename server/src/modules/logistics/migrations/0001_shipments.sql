-- Shipments (legs, containers, cargo lines, the orders they carry) and the DCSA Track & Trace 2.2
-- events reported on them. The owning organisation of a shipment is its shipper (the creator);
-- who else sees it is recorded in shipment_parties, fixed when the shipment is created.
create schema if not exists logistics;

create table logistics.shipments (
  id text primary key,
  shipper_organisation_id text not null references identity.organisations (id),
  forwarder_organisation_id text references identity.organisations (id),
  carrier_organisation_id text references identity.organisations (id),
  -- The shipper's own reference.
  reference text not null check (length(reference) between 1 and 35),
  -- DCSA references an event ties itself to the shipment by.
  carrier_booking_reference text check (length(carrier_booking_reference) between 1 and 35),
  transport_document_reference text check (length(transport_document_reference) between 1 and 20),
  -- ShipmentContent: legs, containers, cargo lines (weights as decimal strings).
  content jsonb not null,
  created_at timestamptz not null
);

create index shipments_by_booking on logistics.shipments (carrier_booking_reference)
  where carrier_booking_reference is not null;
create index shipments_by_transport_document on logistics.shipments (transport_document_reference)
  where transport_document_reference is not null;

create table logistics.shipment_orders (
  shipment_id text not null references logistics.shipments (id),
  order_id text not null,
  primary key (shipment_id, order_id)
);

-- Who may see a shipment and why; shipper, forwarder and carrier may also report events on it.
create table logistics.shipment_parties (
  shipment_id text not null references logistics.shipments (id),
  organisation_id text not null references identity.organisations (id),
  role text not null check (role in ('shipper', 'forwarder', 'carrier', 'seller', 'buyer')),
  primary key (shipment_id, organisation_id, role)
);

create index shipment_parties_by_organisation on logistics.shipment_parties (organisation_id, shipment_id);

create table logistics.shipment_containers (
  shipment_id text not null references logistics.shipments (id),
  -- ISO 6346, normalised (no spaces), check digit verified.
  container_number text not null,
  size_type text not null,
  primary key (shipment_id, container_number)
);

create index shipment_containers_by_number on logistics.shipment_containers (container_number);

-- Every DCSA event accepted, as received. Never updated or deleted: a correction is a new event.
create table logistics.tracking_events (
  -- The DCSA eventID (a UUID, lower-cased): an event is stored once, a resend is a replay.
  event_id text primary key,
  -- Arrival order, the tie-breaker when two events share an event time.
  seq bigint generated always as identity,
  shipment_id text not null references logistics.shipments (id),
  sender_organisation_id text not null references identity.organisations (id),
  event_type text not null check (event_type in ('SHIPMENT', 'TRANSPORT', 'EQUIPMENT')),
  event_classifier_code text not null,
  type_code text not null,
  event_date_time timestamptz not null,
  event_created_date_time timestamptz not null,
  carrier_booking_reference text,
  transport_document_reference text,
  equipment_reference text,
  body jsonb not null,
  -- SHA-256 of the RFC 8785 canonical JSON of the body: same id and other content is a conflict.
  body_sha256 text not null check (length(body_sha256) = 64),
  received_at timestamptz not null
);

-- Late and out-of-order events take their place by event time, not by arrival.
create index tracking_events_by_shipment on logistics.tracking_events (shipment_id, event_date_time, seq);
