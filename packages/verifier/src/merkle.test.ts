import { createHash } from 'node:crypto';
import { fromHex, toHex } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  consistencyProofFromSubtrees,
  emptyRootHash,
  inclusionProof,
  leafHash,
  MAX_PROOF_HASHES,
  nodeHash,
  rootFromInclusionProof,
  rootFromLeafHashes,
  subtreeHashFromLeaves,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
import vectors from './testdata/merkle-rfc6962-vectors.json' with { type: 'json' };

const leaves = vectors.leaves.map(fromHex);
const leafHashes = leaves.map(leafHash);
const roots = vectors.roots.map(fromHex);
const nodes = vectors.nodeHashes.map((level) => level.map(fromHex));
const someHash = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');

/** Node hash at (level, index) of the 8-leaf reference tree, as transparency-dev's tests name them. */
const node = (level: number, index: number): Uint8Array => nodes[level]?.[index] as Uint8Array;
const rootOf = (size: number): Uint8Array => (size === 0 ? emptyRootHash() : (roots[size - 1] as Uint8Array));
const hex = (hashes: readonly Uint8Array[]) => hashes.map(toHex);

function flipped(bytes: Uint8Array, position: number, mask = 0x08): Uint8Array {
  const copy = bytes.slice();
  copy[position % copy.length] = (copy[position % copy.length] as number) ^ mask;
  return copy;
}

// Independent recursive transcription of RFC 9162 §2.1 MTH, PATH and PROOF, to cross-check the
// iterative implementations on every shape of small tree.
function referenceRoot(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) {
    return emptyRootHash();
  }
  if (hashes.length === 1) {
    return hashes[0] as Uint8Array;
  }
  let k = 1;
  while (k * 2 < hashes.length) {
    k *= 2;
  }
  return nodeHash(referenceRoot(hashes.slice(0, k)), referenceRoot(hashes.slice(k)));
}

function referencePath(m: number, hashes: readonly Uint8Array[]): Uint8Array[] {
  if (hashes.length <= 1) {
    return [];
  }
  let k = 1;
  while (k * 2 < hashes.length) {
    k *= 2;
  }
  return m < k
    ? [...referencePath(m, hashes.slice(0, k)), referenceRoot(hashes.slice(k))]
    : [...referencePath(m - k, hashes.slice(k)), referenceRoot(hashes.slice(0, k))];
}

function referenceSubproof(m: number, hashes: readonly Uint8Array[], complete: boolean): Uint8Array[] {
  if (m === hashes.length) {
    return complete ? [] : [referenceRoot(hashes)];
  }
  let k = 1;
  while (k * 2 < hashes.length) {
    k *= 2;
  }
  return m <= k
    ? [...referenceSubproof(m, hashes.slice(0, k), complete), referenceRoot(hashes.slice(k))]
    : [...referenceSubproof(m - k, hashes.slice(k), false), referenceRoot(hashes.slice(0, k))];
}

/** Distinct random leaves: the index prefix rules out equal leaves, which would make mutations no-ops. */
const leafEntries = (size: number, seed: number) =>
  Array.from({ length: size }, (_, i) => leafHash(new TextEncoder().encode(`${seed}:${i}`)));

describe('hashing', () => {
  it('hashes leaves and nodes with the RFC 6962 prefixes', () => {
    const entry = new Uint8Array([1, 2, 3]);
    const expectedLeaf = createHash('sha256')
      .update(Buffer.from([0, 1, 2, 3]))
      .digest('hex');
    expect(toHex(leafHash(entry))).toBe(expectedLeaf);
    const left = leafHash(entry);
    const right = emptyRootHash();
    const expectedNode = createHash('sha256')
      .update(Buffer.from([1]))
      .update(left)
      .update(right)
      .digest('hex');
    expect(toHex(nodeHash(left, right))).toBe(expectedNode);
  });

  it('has the SHA-256("") empty root', () => {
    expect(toHex(emptyRootHash())).toBe(vectors.emptyRoot);
    expect(toHex(rootFromLeafHashes([]))).toBe(vectors.emptyRoot);
  });

  it('reproduces the leaf hashes of the reference tree', () => {
    expect(hex(leafHashes)).toEqual(vectors.nodeHashes[0]);
  });

  it.each(vectors.roots.map((root, i) => [i + 1, root] as const))(
    'reproduces the root of size %i',
    (size, root) => {
      expect(toHex(rootFromLeafHashes(leafHashes.slice(0, size)))).toBe(root);
    },
  );

  it('agrees with the recursive definition for every size up to 300', () => {
    const hashes = leafEntries(300, 1);
    for (let size = 0; size <= 300; size++) {
      expect(toHex(rootFromLeafHashes(hashes.slice(0, size)))).toBe(
        toHex(referenceRoot(hashes.slice(0, size))),
      );
    }
  });
});

describe('proof generation', () => {
  it.each(vectors.inclusion)(
    'matches the CT inclusion vector $index/$treeSize',
    ({ index, treeSize, proof }) => {
      expect(hex(inclusionProof(leafHashes.slice(0, treeSize), index))).toEqual(proof);
    },
  );

  it.each(vectors.consistency)(
    'matches the CT consistency vector $oldSize->$newSize',
    ({ oldSize, newSize, proof }) => {
      expect(hex(consistencyProof(leafHashes.slice(0, newSize), oldSize))).toEqual(proof);
    },
  );

  // transparency-dev/merkle proof/proof_test.go, with its node names a..l of the 8-leaf tree.
  const l7 = () => nodeHash(node(1, 2), node(0, 6));
  it.each([
    [7, 0, () => [node(0, 1), node(1, 1), l7()]],
    [7, 3, () => [node(0, 2), node(1, 0), l7()]],
    [7, 4, () => [node(0, 5), node(0, 6), node(2, 0)]],
    [7, 6, () => [node(1, 2), node(2, 0)]],
    [5, 3, () => [node(0, 2), node(1, 0), node(0, 4)]],
    [6, 3, () => [node(0, 2), node(1, 0), node(1, 2)]],
    [6, 4, () => [node(0, 5), node(2, 0)]],
  ])('builds the transparency-dev inclusion proof for size %i index %i', (size, index, expected) => {
    expect(hex(inclusionProof(leafHashes.slice(0, size), index))).toEqual(hex(expected()));
  });

  it.each([
    [1, 2, () => [node(0, 1)]],
    [1, 6, () => [node(0, 1), node(1, 1), node(1, 2)]],
    [2, 8, () => [node(1, 1), node(2, 1)]],
    [3, 7, () => [node(0, 2), node(0, 3), node(1, 0), l7()]],
    [4, 7, () => [l7()]],
    [5, 7, () => [node(0, 4), node(0, 5), node(0, 6), node(2, 0)]],
    [6, 7, () => [node(1, 2), node(0, 6), node(2, 0)]],
    [7, 8, () => [node(0, 6), node(0, 7), node(1, 2), node(2, 0)]],
    [1, 7, () => [node(0, 1), node(1, 1), l7()]],
    [3, 5, () => [node(0, 2), node(0, 3), node(1, 0), node(0, 4)]],
  ])('builds the transparency-dev consistency proof %i->%i', (oldSize, newSize, expected) => {
    expect(hex(consistencyProof(leafHashes.slice(0, newSize), oldSize))).toEqual(hex(expected()));
  });

  it('gives empty consistency proofs where nothing is to prove', () => {
    expect(consistencyProof(leafHashes, 0)).toEqual([]);
    expect(consistencyProof(leafHashes, 8)).toEqual([]);
  });

  it('agrees with the recursive definitions for every index and old size up to 40 leaves', () => {
    const hashes = leafEntries(40, 2);
    for (let size = 1; size <= 40; size++) {
      const tree = hashes.slice(0, size);
      for (let m = 0; m < size; m++) {
        expect(hex(inclusionProof(tree, m))).toEqual(hex(referencePath(m, tree)));
        if (m > 0) {
          expect(hex(consistencyProof(tree, m))).toEqual(hex(referenceSubproof(m, tree, true)));
        }
      }
    }
  });

  it('asks a subtree source only for RFC 6962 subtree ranges', () => {
    const hashes = leafEntries(95, 3);
    const asked: Array<[number, number]> = [];
    const source = subtreeHashFromLeaves(hashes);
    consistencyProofFromSubtrees(81, 95, (start, end) => {
      asked.push([start, end]);
      return source(start, end);
    });
    for (const [start, end] of asked) {
      let span = 1;
      while (span < end - start) {
        span *= 2;
      }
      expect(start % span).toBe(0);
    }
  });

  it.each([
    [0, 0],
    [1, 1],
    [8, 7],
    [-1, 3],
    [0.5, 3],
  ])('rejects an inclusion proof request for index %d of size %d', (index, size) => {
    expect(() => inclusionProof(leafHashes.slice(0, size), index)).toThrow(/No leaf/);
  });

  it('rejects a consistency proof request from a bigger tree', () => {
    expect(() => consistencyProof(leafHashes.slice(0, 5), 6)).toThrow(/No consistency proof/);
  });
});

describe('verifyInclusion', () => {
  const checkVector = (index: number, treeSize: number, proofHex: readonly string[]) => {
    const proof = proofHex.map(fromHex);
    const leaf = leafHashes[index] as Uint8Array;
    const rootHash = rootOf(treeSize);
    return { leafHash: leaf, index, treeSize, proof, rootHash };
  };

  it.each(vectors.inclusion)('accepts the CT vector $index/$treeSize', ({ index, treeSize, proof }) => {
    const input = checkVector(index, treeSize, proof);
    expect(verifyInclusion(input)).toEqual({ ok: true });
    const computed = rootFromInclusionProof(input);
    expect(computed.ok && toHex(computed.root)).toBe(toHex(input.rootHash));
  });

  // The corruptions of transparency-dev/merkle proof/verify_test.go corruptInclusionProof.
  it.each(vectors.inclusion.filter((v) => v.proof.length > 0))(
    'rejects every corruption of the CT vector $index/$treeSize',
    ({ index, treeSize, proof }) => {
      const good = checkVector(index, treeSize, proof);
      const p = good.proof;
      const probes = [
        { ...good, index: index - 1 },
        { ...good, index: index + 1 },
        { ...good, index: index ^ 2 },
        { ...good, treeSize: treeSize * 2 },
        { ...good, treeSize: Math.floor(treeSize / 2) },
        { ...good, leafHash: leafHash(new TextEncoder().encode('WrongLeaf')) },
        { ...good, rootHash: emptyRootHash() },
        { ...good, rootHash: someHash },
        { ...good, proof: [...p, new Uint8Array(0)] },
        { ...good, proof: [...p, good.rootHash] },
        { ...good, proof: [new Uint8Array(0), ...p] },
        { ...good, proof: [good.rootHash, ...p] },
        { ...good, proof: p.slice(0, -1) },
        { ...good, proof: [p[0] as Uint8Array, someHash, ...p.slice(1)] },
        ...p.map((_, i) => ({ ...good, proof: p.map((h, j) => (i === j ? flipped(h, 0) : h)) })),
      ];
      for (const probe of probes) {
        expect(verifyInclusion(probe).ok).toBe(false);
      }
    },
  );

  it('gives a specific reason for each kind of bad input', () => {
    const good = checkVector(5, 8, vectors.inclusion[2]?.proof ?? []);
    expect(verifyInclusion({ ...good, index: 8 })).toEqual({ ok: false, reason: 'index_out_of_range' });
    expect(verifyInclusion({ ...good, treeSize: 0, index: 0 })).toEqual({
      ok: false,
      reason: 'index_out_of_range',
    });
    expect(verifyInclusion({ ...good, index: -1 })).toEqual({ ok: false, reason: 'invalid_size' });
    expect(verifyInclusion({ ...good, treeSize: 2 ** 53 })).toEqual({ ok: false, reason: 'invalid_size' });
    expect(verifyInclusion({ ...good, treeSize: Number.NaN })).toEqual({ ok: false, reason: 'invalid_size' });
    expect(verifyInclusion({ ...good, proof: good.proof.slice(1) })).toEqual({
      ok: false,
      reason: 'wrong_proof_length',
    });
    expect(verifyInclusion({ ...good, proof: [...good.proof, someHash] })).toEqual({
      ok: false,
      reason: 'wrong_proof_length',
    });
    expect(verifyInclusion({ ...good, rootHash: someHash })).toEqual({ ok: false, reason: 'root_mismatch' });
    expect(verifyInclusion({ ...good, rootHash: new Uint8Array(31) })).toEqual({
      ok: false,
      reason: 'bad_hash_length',
    });
    expect(verifyInclusion({ ...good, leafHash: new Uint8Array(33) })).toEqual({
      ok: false,
      reason: 'bad_hash_length',
    });
    const tooLong = Array.from({ length: MAX_PROOF_HASHES + 1 }, () => someHash);
    expect(verifyInclusion({ ...good, proof: tooLong })).toEqual({ ok: false, reason: 'proof_too_long' });
  });

  it('accepts the single-leaf tree only with its own hash and an empty proof', () => {
    const hash = leafHash(new TextEncoder().encode('data'));
    expect(verifyInclusion({ leafHash: hash, index: 0, treeSize: 1, proof: [], rootHash: hash }).ok).toBe(
      true,
    );
    expect(verifyInclusion({ leafHash: hash, index: 0, treeSize: 1, proof: [], rootHash: someHash }).ok).toBe(
      false,
    );
    expect(verifyInclusion({ leafHash: someHash, index: 0, treeSize: 1, proof: [], rootHash: hash }).ok).toBe(
      false,
    );
  });

  it('handles sizes above 2^32 without bit-operator truncation', () => {
    // A proof of the last leaf of a 2^40 + 1 tree: its sibling is the left 2^40 subtree.
    const result = rootFromInclusionProof({
      leafHash: someHash,
      index: 2 ** 40,
      treeSize: 2 ** 40 + 1,
      proof: [someHash],
    });
    expect(result.ok && toHex(result.root)).toBe(toHex(nodeHash(someHash, someHash)));
  });
});

describe('verifyConsistency', () => {
  const checkVector = (oldSize: number, newSize: number, proofHex: readonly string[]) => ({
    oldSize,
    newSize,
    oldRoot: rootOf(oldSize),
    newRoot: rootOf(newSize),
    proof: proofHex.map(fromHex),
  });

  it.each(vectors.consistency)('accepts the CT vector $oldSize->$newSize', ({ oldSize, newSize, proof }) => {
    expect(verifyConsistency(checkVector(oldSize, newSize, proof))).toEqual({ ok: true });
  });

  // The corruptions of transparency-dev/merkle proof/verify_test.go corruptConsistencyProof.
  it.each(vectors.consistency.filter((v) => v.proof.length > 0))(
    'rejects every corruption of the CT vector $oldSize->$newSize',
    ({ oldSize, newSize, proof }) => {
      const good = checkVector(oldSize, newSize, proof);
      const p = good.proof;
      const wrongRoot = new TextEncoder().encode('WrongRoot');
      const probes = [
        { ...good, oldSize: oldSize - 1 },
        { ...good, oldSize: oldSize + 1 },
        { ...good, oldSize: oldSize ^ 2 },
        { ...good, newSize: newSize * 2 },
        { ...good, newSize: Math.floor(newSize / 2) },
        { ...good, oldRoot: wrongRoot },
        { ...good, newRoot: wrongRoot },
        { ...good, oldRoot: good.newRoot, newRoot: good.oldRoot },
        { ...good, proof: [] },
        { ...good, proof: [...p, new Uint8Array(0)] },
        { ...good, proof: [...p, good.oldRoot] },
        { ...good, proof: [...p, good.newRoot] },
        { ...good, proof: [new Uint8Array(0), ...p] },
        { ...good, proof: [good.oldRoot, ...p] },
        { ...good, proof: [good.newRoot, ...p] },
        { ...good, proof: [p[0] as Uint8Array, ...p] },
        { ...good, proof: p.slice(0, -1) },
        ...p.map((_, i) => ({ ...good, proof: p.map((h, j) => (i === j ? flipped(h, 0, 0x10) : h)) })),
      ];
      for (const probe of probes) {
        expect(verifyConsistency(probe).ok).toBe(false);
      }
    },
  );

  // transparency-dev/merkle TestVerifyConsistency's table, except that roots must be 32 bytes here
  // and a size-0 tree must have the empty root (both stricter than the Go verifier).
  it('handles the trivial sizes', () => {
    const empty = emptyRootHash();
    const root1 = rootOf(1);
    expect(verifyConsistency({ oldSize: 0, newSize: 0, oldRoot: empty, newRoot: empty, proof: [] }).ok).toBe(
      true,
    );
    expect(verifyConsistency({ oldSize: 0, newSize: 1, oldRoot: empty, newRoot: root1, proof: [] }).ok).toBe(
      true,
    );
    expect(verifyConsistency({ oldSize: 1, newSize: 1, oldRoot: root1, newRoot: root1, proof: [] }).ok).toBe(
      true,
    );
    expect(
      verifyConsistency({ oldSize: 0, newSize: 1, oldRoot: someHash, newRoot: root1, proof: [] }),
    ).toEqual({
      ok: false,
      reason: 'root_mismatch',
    });
    expect(
      verifyConsistency({ oldSize: 1, newSize: 1, oldRoot: root1, newRoot: someHash, proof: [] }),
    ).toEqual({
      ok: false,
      reason: 'root_mismatch',
    });
    for (const [oldSize, newSize] of [
      [0, 0],
      [0, 1],
      [1, 1],
    ] as const) {
      const withProof = { oldSize, newSize, oldRoot: empty, newRoot: empty, proof: [empty] };
      expect(verifyConsistency(withProof)).toEqual({ ok: false, reason: 'wrong_proof_length' });
    }
    expect(verifyConsistency({ oldSize: 1, newSize: 0, oldRoot: root1, newRoot: empty, proof: [] })).toEqual({
      ok: false,
      reason: 'size_out_of_range',
    });
    expect(verifyConsistency({ oldSize: 2, newSize: 1, oldRoot: root1, newRoot: root1, proof: [] })).toEqual({
      ok: false,
      reason: 'size_out_of_range',
    });
    expect(
      verifyConsistency({ oldSize: 1, newSize: 2, oldRoot: root1, newRoot: rootOf(2), proof: [] }),
    ).toEqual({
      ok: false,
      reason: 'wrong_proof_length',
    });
  });

  it('bounds its work and checks hash lengths', () => {
    const good = checkVector(6, 8, vectors.consistency[2]?.proof ?? []);
    const tooLong = Array.from({ length: MAX_PROOF_HASHES + 1 }, () => someHash);
    expect(verifyConsistency({ ...good, proof: tooLong })).toEqual({ ok: false, reason: 'proof_too_long' });
    expect(verifyConsistency({ ...good, oldRoot: new Uint8Array(0) })).toEqual({
      ok: false,
      reason: 'bad_hash_length',
    });
    expect(verifyConsistency({ ...good, proof: [...good.proof.slice(1), new Uint8Array(64)] })).toEqual({
      ok: false,
      reason: 'bad_hash_length',
    });
    expect(verifyConsistency({ ...good, oldSize: 1.5 })).toEqual({ ok: false, reason: 'invalid_size' });
  });
});

describe('properties', () => {
  const treeArb = fc
    .record({ size: fc.integer({ min: 1, max: 300 }), seed: fc.nat() })
    .map(({ size, seed }) => ({ size, hashes: leafEntries(size, seed) }));

  it('every inclusion proof verifies, and any flipped byte, other index or other-size root breaks it', () => {
    fc.assert(
      fc.property(
        treeArb,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        ({ size, hashes }, indexSeed, bytePosition, other) => {
          const index = indexSeed % size;
          const rootHash = rootFromLeafHashes(hashes);
          const proof = inclusionProof(hashes, index);
          const good = { leafHash: hashes[index] as Uint8Array, index, treeSize: size, proof, rootHash };
          expect(verifyInclusion(good)).toEqual({ ok: true });
          expect(verifyInclusion({ ...good, rootHash: flipped(rootHash, bytePosition) }).ok).toBe(false);
          expect(verifyInclusion({ ...good, leafHash: flipped(good.leafHash, bytePosition) }).ok).toBe(false);
          proof.forEach((_, i) => {
            const bad = proof.map((h, j) => (i === j ? flipped(h, bytePosition, 1 << (other % 8)) : h));
            expect(verifyInclusion({ ...good, proof: bad }).ok).toBe(false);
          });
          const otherIndex = (index + 1 + (other % size)) % size;
          if (otherIndex !== index) {
            expect(verifyInclusion({ ...good, index: otherIndex }).ok).toBe(false);
          }
          // The size is not hashed into the proof (the checkpoint binds it to the root), so a
          // different size is only tested against that size's own root: then the proof must fail
          // unless it happens to be that tree's proof too.
          const otherSize = index + 1 + (other % (size - index));
          if (otherSize !== size) {
            const otherTree = hashes.slice(0, otherSize);
            const probe = { ...good, treeSize: otherSize, rootHash: rootFromLeafHashes(otherTree) };
            const isItsProof = hex(inclusionProof(otherTree, index)).join() === hex(proof).join();
            expect(verifyInclusion(probe).ok).toBe(isItsProof);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('every consistency proof verifies, and any flipped byte or other old size breaks it', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), fc.nat(), ({ size, hashes }, oldSeed, bytePosition, other) => {
        const oldSize = oldSeed % (size + 1);
        const newRoot = rootFromLeafHashes(hashes);
        const oldRoot = rootFromLeafHashes(hashes.slice(0, oldSize));
        const proof = consistencyProof(hashes, oldSize);
        const good = { oldSize, newSize: size, oldRoot, newRoot, proof };
        expect(verifyConsistency(good)).toEqual({ ok: true });
        expect(verifyConsistency({ ...good, oldRoot: flipped(oldRoot, bytePosition) }).ok).toBe(false);
        // The empty tree is a prefix of every tree, so only then is the new root unconstrained.
        const newRootMatters = oldSize > 0;
        expect(verifyConsistency({ ...good, newRoot: flipped(newRoot, bytePosition) }).ok).toBe(
          !newRootMatters,
        );
        proof.forEach((_, i) => {
          const bad = proof.map((h, j) => (i === j ? flipped(h, bytePosition, 1 << (other % 8)) : h));
          expect(verifyConsistency({ ...good, proof: bad }).ok).toBe(false);
        });
        const otherOld = other % (size + 1);
        if (otherOld !== oldSize) {
          const probe = {
            ...good,
            oldSize: otherOld,
            oldRoot: rootFromLeafHashes(hashes.slice(0, otherOld)),
          };
          const isItsProof = hex(consistencyProof(hashes, otherOld)).join() === hex(proof).join();
          expect(verifyConsistency(probe).ok).toBe(isItsProof);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on arbitrary input', () => {
    const hashArb = fc.oneof(
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.uint8Array({ maxLength: 40 }),
    );
    const sizeArb = fc.oneof(fc.integer({ min: -2, max: 70 }), fc.double(), fc.constant(2 ** 60));
    fc.assert(
      fc.property(
        sizeArb,
        sizeArb,
        hashArb,
        hashArb,
        fc.array(hashArb, { maxLength: 70 }),
        (a, b, h1, h2, proof) => {
          expect(verifyInclusion({ leafHash: h1, index: a, treeSize: b, proof, rootHash: h2 }).ok).toBeTypeOf(
            'boolean',
          );
          expect(
            verifyConsistency({ oldSize: a, newSize: b, oldRoot: h1, newRoot: h2, proof }).ok,
          ).toBeTypeOf('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });
});
