import { TILE_WIDTH, type TilePath } from '@tradehub/verifier';

/** The leaf range [start, end) a tile covers. */
export type LeafRange = { start: number; end: number };

/**
 * Whether the log serves `tile` for a tree of `treeSize` leaves, and which leaves it is built
 * from. A full tile exists once the tree covers it; a partial tile only at exactly the width it
 * has in the current tree (older partial widths are not kept, as tlog-tiles allows).
 */
export const tileLeafRange = (tile: TilePath, treeSize: number): LeafRange | undefined => {
  const level = tile.kind === 'entries' ? 0 : tile.level;
  const span = TILE_WIDTH ** level;
  const hashesAtLevel = Math.floor(treeSize / span);
  const first = tile.index * TILE_WIDTH;
  const available = hashesAtLevel - first;
  const servable = tile.width === TILE_WIDTH ? available >= TILE_WIDTH : available === tile.width;
  return servable ? { start: first * span, end: (first + tile.width) * span } : undefined;
};
