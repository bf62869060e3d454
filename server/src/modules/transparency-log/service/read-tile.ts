import { AppError } from '@tradehub/kernel';
import { encodeEntryBundle, parseTilePath, TILE_WIDTH, tileBytes } from '@tradehub/verifier';
import { tileLeafRange } from '../domain/tile-availability.ts';
import { findEntryBodies, findLatestCheckpoint, findLeafHashes } from '../repository.ts';
import type { LogContext } from './context.ts';

/** A served tile: its body and whether it is full (immutable) or partial. */
export type Tile = { bytes: Uint8Array; full: boolean };

const notFound = (path: string) =>
  new AppError('transparency-log.tile_not_found', `The log has no tile ${path}.`);

/**
 * A hash tile or entry bundle by its C2SP tlog-tiles path (`tile/<L>/<N>[.p/<W>]` or
 * `tile/entries/<N>[.p/<W>]`), for the tree of the latest checkpoint. Tiles are computed from the
 * stored leaf hashes on each request (see the README). Throws 404 `transparency-log.tile_not_found`
 * for a path that is not canonical or a tile the current tree does not have.
 */
export const readTile = async (ctx: LogContext, path: string): Promise<Tile> => {
  const parsed = parseTilePath(path);
  if (!parsed.ok) {
    throw notFound(path);
  }
  const tile = parsed.path;
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
  const leafHashes = await findLeafHashes(ctx.db.kysely, range.start, range.end);
  // The leaves start at the tile's first one, so the tile is index 0 of this slice.
  return { bytes: tileBytes(leafHashes, tile.level, 0, tile.width), full };
};
