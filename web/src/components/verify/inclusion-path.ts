// An RFC 9162 inclusion proof walked step by step, so the log explorer can draw the path from a
// leaf to the root: at each step, which side the sibling sits on and the hash it leads to. The
// final root is compared with the checkpoint's by the caller, and the verifier's own
// verifyInclusion stays the authority (the explorer shows both agree).
import { nodeHash } from '@tradehub/verifier';

export type InclusionStep = {
  /** Height above the leaves of the node this step produces (1 = the leaf's parent). */
  level: number;
  /** Where the sibling from the proof sits: left means sibling ‖ current. */
  side: 'left' | 'right';
  sibling: Uint8Array;
  result: Uint8Array;
};

export type InclusionPath =
  | { ok: true; steps: InclusionStep[]; root: Uint8Array }
  | { ok: false; reason: 'index_out_of_range' | 'wrong_proof_length' };

/**
 * The steps of an inclusion proof for `index` in a tree of `treeSize` leaves, following RFC 9162
 * §2.1.3.2. Levels skipped on the tree's right edge (a node with no sibling) are counted, so each
 * step's level is its real height in the tree.
 */
export const inclusionPath = (
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
): InclusionPath => {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) {
    return { ok: false, reason: 'index_out_of_range' };
  }
  let fn = index;
  let sn = treeSize - 1;
  // Height of the node `current` stands for; a node on the right edge without a sibling is
  // carried up unchanged, which raises its height without a step.
  let height = 0;
  let current = leafHash;
  const steps: InclusionStep[] = [];
  for (const sibling of proof) {
    if (sn === 0) {
      return { ok: false, reason: 'wrong_proof_length' };
    }
    if (fn % 2 === 1 || fn === sn) {
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
        height += 1;
      }
      current = nodeHash(sibling, current);
      height += 1;
      steps.push({ level: height, side: 'left', sibling, result: current });
    } else {
      current = nodeHash(current, sibling);
      height += 1;
      steps.push({ level: height, side: 'right', sibling, result: current });
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? { ok: true, steps, root: current } : { ok: false, reason: 'wrong_proof_length' };
};
