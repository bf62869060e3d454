// RFC 6962 / RFC 9162 §2.1 Merkle trees over SHA-256: tree hashes, proof generation for the log
// server, and proof verification for third parties. Tree sizes and indices are JavaScript numbers
// (safe integers), which covers any log that will ever exist (2^53 entries).

import { AppError, constantTimeEqual } from '@tradehub/kernel';
import { sha256 } from './sha256.ts';

/** Bytes in every hash of the tree (SHA-256). */
export const HASH_SIZE = 32;

/** The most hashes a proof may carry; a 2^63-entry tree needs fewer, so longer input is hostile. */
export const MAX_PROOF_HASHES = 64;

/** Why a proof did not verify. */
export type MerkleFailureReason =
  | 'invalid_size'
  | 'index_out_of_range'
  | 'size_out_of_range'
  | 'bad_hash_length'
  | 'proof_too_long'
  | 'wrong_proof_length'
  | 'root_mismatch';

/** The outcome of a proof check: verification never throws on bad input. */
export type MerkleVerification = { ok: true } | { ok: false; reason: MerkleFailureReason };

/** The root a proof leads to, or why it leads nowhere. */
export type MerkleRootResult = { ok: true; root: Uint8Array } | { ok: false; reason: MerkleFailureReason };

/**
 * Returns MTH(D[start:end]) for the tree the proof is about. Proof generation only asks for ranges
 * that are RFC 6962 subtrees: `start` is a multiple of the smallest power of two not below
 * `end - start`, so a server can answer from stored nodes or tiles.
 */
export type SubtreeHash = (start: number, end: number) => Uint8Array;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** RFC 6962 leaf hash: SHA-256(0x00 || entry). */
export function leafHash(entry: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + entry.length);
  input[0] = LEAF_PREFIX;
  input.set(entry, 1);
  return sha256(input);
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

/** MTH({}) = SHA-256(""), the root of the empty tree. */
export function emptyRootHash(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** The largest power of two strictly below `n` (n >= 2): the RFC 6962 split point `k`. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

/**
 * MTH(D[n]) from the leaf hashes, in O(n) hashes and O(log n) memory: a stack of perfect-subtree
 * hashes (sizes strictly decreasing), folded right to left at the end, which equals the recursive
 * definition because the recursion splits off exactly those perfect subtrees.
 */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) {
    return emptyRootHash();
  }
  const stack: Uint8Array[] = [];
  leafHashes.forEach((leaf, i) => {
    let hash = leaf;
    // Leaf i completes one perfect subtree per trailing zero bit of i + 1.
    for (let size = i + 1; size % 2 === 0; size /= 2) {
      hash = nodeHash(stack.pop() as Uint8Array, hash);
    }
    stack.push(hash);
  });
  let root = stack.pop() as Uint8Array;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    root = nodeHash(next, root);
  }
  return root;
}

function isSize(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function invalidRequest(message: string): AppError {
  return new AppError('verifier.invalid_proof_request', message);
}

/** A SubtreeHash over an in-memory array of leaf hashes. */
export function subtreeHashFromLeaves(leafHashes: readonly Uint8Array[]): SubtreeHash {
  return (start, end) => rootFromLeafHashes(leafHashes.slice(start, end));
}

/**
 * RFC 9162 §2.1.3.1 PATH(index, D[treeSize]) using a subtree-hash source. The recursion is walked
 * top-down, so hashes are collected root-side first and reversed to the RFC's leaf-first order.
 */
export function inclusionProofFromSubtrees(
  index: number,
  treeSize: number,
  subtreeHash: SubtreeHash,
): Uint8Array[] {
  if (!isSize(treeSize) || !isSize(index) || index >= treeSize) {
    throw invalidRequest(`No leaf ${index} in a tree of ${treeSize}`);
  }
  const path: Uint8Array[] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      path.push(subtreeHash(start + k, end));
      end = start + k;
    } else {
      path.push(subtreeHash(start, start + k));
      start += k;
    }
  }
  return path.reverse();
}

/** RFC 9162 §2.1.3.1 inclusion proof for leaf `index` in the tree of all `leafHashes`. */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  return inclusionProofFromSubtrees(index, leafHashes.length, subtreeHashFromLeaves(leafHashes));
}

/**
 * RFC 9162 §2.1.4.1 PROOF(oldSize, D[newSize]) via SUBPROOF, walked top-down like the inclusion
 * proof. An empty proof is returned for oldSize 0 or oldSize = newSize, where nothing is to prove.
 */
export function consistencyProofFromSubtrees(
  oldSize: number,
  newSize: number,
  subtreeHash: SubtreeHash,
): Uint8Array[] {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) {
    throw invalidRequest(`No consistency proof from size ${oldSize} to size ${newSize}`);
  }
  if (oldSize === 0 || oldSize === newSize) {
    return [];
  }
  const proof: Uint8Array[] = [];
  let start = 0;
  let end = newSize;
  let m = oldSize;
  // `complete` is SUBPROOF's b: true while the old tree's root is itself a node on our path.
  let complete = true;
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      proof.push(subtreeHash(start + k, end));
      end = start + k;
    } else {
      proof.push(subtreeHash(start, start + k));
      start += k;
      m -= k;
      complete = false;
    }
  }
  if (!complete) {
    proof.push(subtreeHash(start, end));
  }
  return proof.reverse();
}

/** RFC 9162 §2.1.4.1 consistency proof from the first `oldSize` leaves to all `leafHashes`. */
export function consistencyProof(leafHashes: readonly Uint8Array[], oldSize: number): Uint8Array[] {
  return consistencyProofFromSubtrees(oldSize, leafHashes.length, subtreeHashFromLeaves(leafHashes));
}

function fail(reason: MerkleFailureReason): { ok: false; reason: MerkleFailureReason } {
  return { ok: false, reason };
}

function proofShapeError(proof: readonly Uint8Array[]): MerkleFailureReason | undefined {
  if (proof.length > MAX_PROOF_HASHES) {
    return 'proof_too_long';
  }
  return proof.every((hash) => hash.length === HASH_SIZE) ? undefined : 'bad_hash_length';
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isPowerOfTwo(n: number): boolean {
  let rest = n;
  while (rest > 1 && !isOdd(rest)) {
    rest = half(rest);
  }
  return rest === 1;
}

/** Input of rootFromInclusionProof. */
export type InclusionProofInput = {
  leafHash: Uint8Array;
  index: number;
  treeSize: number;
  proof: readonly Uint8Array[];
};

/**
 * The root an RFC 9162 §2.1.3.2 inclusion proof leads to. Arithmetic uses division instead of
 * bit operators so sizes above 2^32 stay exact.
 */
export function rootFromInclusionProof(input: InclusionProofInput): MerkleRootResult {
  const { leafHash: leaf, index, treeSize, proof } = input;
  if (!isSize(treeSize) || !isSize(index)) {
    return fail('invalid_size');
  }
  if (index >= treeSize) {
    return fail('index_out_of_range');
  }
  const shapeError = leaf.length === HASH_SIZE ? proofShapeError(proof) : 'bad_hash_length';
  if (shapeError !== undefined) {
    return fail(shapeError);
  }
  let fn = index;
  let sn = treeSize - 1;
  let root = leaf;
  for (const sibling of proof) {
    if (sn === 0) {
      return fail('wrong_proof_length');
    }
    if (isOdd(fn) || fn === sn) {
      root = nodeHash(sibling, root);
      // Skip the levels where this node has no right sibling (the right edge of the tree).
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      root = nodeHash(root, sibling);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? { ok: true, root } : fail('wrong_proof_length');
}

/** Input of verifyInclusion. */
export type InclusionVerificationInput = InclusionProofInput & { rootHash: Uint8Array };

/** RFC 9162 §2.1.3.2: does `proof` show `leafHash` at `index` in the tree of `treeSize` with `rootHash`? */
export function verifyInclusion(input: InclusionVerificationInput): MerkleVerification {
  if (input.rootHash.length !== HASH_SIZE) {
    return fail('bad_hash_length');
  }
  const result = rootFromInclusionProof(input);
  if (!result.ok) {
    return result;
  }
  return constantTimeEqual(result.root, input.rootHash) ? { ok: true } : fail('root_mismatch');
}

/** Input of verifyConsistency. */
export type ConsistencyVerificationInput = {
  oldSize: number;
  newSize: number;
  oldRoot: Uint8Array;
  newRoot: Uint8Array;
  proof: readonly Uint8Array[];
};

function trivialConsistency(input: ConsistencyVerificationInput): MerkleVerification {
  if (input.proof.length !== 0) {
    return fail('wrong_proof_length');
  }
  // Stricter than RFC 9162, which leaves size 0 undefined: a size-0 tree has exactly one root.
  const expected = input.oldSize === 0 ? emptyRootHash() : input.newRoot;
  return constantTimeEqual(input.oldRoot, expected) ? { ok: true } : fail('root_mismatch');
}

type ConsistencyRoots = { oldRoot: Uint8Array; newRoot: Uint8Array };

// RFC 9162 §2.1.4.2 steps 2-7, for 0 < oldSize < newSize and a non-empty, well-formed proof.
function rootsFromConsistencyProof(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  proof: readonly Uint8Array[],
): ConsistencyRoots | undefined {
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) {
      return undefined;
    }
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? { oldRoot: fr, newRoot: sr } : undefined;
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (oldSize, oldRoot) is a prefix of (newSize, newRoot)? */
export function verifyConsistency(input: ConsistencyVerificationInput): MerkleVerification {
  const { oldSize, newSize, oldRoot, newRoot, proof } = input;
  if (!isSize(oldSize) || !isSize(newSize)) {
    return fail('invalid_size');
  }
  if (oldSize > newSize) {
    return fail('size_out_of_range');
  }
  const shapeError =
    oldRoot.length === HASH_SIZE && newRoot.length === HASH_SIZE ? proofShapeError(proof) : 'bad_hash_length';
  if (shapeError !== undefined) {
    return fail(shapeError);
  }
  if (oldSize === 0 || oldSize === newSize) {
    return trivialConsistency(input);
  }
  if (proof.length === 0) {
    return fail('wrong_proof_length');
  }
  const roots = rootsFromConsistencyProof(oldSize, newSize, oldRoot, proof);
  if (roots === undefined) {
    return fail('wrong_proof_length');
  }
  const matches = constantTimeEqual(roots.oldRoot, oldRoot) && constantTimeEqual(roots.newRoot, newRoot);
  return matches ? { ok: true } : fail('root_mismatch');
}

/**
 * Nodes of one tree (one root and size) already proven by a verified inclusion proof, by position:
 * `level * 2^32 + index`, the node over leaves [index * 2^level, min((index + 1) * 2^level, size)).
 * For checking many proofs of one tree (the members of an issuance batch) with fewer hashes.
 */
export type ProvenNodes = Map<number, Uint8Array>;

const LEVEL_STRIDE = 2 ** 32;
/**
 * Proven nodes kept per tree before the cache starts over: a bound on memory for hostile input.
 * A batch of n members needs about 2n (tradehub's batches hold at most 1,000).
 */
export const MAX_PROVEN_NODES = 4096;

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (a === undefined || a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/**
 * verifyInclusion, remembering the nodes a valid proof establishes in `proven` (of this root and
 * size only) and reusing them: once this leaf's own hash meets a proven node at its position, the
 * remaining levels are taken from `proven` instead of hashed, and every remaining proof hash must
 * still equal the proven sibling at its position. So the leaf is always this proof's own leaf, no
 * proof hash goes unchecked, and a proof over a batch of n costs about one hash per leaf.
 */
export function verifyInclusionWithProvenNodes(
  input: InclusionVerificationInput,
  proven: ProvenNodes,
): MerkleVerification {
  const { leafHash: leaf, index, treeSize, proof, rootHash } = input;
  if (!isSize(treeSize) || !isSize(index) || treeSize > LEVEL_STRIDE) {
    return verifyInclusion(input);
  }
  if (index >= treeSize) {
    return fail('index_out_of_range');
  }
  const shapeError =
    leaf.length === HASH_SIZE && rootHash.length === HASH_SIZE ? proofShapeError(proof) : 'bad_hash_length';
  if (shapeError !== undefined) {
    return fail(shapeError);
  }
  const learned: [number, Uint8Array][] = [[index, leaf]];
  let fn = index;
  let sn = treeSize - 1;
  let level = 0;
  let node = leaf;
  let known = sameBytes(proven.get(index), leaf);
  for (const sibling of proof) {
    if (sn === 0) {
      return fail('wrong_proof_length');
    }
    const siblingOnLeft = isOdd(fn) || fn === sn;
    if (siblingOnLeft) {
      // The levels where this node has no right sibling (the right edge): same node, higher up.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
        level++;
      }
    }
    const siblingAt = level * LEVEL_STRIDE + (siblingOnLeft ? fn - 1 : fn + 1);
    const provenSibling = proven.get(siblingAt);
    if (provenSibling !== undefined && !sameBytes(provenSibling, sibling)) {
      return fail('root_mismatch');
    }
    fn = half(fn);
    sn = half(sn);
    level++;
    const parentAt = level * LEVEL_STRIDE + fn;
    const provenParent = proven.get(parentAt);
    if (known && provenSibling !== undefined && provenParent !== undefined) {
      node = provenParent;
    } else {
      node = siblingOnLeft ? nodeHash(sibling, node) : nodeHash(node, sibling);
      known = sameBytes(provenParent, node);
    }
    learned.push([siblingAt, sibling], [parentAt, node]);
  }
  if (sn !== 0) {
    return fail('wrong_proof_length');
  }
  if (!constantTimeEqual(node, rootHash)) {
    return fail('root_mismatch');
  }
  if (proven.size + learned.length > MAX_PROVEN_NODES) {
    proven.clear();
  }
  for (const [at, hash] of learned) {
    proven.set(at, hash);
  }
  return { ok: true };
}

/**
 * The RFC 6962 tree over leaf hashes as levels (level 0 the leaves, the last level the root), each
 * level's odd last node carried up unchanged, which gives the same tree as MTH's split at the
 * largest power of two. For building many inclusion proofs of one small tree.
 */
export function merkleLevels(leafHashes: readonly Uint8Array[]): Uint8Array[][] {
  if (leafHashes.length === 0) {
    throw invalidRequest('A tree of levels needs at least one leaf');
  }
  const levels: Uint8Array[][] = [[...leafHashes]];
  let current = levels[0] as Uint8Array[];
  while (current.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < current.length; i += 2) {
      next.push(nodeHash(current[i] as Uint8Array, current[i + 1] as Uint8Array));
    }
    if (isOdd(current.length)) {
      next.push(current[current.length - 1] as Uint8Array);
    }
    levels.push(next);
    current = next;
  }
  return levels;
}

/** The RFC 9162 inclusion proof of leaf `index` from merkleLevels' levels, leaf's sibling first. */
export function inclusionProofFromLevels(
  levels: readonly (readonly Uint8Array[])[],
  index: number,
): Uint8Array[] {
  const size = levels[0]?.length ?? 0;
  if (!isSize(index) || index >= size) {
    throw invalidRequest(`Leaf ${index} is not in a tree of ${size}`);
  }
  const proof: Uint8Array[] = [];
  let at = index;
  for (let l = 0; l < levels.length - 1; l++) {
    const level = levels[l] as readonly Uint8Array[];
    const sibling = isOdd(at) ? at - 1 : at + 1;
    if (sibling < level.length) {
      proof.push(level[sibling] as Uint8Array);
    }
    at = half(at);
  }
  return proof;
}
