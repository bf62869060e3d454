-- Stored C2SP tlog-tiles (reference trust-layer.md §5.4): integration touches only the right edge
-- of the tree, and tile reads, proofs and roots become row lookups instead of walks over every
-- leaf. Hash i of the level-L tile N is MTH of leaves [(256N + i) * 256^L, (256N + i + 1) * 256^L).
create table transparency_log.tiles (
  level smallint not null check (level between 0 and 63),
  idx bigint not null check (idx >= 0),
  -- 1..256 hashes of 32 bytes; a partial tile grows until it holds 256.
  hashes bytea not null check (octet_length(hashes) between 32 and 8192 and octet_length(hashes) % 32 = 0),
  primary key (level, idx)
);

-- A partial tile is overwritten as the tree grows, but only by appending hashes: the hashes it
-- holds are complete subtrees and never change. A full tile never changes at all, so it can be
-- cached forever. Nothing is ever deleted.
create function transparency_log.tiles_only_grow() returns trigger language plpgsql as $$
begin
  if tg_op <> 'UPDATE' then
    raise exception 'tiles are append-only';
  end if;
  if octet_length(old.hashes) = 8192 then
    raise exception 'tile %/% is full and immutable', old.level, old.idx;
  end if;
  if new.level <> old.level or new.idx <> old.idx
     or octet_length(new.hashes) <= octet_length(old.hashes)
     or substring(new.hashes from 1 for octet_length(old.hashes)) <> old.hashes then
    raise exception 'tile %/% may only grow by appending hashes', old.level, old.idx;
  end if;
  return new;
end;
$$;

create trigger tiles_only_grow before update or delete on transparency_log.tiles
  for each row execute function transparency_log.tiles_only_grow();

create trigger tiles_no_truncate before truncate on transparency_log.tiles
  for each statement execute function transparency_log.refuse_change();

-- "Where is the entry with this leaf hash": documents and the append API's wait find indices by it.
-- A hash index: equality is the only question asked, and on random 32-byte keys it costs the
-- sequencer about half of what a B-tree does per appended entry.
create index entries_leaf_hash on transparency_log.entries using hash (leaf_hash);

-- Backfill: a log integrated before this migration has entries but no tiles. Build them here, in
-- SQL, level by level: a level's tiles are its hashes in groups of 256, and the next level's
-- hashes are the roots of its full tiles, computed by pairing hashes 8 times (RFC 6962 node hash
-- SHA-256(0x01 || left || right)). An empty log does nothing.
do $$
declare
  tree_size bigint;
  tile_level int := 0;
  round int;
begin
  select size into tree_size from transparency_log.coord where id = 1;
  if tree_size = 0 then
    return;
  end if;
  create temporary table backfill_level (i bigint primary key, h bytea not null) on commit drop;
  insert into backfill_level (i, h)
    select idx, leaf_hash from transparency_log.entries where idx < tree_size;
  if (select count(*) from backfill_level) <> tree_size then
    raise exception 'transparency_log.entries does not hold every index below the tree size %', tree_size;
  end if;
  loop
    insert into transparency_log.tiles (level, idx, hashes)
      select tile_level, i / 256, string_agg(h, ''::bytea order by i)
      from backfill_level group by i / 256;
    -- Only full tiles have a root at the next level.
    delete from backfill_level where i >= ((select count(*) from backfill_level) / 256) * 256;
    exit when not exists (select 1 from backfill_level);
    for round in 1..8 loop
      create temporary table backfill_pairs on commit drop as
        select l.i / 2 as i, sha256('\x01'::bytea || l.h || r.h) as h
        from backfill_level l join backfill_level r on r.i = l.i + 1
        where l.i % 2 = 0;
      truncate backfill_level;
      insert into backfill_level (i, h) select i, h from backfill_pairs;
      drop table backfill_pairs;
    end loop;
    tile_level := tile_level + 1;
  end loop;
  drop table backfill_level;
end;
$$;
