import { type Generated, sql } from 'kysely';
import type { Executor } from '../../platform/access/index.ts';
import type { StoredTile, TileKey } from './domain/tree-tiles.ts';

type CoordTable = { id: number; size: string };
type EntriesTable = { idx: string; leaf_hash: Uint8Array; body: Uint8Array; appended_at: Generated<Date> };
type PendingTable = { id: Generated<string>; body: Uint8Array; queued_at: Generated<Date> };
type CheckpointsTable = { size: string; root_hash: Uint8Array; note: string; created_at: Generated<Date> };
type TilesTable = { level: number; idx: string; hashes: Uint8Array };

export type TransparencyLogTables = {
  'transparency_log.coord': CoordTable;
  'transparency_log.entries': EntriesTable;
  'transparency_log.pending': PendingTable;
  'transparency_log.checkpoints': CheckpointsTable;
  'transparency_log.tiles': TilesTable;
};

/** The log's tables on any executor; the only place this module names its SQL tables. */
const logTables = (ex: Executor) => ex.withTables<TransparencyLogTables>();

// Bulk writes pass one array per column and `unnest` them: one round trip and one small statement
// for a whole batch. Bytes travel as hex text, encoded by Buffer and decoded by the database (and
// the other way round): PGlite converts bytea values byte by byte in JavaScript, many times slower
// than that, and for PostgreSQL it is the text the driver would send for a bytea array anyway.

const toHex = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

const fromHex = (hex: string): Uint8Array => {
  const buffer = Buffer.from(hex, 'hex');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
};

const byNumericId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** Queues bodies for the sequencer; returns their queue ids in the order of `bodies`. */
export const insertPending = async (ex: Executor, bodies: readonly Uint8Array[]): Promise<string[]> => {
  const { rows } = await sql<{ id: string }>`
    insert into transparency_log.pending (body)
    select decode(body, 'hex') from unnest(${bodies.map(toHex)}::text[]) with ordinality as queued (body, position)
    order by position
    returning id`.execute(ex);
  // bigserial ids are drawn in insertion order, which the ordinality fixes.
  return rows.map((row) => row.id).sort(byNumericId);
};

/** Locks the coordination row until the transaction ends and returns the integrated size. */
export const lockTreeSize = async (ex: Executor): Promise<number> => {
  const row = await logTables(ex)
    .selectFrom('transparency_log.coord')
    .select('size')
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return Number(row.size);
};

/** The integrated size, without locking. */
export const findTreeSize = async (ex: Executor): Promise<number> => {
  const row = await logTables(ex)
    .selectFrom('transparency_log.coord')
    .select('size')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.size);
};

/**
 * The coord size and the latest checkpoint's size, read in one statement (one snapshot), so an
 * integration committing in between cannot make them look different.
 */
export const findSizes = async (ex: Executor): Promise<{ coordSize: number; checkpointSize: number }> => {
  const { rows } = await sql<{ coord_size: string; checkpoint_size: string }>`
    select (select size from transparency_log.coord where id = 1) as coord_size,
           coalesce((select max(size) from transparency_log.checkpoints), 0) as checkpoint_size`.execute(ex);
  return { coordSize: Number(rows[0]?.coord_size), checkpointSize: Number(rows[0]?.checkpoint_size) };
};

/**
 * Moves up to `limit` pending entries, oldest queue id first, into the log as entries
 * size, size + 1, ... and returns their queue ids and leaf hashes in index order. One statement:
 * the bodies never leave the database, which computes each RFC 6962 leaf hash
 * SHA-256(0x00 || body) itself. Run under the coord lock, so no other integration takes the same
 * rows; rows a transaction still holds uncommitted are invisible and wait for a later batch.
 */
export const movePendingToEntries = async (ex: Executor, size: number, limit: number) => {
  const { rows } = await sql<{ id: string; leaf_hash: string }>`
    with taken as (
      delete from transparency_log.pending
      where id in (select id from transparency_log.pending order by id limit ${limit})
      returning id, body
    ), numbered as (
      select id, body, sha256(decode('00', 'hex') || body) as leaf_hash,
             row_number() over (order by id) - 1 as position
      from taken
    ), stored as (
      insert into transparency_log.entries (idx, leaf_hash, body)
      select ${String(size)}::bigint + position, leaf_hash, body from numbered
    )
    select id, encode(leaf_hash, 'hex') as leaf_hash from numbered order by position`.execute(ex);
  return rows.map((row) => ({ queueId: row.id, leafHash: fromHex(row.leaf_hash) }));
};

/** The queue ids among `ids` that are still waiting for the sequencer. */
export const findPendingIds = async (ex: Executor, ids: readonly string[]): Promise<Set<string>> => {
  if (ids.length === 0) {
    return new Set();
  }
  const { rows } = await sql<{ id: string }>`
    select id from transparency_log.pending where id = any(${[...ids]}::bigint[])`.execute(ex);
  return new Set(rows.map((row) => row.id));
};

export type StoredEntry = { index: number; leafHash: Uint8Array; body: Uint8Array; appendedAt: Date };

type EntryRow = { idx: string; leaf_hash: string; body: string; appended_at: Date };

const entryColumns = sql`idx, encode(leaf_hash, 'hex') as leaf_hash, encode(body, 'hex') as body, appended_at`;

const toEntry = (row: EntryRow): StoredEntry => ({
  index: Number(row.idx),
  leafHash: fromHex(row.leaf_hash),
  body: fromHex(row.body),
  appendedAt: row.appended_at,
});

/** Entries [start, end), in index order. */
export const findEntries = async (ex: Executor, start: number, end: number): Promise<StoredEntry[]> => {
  const { rows } = await sql<EntryRow>`
    select ${entryColumns} from transparency_log.entries
    where idx >= ${String(start)}::bigint and idx < ${String(end)}::bigint
    order by idx`.execute(ex);
  return rows.map(toEntry);
};

/** Bodies of entries [start, end), in index order. */
export const findEntryBodies = async (ex: Executor, start: number, end: number): Promise<Uint8Array[]> => {
  const { rows } = await sql<{ body: string }>`
    select encode(body, 'hex') as body from transparency_log.entries
    where idx >= ${String(start)}::bigint and idx < ${String(end)}::bigint
    order by idx`.execute(ex);
  return rows.map((row) => fromHex(row.body));
};

export const findEntry = async (ex: Executor, index: number): Promise<StoredEntry | undefined> => {
  const { rows } = await sql<EntryRow>`
    select ${entryColumns} from transparency_log.entries where idx = ${String(index)}::bigint`.execute(ex);
  const row = rows[0];
  return row === undefined ? undefined : toEntry(row);
};

/** The entries at these indices, in index order; indices the log does not have are left out. */
export const findEntriesAt = async (ex: Executor, indices: readonly number[]): Promise<StoredEntry[]> => {
  if (indices.length === 0) {
    return [];
  }
  const { rows } = await sql<EntryRow>`
    select ${entryColumns} from transparency_log.entries
    where idx = any(${indices.map(String)}::bigint[])
    order by idx`.execute(ex);
  return rows.map(toEntry);
};

/** Indices (>= minIndex, ascending) of the entries with any of these leaf hashes. */
export const findIndicesByLeafHash = async (
  ex: Executor,
  leafHashes: readonly Uint8Array[],
  minIndex = 0,
): Promise<{ index: number; leafHash: Uint8Array }[]> => {
  if (leafHashes.length === 0) {
    return [];
  }
  const { rows } = await sql<{ idx: string; leaf_hash: string }>`
    select idx, encode(leaf_hash, 'hex') as leaf_hash from transparency_log.entries
    where leaf_hash in (select decode(h, 'hex') from unnest(${leafHashes.map(toHex)}::text[]) as wanted (h))
      and idx >= ${String(minIndex)}::bigint
    order by idx`.execute(ex);
  return rows.map((row) => ({ index: Number(row.idx), leafHash: fromHex(row.leaf_hash) }));
};

/** The key of a tile in the maps this repository returns. */
export const tileKey = (level: number, index: number | string) => `${level}/${index}`;

/** The stored tiles among `keys` (level/index -> hashes); absent ones are left out. */
export const findTiles = async (ex: Executor, keys: readonly TileKey[]): Promise<Map<string, Uint8Array>> => {
  if (keys.length === 0) {
    return new Map();
  }
  const { rows } = await sql<{ level: number; idx: string; hashes: string }>`
    select t.level, t.idx, encode(t.hashes, 'hex') as hashes
    from unnest(${keys.map((k) => k.level)}::smallint[], ${keys.map((k) => String(k.index))}::bigint[])
      as wanted (level, idx)
    join transparency_log.tiles t on t.level = wanted.level and t.idx = wanted.idx`.execute(ex);
  return new Map(rows.map((row) => [tileKey(row.level, row.idx), fromHex(row.hashes)]));
};

/** Writes tiles; a stored tile is replaced by its grown version (the table's trigger checks it only grew). */
export const upsertTiles = async (ex: Executor, tiles: readonly StoredTile[]) => {
  if (tiles.length === 0) {
    return;
  }
  await sql`
    insert into transparency_log.tiles (level, idx, hashes)
    select level, idx, decode(hashes, 'hex') from unnest(
      ${tiles.map((t) => t.level)}::smallint[],
      ${tiles.map((t) => String(t.index))}::bigint[],
      ${tiles.map((t) => toHex(t.hashes))}::text[]) as written (level, idx, hashes)
    on conflict (level, idx) do update set hashes = excluded.hashes`.execute(ex);
};

export type StoredCheckpoint = { size: number; rootHash: Uint8Array; note: string; createdAt: Date };

type CheckpointRow = { size: string; root_hash: string; note: string; created_at: Date };

const checkpointColumns = sql`size, encode(root_hash, 'hex') as root_hash, note, created_at`;

const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
  size: Number(row.size),
  rootHash: fromHex(row.root_hash),
  note: row.note,
  createdAt: row.created_at,
});

/** Stores the checkpoint of a grown tree and moves the coord size to it, in one statement. */
export const storeCheckpoint = async (
  ex: Executor,
  size: number,
  rootHash: Uint8Array,
  note: string,
): Promise<StoredCheckpoint> => {
  const { rows } = await sql<CheckpointRow>`
    with stored as (
      insert into transparency_log.checkpoints (size, root_hash, note)
      values (${String(size)}::bigint, decode(${toHex(rootHash)}, 'hex'), ${note})
      returning size, root_hash, note, created_at
    ), moved as (
      update transparency_log.coord set size = ${String(size)}::bigint where id = 1
    )
    select ${checkpointColumns} from stored`.execute(ex);
  return toCheckpoint(rows[0] as CheckpointRow);
};

export const findLatestCheckpoint = async (ex: Executor): Promise<StoredCheckpoint | undefined> => {
  const { rows } = await sql<CheckpointRow>`
    select ${checkpointColumns} from transparency_log.checkpoints order by size desc limit 1`.execute(ex);
  const row = rows[0];
  return row === undefined ? undefined : toCheckpoint(row);
};

export const findCheckpoint = async (ex: Executor, size: number): Promise<StoredCheckpoint | undefined> => {
  const { rows } = await sql<CheckpointRow>`
    select ${checkpointColumns} from transparency_log.checkpoints where size = ${String(size)}::bigint`.execute(
    ex,
  );
  const row = rows[0];
  return row === undefined ? undefined : toCheckpoint(row);
};

/** Checkpoints below `before` (all when undefined), newest first, at most `limit`. */
export const listCheckpointsBefore = async (
  ex: Executor,
  before: number | undefined,
  limit: number,
): Promise<StoredCheckpoint[]> => {
  const below = before === undefined ? sql`true` : sql`size < ${String(before)}::bigint`;
  const { rows } = await sql<CheckpointRow>`
    select ${checkpointColumns} from transparency_log.checkpoints
    where ${below} order by size desc limit ${limit}`.execute(ex);
  return rows.map(toCheckpoint);
};

/** Checkpoints with size in (after, upTo], oldest first, at most `limit`: what the monitor checks. */
export const listCheckpointsAfter = async (
  ex: Executor,
  after: number,
  upTo: number,
  limit: number,
): Promise<StoredCheckpoint[]> => {
  const { rows } = await sql<CheckpointRow>`
    select ${checkpointColumns} from transparency_log.checkpoints
    where size > ${String(after)}::bigint and size <= ${String(upTo)}::bigint
    order by size limit ${limit}`.execute(ex);
  return rows.map(toCheckpoint);
};
