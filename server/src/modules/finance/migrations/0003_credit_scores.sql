-- Credit scores: signed snapshots of an organisation's scorecard, and the financiers each was
-- shared with. A snapshot is evidence a bank relied on, so it never changes: the payload is stored
-- as the exact canonical JSON (RFC 8785) that was signed, and the table is append-only.

create table finance.credit_snapshots (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  scorecard_version text not null,
  score integer not null check (score between 0 and 1000),
  grade text not null check (grade in ('A', 'B', 'C', 'D', 'E')),
  -- The signed message itself: verifying needs these bytes, not a re-serialisation of them.
  payload text not null,
  payload_sha256 bytea not null check (octet_length(payload_sha256) = 32),
  key_id text not null,
  signature bytea not null check (octet_length(signature) = 64),
  -- The RFC 6962 leaf hash of the snapshot's log entry, to find its index and proof.
  entry_leaf_hash bytea not null check (octet_length(entry_leaf_hash) = 32),
  entry bytea not null check (octet_length(entry) = 266),
  actor_type text not null check (actor_type in ('user', 'api_key')),
  actor_id text not null,
  created_at timestamptz not null
);

create index credit_snapshots_by_organisation on finance.credit_snapshots (organisation_id, id desc);

create function finance.refuse_snapshot_change() returns trigger language plpgsql as $$
begin
  raise exception 'finance.credit_snapshots is append-only';
end;
$$;

create trigger credit_snapshots_append_only
  before update or delete on finance.credit_snapshots
  for each row execute function finance.refuse_snapshot_change();

-- The financiers an organisation shared a snapshot with: only they (and the organisation) see it.
create table finance.credit_snapshot_shares (
  snapshot_id text not null references finance.credit_snapshots (id),
  financier_organisation_id text not null references identity.organisations (id),
  shared_at timestamptz not null,
  primary key (snapshot_id, financier_organisation_id)
);

create index credit_snapshot_shares_by_financier
  on finance.credit_snapshot_shares (financier_organisation_id, snapshot_id desc);
