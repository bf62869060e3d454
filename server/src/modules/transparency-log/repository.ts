import type { Generated } from 'kysely';
import type { Executor } from '../../platform/access/index.ts';

type CoordTable = { id: number; size: string };
type EntriesTable = { idx: string; leaf_hash: Uint8Array; body: Uint8Array; appended_at: Generated<Date> };
type PendingTable = { id: Generated<string>; body: Uint8Array; queued_at: Generated<Date> };
type CheckpointsTable = { size: string; root_hash: Uint8Array; note: string; created_at: Generated<Date> };

export type TransparencyLogTables = {
  'transparency_log.coord': CoordTable;
  'transparency_log.entries': EntriesTable;
  'transparency_log.pending': PendingTable;
  'transparency_log.checkpoints': CheckpointsTable;
};

/** The log's tables on any executor; the only place this module names its SQL tables. */
const logTables = (ex: Executor) => ex.withTables<TransparencyLogTables>();

// Rows per multi-row statement: 3 parameters each stays far below PostgreSQL's 65,535.
const CHUNK_ROWS = 1000;

const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += CHUNK_ROWS) {
    out.push(items.slice(at, at + CHUNK_ROWS));
  }
  return out;
};

export const insertPending = async (ex: Executor, bodies: readonly Uint8Array[]) => {
  for (const chunk of chunks(bodies)) {
    await logTables(ex)
      .insertInto('transparency_log.pending')
      .values(chunk.map((body) => ({ body })))
      .execute();
  }
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

export const setTreeSize = (ex: Executor, size: number) =>
  logTables(ex)
    .updateTable('transparency_log.coord')
    .set({ size: String(size) })
    .where('id', '=', 1)
    .execute();

export const takePending = (ex: Executor, limit: number) =>
  logTables(ex)
    .selectFrom('transparency_log.pending')
    .select(['id', 'body'])
    .orderBy('id')
    .limit(limit)
    .execute();

export const deletePending = async (ex: Executor, ids: readonly string[]) => {
  for (const chunk of chunks(ids)) {
    await logTables(ex).deleteFrom('transparency_log.pending').where('id', 'in', chunk).execute();
  }
};

export const insertEntries = async (
  ex: Executor,
  entries: readonly { idx: number; leafHash: Uint8Array; body: Uint8Array }[],
) => {
  for (const chunk of chunks(entries)) {
    await logTables(ex)
      .insertInto('transparency_log.entries')
      .values(chunk.map((e) => ({ idx: String(e.idx), leaf_hash: e.leafHash, body: e.body })))
      .execute();
  }
};

/** Leaf hashes of entries [start, end), in index order. */
export const findLeafHashes = async (ex: Executor, start: number, end: number): Promise<Uint8Array[]> => {
  const rows = await logTables(ex)
    .selectFrom('transparency_log.entries')
    .select('leaf_hash')
    .where('idx', '>=', String(start))
    .where('idx', '<', String(end))
    .orderBy('idx')
    .execute();
  return rows.map((row) => row.leaf_hash);
};

/** Bodies of entries [start, end), in index order. */
export const findEntryBodies = async (ex: Executor, start: number, end: number): Promise<Uint8Array[]> => {
  const rows = await logTables(ex)
    .selectFrom('transparency_log.entries')
    .select('body')
    .where('idx', '>=', String(start))
    .where('idx', '<', String(end))
    .orderBy('idx')
    .execute();
  return rows.map((row) => row.body);
};

export const insertCheckpoint = (ex: Executor, size: number, rootHash: Uint8Array, note: string) =>
  logTables(ex)
    .insertInto('transparency_log.checkpoints')
    .values({ size: String(size), root_hash: rootHash, note })
    .execute();

export const findLatestCheckpoint = async (ex: Executor) => {
  const row = await logTables(ex)
    .selectFrom('transparency_log.checkpoints')
    .select(['size', 'note'])
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : { size: Number(row.size), note: row.note };
};
