-- Transferable records (electronic bills of lading): one title chain per issued BillOfLading,
-- every action a TradeLogEntry in the transparency log signed by the then-holder's key. The head
-- of a record is the compare-and-set target that makes two transfers from one state impossible
-- (MLETR singularity); the actions are the append-only history a verifier replays.

create table documents.transferable_records (
  id text primary key,
  -- The BillOfLading it was created from; one record per document, ever.
  document_id text not null unique references documents.credentials (id),
  -- SHA-256("record/v1\n" || issuer DID || "\n" || credential id || "#title"): record_id of
  -- every entry of the chain.
  record_id bytea not null unique check (octet_length(record_id) = 32),
  issuer_organisation_id text not null references identity.organisations (id),
  holder_organisation_id text not null references identity.organisations (id),
  -- The named endorsee; null before any endorsement and after a blank endorsement.
  endorsee_organisation_id text references identity.organisations (id),
  -- Who surrendered it, while it is surrendered: a rejected surrender goes back to them.
  surrendered_by_organisation_id text references identity.organisations (id),
  status text not null check (status in ('active', 'surrendered', 'accomplished')),
  -- doc_hash of the current version of the document (AMEND changes it).
  doc_hash bytea not null check (octet_length(doc_hash) = 32),
  current_document_id text not null references documents.credentials (id),
  -- RFC 6962 leaf hash of the latest action's entry: the next entry's prev_entry_hash.
  head_hash bytea not null check (octet_length(head_hash) = 32),
  action_count int not null check (action_count >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((status = 'surrendered') = (surrendered_by_organisation_id is not null))
);

create index transferable_records_by_holder on documents.transferable_records (holder_organisation_id, id desc);
create index transferable_records_by_issuer on documents.transferable_records (issuer_organisation_id, id desc);

-- Every action of every record, in chain order; never updated except to remember the log index
-- once the log has integrated the entry.
create table documents.transferable_record_actions (
  record_id text not null references documents.transferable_records (id),
  seq int not null check (seq >= 1),
  action text not null check (action in ('issue', 'transfer_holder', 'endorse', 'blank_endorse',
    'surrender_for_delivery', 'accept_surrender', 'reject_surrender', 'amend')),
  kind smallint not null,
  by_organisation_id text not null references identity.organisations (id),
  to_organisation_id text references identity.organisations (id),
  document_id text not null references documents.credentials (id),
  entry bytea not null check (octet_length(entry) = 266),
  entry_leaf_hash bytea not null unique check (octet_length(entry_leaf_hash) = 32),
  log_index bigint check (log_index >= 0),
  at timestamptz not null,
  primary key (record_id, seq)
);

-- "Records this organisation took part in": the visibility rule and role=past.
create index transferable_record_actions_by_actor on documents.transferable_record_actions (by_organisation_id);
create index transferable_record_actions_by_receiver on documents.transferable_record_actions (to_organisation_id);

create function documents.guard_transferable_record_action() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'documents.transferable_record_actions is append-only';
  end if;
  if new.record_id <> old.record_id or new.seq <> old.seq or new.action <> old.action
     or new.kind <> old.kind or new.by_organisation_id <> old.by_organisation_id
     or new.to_organisation_id is distinct from old.to_organisation_id
     or new.document_id <> old.document_id or new.entry <> old.entry
     or new.entry_leaf_hash <> old.entry_leaf_hash or new.at <> old.at
     or (old.log_index is not null and new.log_index is distinct from old.log_index) then
    raise exception 'documents.transferable_record_actions is append-only';
  end if;
  return new;
end;
$$;

create trigger transferable_record_actions_append_only before update or delete
  on documents.transferable_record_actions
  for each row execute function documents.guard_transferable_record_action();

create function documents.refuse_record_delete() returns trigger language plpgsql as $$
begin
  raise exception 'documents.transferable_records keeps every record';
end;
$$;

create trigger transferable_records_keep before delete on documents.transferable_records
  for each row execute function documents.refuse_record_delete();
