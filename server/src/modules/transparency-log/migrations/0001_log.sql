-- The transparency log: an RFC 6962 Merkle tree of entries, published as C2SP tlog-tiles with a
-- signed checkpoint per integrated batch. Entries and checkpoints are append-only; the trigger
-- below refuses updates, deletes and truncation even from code that tries.
create schema if not exists transparency_log;

-- The one coordination row: the integrated tree size. The sequencer locks it (select ... for
-- update), so batches are integrated one at a time even with several server processes.
create table transparency_log.coord (
  id int primary key check (id = 1),
  size bigint not null check (size >= 0)
);
insert into transparency_log.coord (id, size) values (1, 0);

create table transparency_log.entries (
  idx bigint primary key check (idx >= 0),
  leaf_hash bytea not null check (octet_length(leaf_hash) = 32),
  body bytea not null check (octet_length(body) between 1 and 65535),
  appended_at timestamptz not null default now()
);

-- Entries queued by a change's own transaction, waiting for the sequencer to give them an index.
create table transparency_log.pending (
  id bigserial primary key,
  body bytea not null check (octet_length(body) between 1 and 65535),
  queued_at timestamptz not null default now()
);

create table transparency_log.checkpoints (
  size bigint primary key check (size >= 0),
  root_hash bytea not null check (octet_length(root_hash) = 32),
  note text not null,
  created_at timestamptz not null default now()
);

create function transparency_log.refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name;
end;
$$;

create trigger entries_append_only before update or delete on transparency_log.entries
  for each row execute function transparency_log.refuse_change();

create trigger entries_no_truncate before truncate on transparency_log.entries
  for each statement execute function transparency_log.refuse_change();

create trigger checkpoints_append_only before update or delete on transparency_log.checkpoints
  for each row execute function transparency_log.refuse_change();

create trigger checkpoints_no_truncate before truncate on transparency_log.checkpoints
  for each statement execute function transparency_log.refuse_change();
