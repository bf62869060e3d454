import { inclusionProof, leafHash, rootFromLeafHashes, verifyInclusion } from '@tradehub/verifier';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inclusionPath } from './inclusion-path.ts';

const leaves = (count: number): Uint8Array[] =>
  Array.from({ length: count }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));

describe('inclusionPath', () => {
  it('reaches the tree root for every leaf of trees up to 40 leaves, with rising levels', () => {
    let checked = 0;
    for (let size = 1; size <= 40; size += 1) {
      const hashes = leaves(size);
      const root = rootFromLeafHashes(hashes);
      const height = Math.ceil(Math.log2(size));
      for (let index = 0; index < size; index += 1) {
        const proof = inclusionProof(hashes, index);
        const path = inclusionPath(hashes[index] as Uint8Array, index, size, proof);
        expect(path.ok).toBe(true);
        if (!path.ok) {
          continue;
        }
        expect(path.root).toEqual(root);
        expect(path.steps).toHaveLength(proof.length);
        const levels = path.steps.map((step) => step.level);
        expect(levels).toEqual([...levels].sort((a, b) => a - b));
        expect(new Set(levels).size).toBe(levels.length);
        expect(levels.every((level) => level >= 1 && level <= height)).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBe((40 * 41) / 2);
  });

  it('puts the sibling on the side the leaf index says at the first step', () => {
    const hashes = leaves(8);
    const path = inclusionPath(hashes[5] as Uint8Array, 5, 8, inclusionProof(hashes, 5));
    expect(path.ok && path.steps.map((step) => step.side)).toEqual(['left', 'right', 'left']);
  });

  it('agrees with verifyInclusion on changed proofs', () => {
    const hashes = leaves(37);
    const root = rootFromLeafHashes(hashes);
    fc.assert(
      fc.property(fc.nat({ max: 36 }), fc.nat(), fc.integer({ min: 0, max: 255 }), (index, at, bit) => {
        const proof = inclusionProof(hashes, index).map((hash) => hash.slice());
        const target = proof[at % proof.length] as Uint8Array;
        target[bit % 32] = (target[bit % 32] ?? 0) ^ (1 << (bit % 8));
        const leaf = hashes[index] as Uint8Array;
        const path = inclusionPath(leaf, index, 37, proof);
        const verified = verifyInclusion({ leafHash: leaf, index, treeSize: 37, proof, rootHash: root }).ok;
        expect(verified).toBe(false);
        expect(path.ok && path.root.every((byte, i) => byte === root[i])).toBe(false);
      }),
    );
  });

  it('refuses an index outside the tree and a proof of the wrong length', () => {
    const hashes = leaves(4);
    const proof = inclusionProof(hashes, 1);
    expect(inclusionPath(hashes[1] as Uint8Array, 4, 4, proof)).toEqual({
      ok: false,
      reason: 'index_out_of_range',
    });
    expect(inclusionPath(hashes[1] as Uint8Array, 1, 4, [...proof, proof[0] as Uint8Array]).ok).toBe(false);
    expect(inclusionPath(hashes[1] as Uint8Array, 1, 4, proof.slice(0, 1)).ok).toBe(false);
  });
});
