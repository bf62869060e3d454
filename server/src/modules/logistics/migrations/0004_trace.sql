-- The verifiable trace of a shipment (docs/logistics-trace.md): its events form a hash chain in
-- arrival order, and each ingest transaction commits the heads it moved to the transparency log
-- in one TRACE_BATCH entry signed by the sending organisation.

-- chain_hash = SHA-256("tradehub-trace/v1 event\n" || previous chain hash || SHA-256(JCS(body))),
-- the previous of the first event being the shipment's genesis hash (trace.ts in the verifier).
alter table logistics.tracking_events add column chain_index bigint, add column chain_hash bytea;

-- Events received before the trace existed take their place in arrival order; their chain is
-- committed with the first head an ingest commits for their shipment after this migration.
do $$
declare
  shipment record;
  event record;
  previous bytea;
  position bigint;
begin
  for shipment in
    select s.id, s.reference from logistics.shipments s
    where exists (select 1 from logistics.tracking_events e where e.shipment_id = s.id)
  loop
    previous := sha256(convert_to(E'tradehub-trace/v1 genesis\n' || shipment.id || E'\n' || shipment.reference, 'UTF8'));
    position := 0;
    for event in
      select event_id, body_sha256 from logistics.tracking_events
      where shipment_id = shipment.id order by seq
    loop
      previous := sha256(convert_to(E'tradehub-trace/v1 event\n', 'UTF8') || previous || decode(event.body_sha256, 'hex'));
      update logistics.tracking_events set chain_index = position, chain_hash = previous
      where event_id = event.event_id;
      position := position + 1;
    end loop;
  end loop;
end
$$;

alter table logistics.tracking_events
  alter column chain_index set not null,
  alter column chain_hash set not null,
  add constraint tracking_events_chain_hash_size check (octet_length(chain_hash) = 32),
  add constraint tracking_events_chain_index_unique unique (shipment_id, chain_index);

-- One per ingest transaction that stored an event: the TRACE_BATCH entry's leaf hash
-- (the export finds its index in the log by it) and the member hashes of its tree, 32 bytes each, in order.
create table logistics.trace_batches (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  -- The DID whose key signed the entry: its record id names it, so a verifier needs it.
  signer_did text not null,
  entry_leaf_hash bytea not null check (octet_length(entry_leaf_hash) = 32),
  size int not null check (size >= 1),
  members bytea not null check (octet_length(members) = 32 * size),
  created_at timestamptz not null
);


-- Each head a batch committed: the shipment's chain at chain_length events.
create table logistics.trace_commitments (
  shipment_id text not null references logistics.shipments (id),
  chain_length bigint not null check (chain_length >= 1),
  head bytea not null check (octet_length(head) = 32),
  batch_id text not null references logistics.trace_batches (id),
  batch_index int not null check (batch_index >= 0),
  primary key (shipment_id, chain_length)
);
