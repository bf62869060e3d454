-- Booking requests a shipper sends a forwarder, and the inbound DCSA T&T 2.2 event callbacks
-- (subscriptions) a carrier or forwarder posts events to. The owning organisation of a booking is
-- its shipper (the requester); the forwarder it names sees it too and nobody else does.
create table logistics.bookings (
  id text primary key,
  shipper_organisation_id text not null references identity.organisations (id),
  forwarder_organisation_id text not null references identity.organisations (id),
  -- The shipper's reference, which the shipment created on confirmation carries.
  reference text not null check (length(reference) between 1 and 35),
  status text not null check (status in ('requested', 'confirmed', 'declined', 'cancelled')),
  -- BookingRequestContent: requested legs, equipment, cargo lines (weights as decimal strings), remarks.
  request jsonb not null,
  carrier_booking_reference text check (length(carrier_booking_reference) between 1 and 35),
  carrier_organisation_id text references identity.organisations (id),
  shipment_id text references logistics.shipments (id),
  decline_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- A confirmed booking is its shipment; a declined one says why.
  check ((status = 'confirmed') = (shipment_id is not null and carrier_booking_reference is not null)),
  check ((status = 'declined') = (decline_reason is not null))
);

create index bookings_by_shipper on logistics.bookings (shipper_organisation_id, id);
create index bookings_by_forwarder on logistics.bookings (forwarder_organisation_id, id);

create table logistics.booking_orders (
  booking_id text not null references logistics.bookings (id),
  order_id text not null,
  primary key (booking_id, order_id)
);

-- An inbound DCSA event subscription: the carrier posts events to /api/logistics/event-callbacks/<id>
-- signed with the shared secret, and they are received as sent by `organisation_id`.
create table logistics.event_callbacks (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  description text check (length(description) between 1 and 200),
  -- The 32-byte HMAC key, sealed with AES-256-GCM under a key derived from the hub's secret key:
  -- the signature check needs the key itself, so it cannot be stored as a hash.
  secret_sealed text not null,
  created_at timestamptz not null,
  created_by text
);

create index event_callbacks_by_organisation on logistics.event_callbacks (organisation_id, id);
