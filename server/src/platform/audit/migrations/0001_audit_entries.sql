-- The audit trail: who did what to which object, when, under which request, and how it ended.
-- Append-only: corrections are new rows, and the trigger below refuses updates and deletes even
-- from code that tries.
create schema if not exists audit;

create table audit.entries (
  id text primary key,
  seq bigserial not null unique,
  organisation_id text,
  at timestamptz not null default now(),
  actor_type text not null check (actor_type in ('user', 'api_key', 'system', 'anonymous')),
  actor_id text,
  actor_label text not null,
  action text not null,
  object_type text,
  object_id text,
  request_id text not null,
  outcome text not null check (outcome in ('success', 'denied', 'failed')),
  status_code int not null,
  detail jsonb
);

create index entries_by_organisation on audit.entries (organisation_id, seq desc);

create function audit.refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit.entries is append-only';
end;
$$;

create trigger entries_append_only before update or delete on audit.entries
  for each row execute function audit.refuse_change();

create trigger entries_no_truncate before truncate on audit.entries
  for each statement execute function audit.refuse_change();
