-- Cross-border e-commerce clearance: the CEB messages organisations submit, the parcels they make
-- up (order + payment + waybill + inventory list, matched by the platform's order number), the
-- receipts customs (the sandbox) answers with, and the log batches that anchor each message.
-- Buyer ID numbers, names and phone numbers appear only sealed (AES-GCM, platform/crypto) with a
-- keyed hash for lookup; the messages themselves are kept verbatim but sealed for the same reason.
create schema if not exists customs;

-- One MESSAGE_BATCH log entry: the messages of one receiving transaction, signed once by the
-- submitting organisation's key. `leaves` is the SHA-256 of each message's bytes, 32 bytes each
-- in batch order, so an audit path for any member can be rebuilt.
create table customs.message_batches (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  entry_leaf_hash bytea not null check (octet_length(entry_leaf_hash) = 32),
  size int not null check (size between 1 and 1000),
  leaves bytea not null check (octet_length(leaves) = 32 * size),
  created_at timestamptz not null
);

create table customs.messages (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  -- The root element's guid: a message is received once per organisation (idempotent by guid).
  guid text not null,
  message_type text not null check (message_type ~ '^CEB[0-9]{3}$'),
  direction text not null check (direction in ('import', 'export')),
  -- SHA-256 of the message exactly as received (the log commits to it).
  sha256 bytea not null check (octet_length(sha256) = 32),
  xml_sealed text not null,
  byte_length int not null,
  -- {algorithm, certNo} of a verified XML signature, null when the message was not signed.
  signature jsonb,
  batch_id text not null references customs.message_batches (id),
  batch_index int not null,
  received_at timestamptz not null,
  unique (organisation_id, guid)
);

create index messages_by_org on customs.messages (organisation_id, id desc);

-- One retail parcel, keyed as customs keys it: the platform's code and its order number.
create table customs.parcels (
  id text primary key,
  ebp_code text not null,
  order_no text not null,
  direction text not null check (direction in ('import', 'export')),
  -- waiting: the inventory list (or one of its three documents) has not arrived; failed: the
  -- documents do not agree; released / inspection / refused: the sandbox's decision; cancelled
  -- and returned after release.
  state text not null check (state in ('waiting', 'failed', 'released', 'inspection', 'refused',
    'cancelled', 'returned')),
  trade_mode text,
  customs_code text,
  order_message_id text references customs.messages (id),
  payment_message_id text references customs.messages (id),
  waybill_message_id text references customs.messages (id),
  inventory_message_id text references customs.messages (id),
  logistics_code text,
  logistics_no text,
  invt_no text,
  -- The E-port pre-entry number the inventory list was given when first accepted.
  pre_no text,
  buyer_id_hash text,
  buyer_id_sealed text,
  buyer_name_sealed text,
  buyer_phone_sealed text,
  dutiable_value numeric(19, 5),
  tax_total numeric(19, 5),
  -- The tax bill lines and totals, the matching findings and the risk hits, as last computed.
  tax jsonb,
  findings jsonb not null default '[]',
  risk jsonb,
  -- Why the sandbox refused (quota, limits, tariff), as a code.
  refusal_code text,
  version int not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (ebp_code, order_no)
);

create index parcels_by_logistics_no on customs.parcels (logistics_no) where logistics_no is not null;
create index parcels_by_state on customs.parcels (state, updated_at desc);

-- The organisations that submitted a document of the parcel: they see it (and customs does).
create table customs.parcel_parties (
  parcel_id text not null references customs.parcels (id),
  organisation_id text not null references identity.organisations (id),
  primary key (organisation_id, parcel_id)
);

-- What happened to a parcel, in order: a document arrived, matching ran, a decision was taken.
create table customs.parcel_events (
  parcel_id text not null references customs.parcels (id),
  seq int not null,
  at timestamptz not null,
  kind text not null,
  state text not null,
  message_id text references customs.messages (id),
  detail jsonb,
  primary key (parcel_id, seq)
);

-- Every receipt answered for a message (CEB312 ... CEB900, and the CEB816 tax bill), verbatim.
create table customs.receipts (
  id text primary key,
  message_id text not null references customs.messages (id),
  organisation_id text not null references identity.organisations (id),
  parcel_id text references customs.parcels (id),
  receipt_type text not null check (receipt_type ~ '^CEB[0-9]{3}$'),
  return_status text not null,
  return_info text not null,
  xml text not null,
  created_at timestamptz not null
);

create index receipts_by_org on customs.receipts (organisation_id, id);
create index receipts_by_message on customs.receipts (message_id);

-- The 9-digit serial of customs inventory numbers (customs area + year + I/E + serial).
create sequence customs.inventory_serial;
-- The 9-digit serial of E-port pre-entry numbers (B + date + serial).
create sequence customs.pre_entry_serial;
