-- Signed trade documents: W3C Verifiable Credentials anchored in the transparency log, and the
-- Bitstring Status Lists that revoke and suspend them. Every row belongs to one organisation.
create schema if not exists documents;

-- One issued credential. `credential` is the signed JSON exactly as it was signed (text, not
-- jsonb, so nothing reorders or renormalises it); the other columns are what lists filter on.
create table documents.credentials (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  credential_id text not null unique,
  document_type text not null check (document_type in (
    'CommercialInvoice', 'PackingList', 'CertificateOfOrigin', 'BillOfLading', 'InsuranceCertificate',
    'InspectionCertificate', 'PurchaseOrder', 'Other')),
  document_number text not null check (length(document_number) between 1 and 100),
  credential text not null,
  -- SHA-256(JCS(credential without proof)): the doc_hash of the ISSUE entry.
  doc_hash bytea not null unique check (octet_length(doc_hash) = 32),
  -- SHA-256("record/v1\n" || issuer DID || "\n" || credential id): the record in the log.
  record_id bytea not null unique check (octet_length(record_id) = 32),
  -- RFC 6962 leaf hash of the ISSUE entry; the log index is looked up by it once integrated and
  -- then kept in log_index.
  entry_leaf_hash bytea not null unique check (octet_length(entry_leaf_hash) = 32),
  log_index bigint check (log_index >= 0),
  -- The same position in the organisation's revocation and suspension lists.
  status_index int not null check (status_index >= 0),
  revoked_at timestamptz,
  revocation_reason text,
  suspended boolean not null default false,
  issued_at timestamptz not null,
  issued_by text not null,
  valid_until timestamptz,
  unique (organisation_id, status_index),
  check ((revoked_at is null) = (revocation_reason is null))
);

create index credentials_by_organisation on documents.credentials (organisation_id, id desc);
create index credentials_by_number on documents.credentials (organisation_id, document_number);
create index credentials_by_type on documents.credentials (organisation_id, document_type, id desc);

-- An organisation's two status lists (W3C Bitstring Status List v1.0), one row per purpose. Both
-- allocate the same index to a document, so `next_index` moves in step on the two rows. `bits`
-- grows in whole lists of 131,072 bits; a new version is published whenever it changes length
-- or a bit flips.
create table documents.status_lists (
  organisation_id text not null references identity.organisations (id),
  purpose text not null check (purpose in ('revocation', 'suspension')),
  bits bytea not null check (octet_length(bits) > 0 and octet_length(bits) % 16384 = 0),
  next_index int not null check (next_index >= 0),
  version int not null check (version >= 1),
  credential text not null,
  -- Leaf hash of the STATUS_LIST_PUBLISHED entry of `version`: the head of the list's record.
  entry_leaf_hash bytea not null check (octet_length(entry_leaf_hash) = 32),
  updated_at timestamptz not null,
  primary key (organisation_id, purpose)
);

-- Every published version of a status list, kept so a verifier's bundle can always be given the
-- newest version the log has integrated, and so history stays inspectable.
create table documents.status_list_versions (
  organisation_id text not null references identity.organisations (id),
  purpose text not null check (purpose in ('revocation', 'suspension')),
  version int not null check (version >= 1),
  credential text not null,
  entry_leaf_hash bytea not null unique check (octet_length(entry_leaf_hash) = 32),
  log_index bigint check (log_index >= 0),
  published_at timestamptz not null,
  primary key (organisation_id, purpose, version)
);

-- The latest log entry of a document's record, for prev_entry_hash chaining. A document with no
-- row here has only its ISSUE entry (credentials.entry_leaf_hash): issuing 100,000 documents
-- then writes no extra rows.
create table documents.record_heads (
  record_id bytea primary key check (octet_length(record_id) = 32),
  organisation_id text not null references identity.organisations (id),
  head_leaf_hash bytea not null check (octet_length(head_leaf_hash) = 32),
  updated_at timestamptz not null
);

create function documents.refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name;
end;
$$;

create trigger status_list_versions_append_only before update of organisation_id, purpose, version,
  credential, entry_leaf_hash, published_at or delete on documents.status_list_versions
  for each row execute function documents.refuse_change();

-- A credential is never deleted and its signed content never changes; only its status columns
-- and the cached log index move.
create function documents.guard_credential_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'documents.credentials keeps every issued credential';
  end if;
  if new.id <> old.id or new.organisation_id <> old.organisation_id
     or new.credential_id <> old.credential_id or new.credential <> old.credential
     or new.doc_hash <> old.doc_hash or new.record_id <> old.record_id
     or new.entry_leaf_hash <> old.entry_leaf_hash or new.status_index <> old.status_index
     or new.issued_at <> old.issued_at then
    raise exception 'documents.credentials: an issued credential cannot change';
  end if;
  if old.revoked_at is not null and (new.revoked_at is distinct from old.revoked_at
     or new.suspended <> old.suspended) then
    raise exception 'documents.credentials: revocation is final';
  end if;
  if old.log_index is not null and new.log_index is distinct from old.log_index then
    raise exception 'documents.credentials: a log index never changes';
  end if;
  return new;
end;
$$;

create trigger credentials_guard before update or delete on documents.credentials
  for each row execute function documents.guard_credential_change();
