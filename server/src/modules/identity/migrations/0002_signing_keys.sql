-- Organisations' signing keys and the history of what happened to them. A key is never deleted:
-- a verifier asks years later whether a key was valid when a document was signed, so retired and
-- revoked keys stay, with the times that answer that question.
create table identity.signing_keys (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  algorithm text not null check (algorithm in ('Ed25519', 'SM2')),
  public_key bytea not null unique,
  -- SHA-256 of the key's multikey bytes: the `actor` of the log entries it signs (Ed25519 only).
  actor_hash bytea check (octet_length(actor_hash) = 32),
  -- Opaque to the database: a sealed private key (local provider) or a reference into an HSM/KMS.
  key_handle bytea not null,
  provider text not null,
  status text not null check (status in ('active', 'retired', 'revoked')),
  created_at timestamptz not null,
  retired_at timestamptz,
  revoked_at timestamptz,
  revocation_reason text
    check (revocation_reason in ('key_compromise', 'superseded', 'cessation_of_operation', 'unspecified')),
  check ((algorithm = 'Ed25519') = (actor_hash is not null)),
  check (status <> 'active' or (retired_at is null and revoked_at is null)),
  check (status <> 'retired' or (retired_at is not null and revoked_at is null)),
  check ((status = 'revoked') = (revoked_at is not null and revocation_reason is not null))
);

-- Exactly one active key per organisation and algorithm; a rotation retires the old key and
-- inserts the new one in one transaction, so the index is the last guard against a race.
create unique index signing_keys_one_active on identity.signing_keys (organisation_id, algorithm)
  where status = 'active';
create index signing_keys_by_organisation on identity.signing_keys (organisation_id, created_at desc);
create index signing_keys_by_actor on identity.signing_keys (organisation_id, actor_hash)
  where actor_hash is not null;

-- The only changes a key may see are status moves forward (active -> retired -> revoked, or
-- active -> revoked) with their times set once; everything that identifies the key is fixed.
create function identity.guard_signing_key_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'identity.signing_keys keeps its history: keys are never deleted';
  end if;
  if new.id <> old.id or new.organisation_id <> old.organisation_id or new.algorithm <> old.algorithm
     or new.public_key <> old.public_key or new.actor_hash is distinct from old.actor_hash
     or new.key_handle <> old.key_handle or new.provider <> old.provider
     or new.created_at <> old.created_at then
    raise exception 'identity.signing_keys: a key''s identity cannot change';
  end if;
  if old.status = 'revoked'
     or (old.status = 'retired' and new.status = 'active')
     or (old.retired_at is not null and new.retired_at is distinct from old.retired_at)
     or (old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at) then
    raise exception 'identity.signing_keys: a key''s status only moves forward';
  end if;
  return new;
end;
$$;

create trigger signing_keys_guard before update or delete on identity.signing_keys
  for each row execute function identity.guard_signing_key_change();

create function identity.refuse_signing_key_truncate() returns trigger language plpgsql as $$
begin
  raise exception '% keeps its history: it cannot be truncated', tg_table_name;
end;
$$;

create trigger signing_keys_no_truncate before truncate on identity.signing_keys
  for each statement execute function identity.refuse_signing_key_truncate();

-- Each creation, rotation and revocation as committed to the transparency log: the statement
-- whose SHA-256 is the entry's doc_hash, and the signed 266-byte entry. The entries of one
-- organisation form a chain (each names the leaf hash of the previous one), so the log shows a
-- key history that cannot be rewritten or forked.
create table identity.signing_key_events (
  seq bigserial primary key,
  organisation_id text not null references identity.organisations (id),
  key_id text not null references identity.signing_keys (id),
  event text not null check (event in ('created', 'rotated', 'revoked')),
  at timestamptz not null,
  statement text not null,
  log_entry bytea not null check (octet_length(log_entry) = 266),
  leaf_hash bytea not null unique check (octet_length(leaf_hash) = 32),
  created_at timestamptz not null default now()
);

create index signing_key_events_by_organisation on identity.signing_key_events (organisation_id, seq desc);

create function identity.refuse_signing_key_event_change() returns trigger language plpgsql as $$
begin
  raise exception 'identity.signing_key_events is append-only';
end;
$$;

create trigger signing_key_events_append_only before update or delete on identity.signing_key_events
  for each row execute function identity.refuse_signing_key_event_change();

create trigger signing_key_events_no_truncate before truncate on identity.signing_key_events
  for each statement execute function identity.refuse_signing_key_truncate();
