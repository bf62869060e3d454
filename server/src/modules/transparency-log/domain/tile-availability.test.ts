import { parseTilePath, TILE_WIDTH, tileCoordinatesForTree, tilePath } from '@tradehub/verifier';
import { describe, expect, it } from 'vitest';
import { tileLeafRange } from './tile-availability.ts';

const rangeOf = (path: string, treeSize: number) => {
  const parsed = parseTilePath(path);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return tileLeafRange(parsed.path, treeSize);
};

describe('tileLeafRange', () => {
  it('serves exactly the tiles tlog-tiles lists for a tree, with the leaves each is built from', () => {
    for (const treeSize of [1, 255, 256, 257, 1000, 65_536, 70_000]) {
      for (const tile of tileCoordinatesForTree(treeSize)) {
        const span = TILE_WIDTH ** tile.level;
        expect(rangeOf(tilePath(tile.level, tile.index, tile.width), treeSize)).toEqual({
          start: tile.index * TILE_WIDTH * span,
          end: (tile.index * TILE_WIDTH + tile.width) * span,
        });
      }
    }
  });

  it('refuses tiles beyond the tree and partial tiles of another width', () => {
    expect(rangeOf('tile/0/000.p/1', 0)).toBeUndefined();
    expect(rangeOf('tile/0/003', 1000)).toBeUndefined();
    expect(rangeOf('tile/0/003.p/231', 1000)).toBeUndefined();
    expect(rangeOf('tile/0/002.p/10', 1000)).toBeUndefined();
    expect(rangeOf('tile/1/000', 1000)).toBeUndefined();
    expect(rangeOf('tile/2/000.p/1', 65_535)).toBeUndefined();
    expect(rangeOf('tile/entries/003.p/232', 1000)).toEqual({ start: 768, end: 1000 });
    expect(rangeOf('tile/entries/004', 1000)).toBeUndefined();
  });
});
