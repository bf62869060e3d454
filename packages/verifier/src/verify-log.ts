// The log side of verification: the document against its log entry, the inclusion proof against
// the checkpoint, the checkpoint against the trust policy's log keys and witnesses.

import { AppError, constantTimeEqual, toHex } from '@tradehub/kernel';
import type { IssueBatchProof, ParsedTrustPolicy } from './bundle.ts';
import type { CheckResult } from './check-result.ts';
import { result } from './check-result.ts';
import type { Checkpoint } from './checkpoint.ts';
import { openCheckpoint, parseCheckpoint } from './checkpoint.ts';
import type { WitnessCosignature } from './cosignature.ts';
import { countWitnessCosignatures } from './cosignature.ts';
import type { JsonObject } from './data-integrity.ts';
import { MAX_CANONICAL_BYTES } from './data-integrity.ts';
import type { TradeLogEntry } from './entry.ts';
import { parseTradeLogEntry, TradeLogEntryKind, tradeLogEntryLeafHash } from './entry.ts';
import { canonicalizeJson } from './fast-jcs.ts';
import { verifyInclusion } from './merkle.ts';
import { inspectNote } from './note.ts';
import { sha256 } from './sha256.ts';
import type { TlogProof } from './tlog-proof.ts';
import type { VerificationReason } from './verification-reasons.ts';
import { VERIFICATION_REASON_TEXT } from './verification-reasons.ts';
import { type BatchMemo, checkBatchIntegrity } from './verify-batch.ts';
import { encodeUtf8 } from './web-platform.ts';

const RECORD_DOMAIN = 'record/v1\n';

/** SHA-256("record/v1\n" || issuer DID || "\n" || credential id): binds a log record to its issuer. */
export function tradeLogRecordId(issuerDid: string, credentialId: string): Uint8Array {
  return sha256(encodeUtf8(`${RECORD_DOMAIN}${issuerDid}\n${credentialId}`));
}

/** SHA-256(JCS(document without `proof`)): the doc_hash of a log entry. Throws on non-JSON input. */
export function documentHash(document: JsonObject): Uint8Array {
  // A null prototype keeps a "__proto__" member an own member, as JSON.parse made it.
  const unsecured: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(document)) {
    if (key !== 'proof') {
      unsecured[key] = value;
    }
  }
  const bytes = encodeUtf8(canonicalizeJson(unsecured));
  if (bytes.length > MAX_CANONICAL_BYTES) {
    throw new AppError('verifier.document_too_large', 'The canonical document is too large');
  }
  return sha256(bytes);
}

/** documentHash, or undefined for what is not JSON data or too large. */
export function documentHashOrUndefined(document: JsonObject): Uint8Array | undefined {
  try {
    return documentHash(document);
  } catch {
    return undefined;
  }
}

// RFC 9162 inclusion proofs have exactly this many hashes for a leaf at `index` of a tree of `size`:
// the levels below the point where the paths to `index` and to the last leaf meet, plus one per set
// bit above it. Arithmetic rather than bit operators, so sizes past 2^32 stay exact.
function inclusionProofLength(index: number, size: number): number {
  let inner = 0;
  let a = index;
  let b = size - 1;
  while (a !== b) {
    a = Math.floor(a / 2);
    b = Math.floor(b / 2);
    inner++;
  }
  let border = 0;
  for (let x = a; x > 0; x = Math.floor(x / 2)) {
    border += x % 2;
  }
  return inner + border;
}

/** What a checked checkpoint note yields; cached per note text. */
export type CheckpointEvaluation = {
  readonly checkpoint?: Checkpoint;
  readonly checkpointCheck: CheckResult;
  readonly witnessesCheck: CheckResult;
  readonly cosignatures: readonly WitnessCosignature[];
};

/** Checks a checkpoint note against the policy: parsed, signed by a log key, cosigned by a quorum. */
export function evaluateCheckpoint(note: string, trust: ParsedTrustPolicy | undefined): CheckpointEvaluation {
  const unusable = result('witnesses', 'SKIPPED', 'checkpoint_unusable');
  const opened = inspectNote(note, []);
  const parsed = opened.ok ? parseCheckpoint(opened.text) : undefined;
  if (parsed === undefined || !parsed.ok) {
    const why = parsed === undefined ? (opened.ok ? '' : opened.message) : parsed.message;
    return {
      checkpointCheck: result(
        'checkpoint',
        'INVALID',
        'checkpoint_malformed',
        `The checkpoint is malformed: ${why}`,
      ),
      witnessesCheck: unusable,
      cosignatures: [],
    };
  }
  const checkpoint = parsed.checkpoint;
  if (trust === undefined) {
    return {
      checkpoint,
      checkpointCheck: result(
        'checkpoint',
        'ERROR',
        'no_trust_policy',
        'Could not check: no trust policy was given',
      ),
      witnessesCheck: result(
        'witnesses',
        'ERROR',
        'no_trust_policy',
        'Could not check: no trust policy was given',
      ),
      cosignatures: [],
    };
  }
  return {
    checkpoint,
    checkpointCheck: checkLogSignature(note, checkpoint, trust),
    ...checkWitnesses(note, trust),
  };
}

function checkLogSignature(note: string, checkpoint: Checkpoint, trust: ParsedTrustPolicy): CheckResult {
  const details = { origin: checkpoint.origin, treeSize: checkpoint.size };
  const keys = trust.logKeys.get(checkpoint.origin);
  if (keys === undefined) {
    return result(
      'checkpoint',
      'INVALID',
      'checkpoint_unknown_origin',
      `The checkpoint is from the log ${checkpoint.origin}, which the trust policy does not list`,
      details,
    );
  }
  let badSignature: string | undefined;
  for (const key of keys) {
    const opened = openCheckpoint(note, key);
    if (opened.ok) {
      return result(
        'checkpoint',
        'OK',
        'checkpoint_signed',
        `The checkpoint of ${checkpoint.origin} at size ${checkpoint.size} is signed by a trusted log key`,
        details,
      );
    }
    if (opened.reason === 'invalid_signature') {
      badSignature = opened.message;
    } else if (opened.reason !== 'missing_log_signature') {
      return result(
        'checkpoint',
        'INVALID',
        'checkpoint_malformed',
        `The checkpoint note is malformed: ${opened.message}`,
      );
    }
  }
  if (badSignature !== undefined) {
    return result(
      'checkpoint',
      'INVALID',
      'checkpoint_signature_invalid',
      `The log's signature on the checkpoint does not verify: the checkpoint was altered (${badSignature})`,
      details,
    );
  }
  return result(
    'checkpoint',
    'INVALID',
    'checkpoint_unknown_key',
    `The checkpoint of ${checkpoint.origin} is not signed by any log key in the trust policy`,
    details,
  );
}

function checkWitnesses(
  note: string,
  trust: ParsedTrustPolicy,
): { witnessesCheck: CheckResult; cosignatures: readonly WitnessCosignature[] } {
  if (trust.quorum === 0) {
    return { witnessesCheck: result('witnesses', 'SKIPPED', 'no_witnesses_required'), cosignatures: [] };
  }
  const inspected = inspectNote(note, trust.witnessKeys);
  if (!inspected.ok) {
    const witness = inspected.keyName ?? 'a witness';
    return {
      witnessesCheck: result(
        'witnesses',
        'INVALID',
        'witness_cosignature_invalid',
        `The cosignature of ${witness} does not verify over this checkpoint: it was made for another tree (for example a rolled-back one) or altered`,
        inspected.keyName === undefined ? {} : { witness: inspected.keyName },
      ),
      cosignatures: [],
    };
  }
  const counted = countWitnessCosignatures(note, trust.witnessKeys, trust.quorum);
  if (!counted.ok) {
    return {
      witnessesCheck: result('witnesses', 'INVALID', 'witness_cosignature_invalid', counted.message),
      cosignatures: [],
    };
  }
  const details = { count: counted.count, quorum: trust.quorum };
  const names = counted.cosignatures.map((c) => c.name).join(', ');
  return {
    cosignatures: counted.cosignatures,
    witnessesCheck: counted.thresholdMet
      ? result(
          'witnesses',
          'OK',
          'witness_quorum_met',
          `${counted.count} of the required ${trust.quorum} witnesses cosigned the checkpoint (${names})`,
          details,
        )
      : result(
          'witnesses',
          'INVALID',
          'witness_quorum_not_met',
          `Only ${counted.count} of the required ${trust.quorum} witnesses cosigned the checkpoint`,
          details,
        ),
  };
}

/** Does the proof lead from the entry in `extra` to the checkpoint's root? */
export function checkInclusion(proof: TlogProof, checkpoint: Checkpoint | undefined): CheckResult {
  if (proof.extra === undefined) {
    return result('log_inclusion', 'SKIPPED', 'entry_missing');
  }
  if (checkpoint === undefined) {
    return result('log_inclusion', 'SKIPPED', 'checkpoint_unusable');
  }
  const details = { index: proof.index, treeSize: checkpoint.size };
  if (proof.index >= checkpoint.size) {
    return result(
      'log_inclusion',
      'INVALID',
      'index_out_of_range',
      `Entry ${proof.index} cannot be in a tree of ${checkpoint.size} entries`,
      details,
    );
  }
  const expected = inclusionProofLength(proof.index, checkpoint.size);
  if (proof.hashes.length !== expected) {
    return result(
      'log_inclusion',
      'INVALID',
      'proof_for_other_tree_size',
      `The inclusion proof has ${proof.hashes.length} hashes but entry ${proof.index} of a tree of ${checkpoint.size} needs ${expected}: it was made for another tree size`,
      details,
    );
  }
  const verified = verifyInclusion({
    leafHash: tradeLogEntryLeafHash(proof.extra),
    index: proof.index,
    treeSize: checkpoint.size,
    proof: proof.hashes,
    rootHash: checkpoint.rootHash,
  });
  return verified.ok
    ? result(
        'log_inclusion',
        'OK',
        'included',
        `Entry ${proof.index} is in the log's tree of ${checkpoint.size} entries`,
        details,
      )
    : result(
        'log_inclusion',
        'INVALID',
        'inclusion_proof_invalid',
        `The inclusion proof of entry ${proof.index} does not lead to the checkpoint's root`,
        details,
      );
}

/** The entry in a tlog-proof's `extra`, parsed, or the reason it is unusable. */
export type ParsedEntry =
  | { ok: true; entry: TradeLogEntry }
  | { ok: false; reason: VerificationReason; message: string };

export function parseEntry(proof: TlogProof): ParsedEntry {
  if (proof.extra === undefined) {
    return { ok: false, reason: 'entry_missing', message: VERIFICATION_REASON_TEXT.entry_missing.en };
  }
  const parsed = parseTradeLogEntry(proof.extra);
  return parsed.ok
    ? parsed
    : { ok: false, reason: 'entry_malformed', message: `The log entry is malformed: ${parsed.message}` };
}

/**
 * The integrity check: the credential is the one its ISSUE entry records, or a member of the batch
 * its ISSUE_BATCH entry records (`batch.proof` the bundle's path; `batch.memo` what earlier
 * members of that batch proved, if the caller keeps it).
 */
export function checkIntegrity(
  entry: ParsedEntry,
  issuerDid: string | undefined,
  credentialId: string | undefined,
  docHash: Uint8Array | undefined,
  batch: { readonly proof?: IssueBatchProof; readonly memo?: BatchMemo } = {},
): CheckResult {
  if (!entry.ok) {
    return result('integrity', 'INVALID', entry.reason, entry.message);
  }
  const e = entry.entry;
  if (e.kind !== TradeLogEntryKind.ISSUE && e.kind !== TradeLogEntryKind.ISSUE_BATCH) {
    return result(
      'integrity',
      'INVALID',
      'entry_not_issue',
      `The log entry is of kind ${e.kind}, not ISSUE (1) or ISSUE_BATCH (5)`,
    );
  }
  if (e.prevEntryHash.some((b) => b !== 0)) {
    return result(
      'integrity',
      'INVALID',
      'entry_malformed',
      'An ISSUE entry starts its record: its prev_entry_hash must be zero',
    );
  }
  if (issuerDid === undefined || credentialId === undefined || docHash === undefined) {
    return result(
      'integrity',
      'INVALID',
      'credential_malformed',
      'The credential has no id or issuer, or is not JSON data',
    );
  }
  if (e.kind === TradeLogEntryKind.ISSUE_BATCH) {
    return checkBatchIntegrity(e, batch.proof, issuerDid, docHash, batch.memo);
  }
  if (batch.proof !== undefined) {
    return result(
      'integrity',
      'INVALID',
      'batch_proof_invalid',
      'The bundle places the credential in an issuance batch, but its log entry is a single ISSUE',
    );
  }
  if (!constantTimeEqual(e.recordId, tradeLogRecordId(issuerDid, credentialId))) {
    return result(
      'integrity',
      'INVALID',
      'record_id_mismatch',
      `The log entry is not the record of ${credentialId} issued by ${issuerDid}`,
    );
  }
  const details = { docHash: toHex(docHash) };
  return constantTimeEqual(e.docHash, docHash)
    ? result(
        'integrity',
        'OK',
        'doc_hash_matches',
        'The credential is exactly the one recorded in the log',
        details,
      )
    : result(
        'integrity',
        'INVALID',
        'doc_hash_mismatch',
        `The credential's hash ${toHex(docHash)} differs from the logged ${toHex(e.docHash)}: it was changed after issuance`,
        details,
      );
}
