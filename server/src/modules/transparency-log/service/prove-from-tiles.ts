import type { SubtreeHash } from '@tradehub/verifier';
import type { Executor } from '../../../platform/access/index.ts';
import { type TileKey, tileSubtreeHash, tilesForRange } from '../domain/tree-tiles.ts';
import { findTiles, tileKey } from '../repository.ts';

const placeholder = new Uint8Array(32);

/**
 * Runs `prove` against the stored tiles of a tree of `treeSize` leaves. Proof generation asks for
 * the same subtree ranges whatever the hashes are, so a first dry run with placeholder hashes
 * learns which tiles it needs; they are read in one query (O(log n) rows, shared by every proof
 * `prove` computes), and the second run computes the real hashes from them.
 */
export const proveFromTiles = async <T>(
  ex: Executor,
  treeSize: number,
  prove: (subtreeHash: SubtreeHash) => T,
): Promise<T> => {
  const keys = new Map<string, TileKey>();
  prove((start, end) => {
    for (const key of tilesForRange(start, end, treeSize)) {
      keys.set(tileKey(key.level, key.index), key);
    }
    return placeholder;
  });
  const tiles = await findTiles(ex, [...keys.values()]);
  return prove(tileSubtreeHash(treeSize, (level, index) => tiles.get(tileKey(level, index))));
};
