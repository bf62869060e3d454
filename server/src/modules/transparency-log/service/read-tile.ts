import { AppError } from '@tradehub/kernel';
import { encodeEntryBundle, HASH_SIZE, parseTilePath, TILE_WIDTH } from '@tradehub/verifier';
import { tileLeafRange } from '../domain/tile-availability.ts';
import { findEntryBodies, findLatestCheckpoint, findTiles, tileKey } from '../repository.ts';
import type { LogContext } from './context.ts';

/** A served tile: its body and whether it is full (immutable) or partial. */
export type Tile = { bytes: Uint8Array; full: boolean };

const notFound = (path: string) =>
  new AppError('transparency-log.tile_not_found', `The log has no tile ${path}.`);

/**
 * A hash tile or entry bundle by its C2SP tlog-tiles path (`tile/<L>/<N>[.p/<W>]` or
 * `tile/entries/<N>[.p/<W>]`), for the tree of the latest checkpoint. A hash tile is one stored
 * row (cut to the width the checkpoint's tree has, should the tree have grown since); a bundle is
 * the entries it holds. Throws 404 `transparency-log.tile_not_found` for a path that is not
 * canonical or a tile the current tree does not have.
 */
export const readTile = async (ctx: LogContext, path: string): Promise<Tile> => {
  const parsed = parseTilePath(path);
  if (!parsed.ok) {
    throw notFound(path);
  }
  const tile = parsed.path;
  // The checkpoints, not the coord row the sequencer keeps locked, say how big the tree is.
  const size = (await findLatestCheckpoint(ctx.db.kysely))?.size ?? 0;
  const range = tileLeafRange(tile, size);
  if (range === undefined) {
    throw notFound(path);
  }
  const full = tile.width === TILE_WIDTH;
  if (tile.kind === 'entries') {
    const bodies = await findEntryBodies(ctx.db.kysely, range.start, range.end);
    return { bytes: encodeEntryBundle(bodies), full };
  }
  const stored = (await findTiles(ctx.db.kysely, [tile])).get(tileKey(tile.level, tile.index));
  if (stored === undefined || stored.length < tile.width * HASH_SIZE) {
    throw new AppError(
      'transparency-log.tree_inconsistent',
      `The stored tile ${tile.level}/${tile.index} is shorter than the tree of size ${size} needs.`,
    );
  }
  return { bytes: stored.subarray(0, tile.width * HASH_SIZE), full };
};
