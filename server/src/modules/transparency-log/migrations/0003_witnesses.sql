-- Witness cosignatures (c2sp.org/tlog-cosignature) collected over the tlog-witness protocol, and
-- the last size each witness cosigned, which is the "old size" of the next request to it.

-- One verified cosignature line per witness key and checkpoint size, appended to the checkpoint
-- note when it is served. Append-only, like the checkpoints it signs.
create table transparency_log.cosignatures (
  size bigint not null references transparency_log.checkpoints (size),
  witness_name text not null,
  -- The witness's verifier key text (type 0x04) the line was verified against.
  witness_key text not null,
  -- The signature line as received, without its newline: "— <name> <base64>".
  line text not null check (line like '— %' and position(e'\n' in line) = 0),
  -- The witness's signed POSIX time, in seconds.
  timestamp bigint not null check (timestamp >= 0),
  created_at timestamptz not null default now(),
  primary key (size, witness_key)
);

create trigger cosignatures_append_only before update or delete on transparency_log.cosignatures
  for each row execute function transparency_log.refuse_change();

create trigger cosignatures_no_truncate before truncate on transparency_log.cosignatures
  for each statement execute function transparency_log.refuse_change();

-- Only ever moves forward: a witness never cosigns a smaller tree than one it already cosigned.
create table transparency_log.witness_state (
  witness_name text primary key,
  size bigint not null check (size >= 0),
  updated_at timestamptz not null default now()
);

create function transparency_log.witness_state_only_grows() returns trigger language plpgsql as $$
begin
  if new.size < old.size then
    raise exception 'witness % already cosigned size %, not going back to %', old.witness_name, old.size, new.size;
  end if;
  return new;
end;
$$;

create trigger witness_state_only_grows before update on transparency_log.witness_state
  for each row execute function transparency_log.witness_state_only_grows();
