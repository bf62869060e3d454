-- Issuance batches: one ISSUE_BATCH log entry anchors every credential of one issuing transaction
-- (its doc_hash is the RFC 6962 root over their doc hashes). A credential row keeps the leaf hash
-- of the entry that anchors it, which is now shared by the members of a batch; the batch row keeps
-- the doc hashes in tree order, from which a bundle's audit path is computed.
alter table documents.credentials drop constraint credentials_entry_leaf_hash_key;
create index credentials_by_entry on documents.credentials (entry_leaf_hash);

create table documents.issue_batches (
  -- RFC 6962 leaf hash of the ISSUE_BATCH entry.
  entry_leaf_hash bytea primary key check (octet_length(entry_leaf_hash) = 32),
  organisation_id text not null references identity.organisations (id),
  -- The batch id named by the entry's record_id: SHA-256("batch/v1\n" || issuer DID || "\n" || id).
  batch_id text not null unique,
  -- The members' doc hashes, 32 bytes each, in leaf order.
  leaves bytea not null check (octet_length(leaves) > 0 and octet_length(leaves) % 32 = 0),
  created_at timestamptz not null
);

create trigger issue_batches_append_only before update or delete on documents.issue_batches
  for each row execute function documents.refuse_change();
