// ISSUE_BATCH: one signed log entry for many credentials. Its doc_hash is the RFC 6962 root over
// the batch's doc hashes (leaf i = SHA-256(0x00 || doc hash of credential i)), its record_id names
// the issuer and the batch, its aux holds the batch size; a bundle carries the credential's audit
// path in the batch tree (`issueBatch`). docs/transparency-log.md, "ISSUE_BATCH".

import { constantTimeEqual, toHex } from '@tradehub/kernel';
import type { IssueBatchProof } from './bundle.ts';
import type { CheckResult } from './check-result.ts';
import { result } from './check-result.ts';
import type { TradeLogEntry } from './entry.ts';
import type { ProvenNodes } from './merkle.ts';
import { leafHash, verifyInclusionWithProvenNodes } from './merkle.ts';
import { fromBase64 } from './note.ts';
import { sha256 } from './sha256.ts';
import { encodeUtf8 } from './web-platform.ts';

const BATCH_DOMAIN = 'batch/v1\n';

/** SHA-256("batch/v1\n" || issuer DID || "\n" || batch id): the record_id of an ISSUE_BATCH entry. */
export function tradeLogBatchRecordId(issuerDid: string, batchId: string): Uint8Array {
  return sha256(encodeUtf8(`${BATCH_DOMAIN}${issuerDid}\n${batchId}`));
}

/** The aux of an ISSUE_BATCH entry: the batch size as a big-endian uint64 in the last 8 bytes. */
export function issueBatchAux(size: number): Uint8Array {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(`a batch holds at least one credential, got ${size}`);
  }
  const aux = new Uint8Array(32);
  new DataView(aux.buffer).setBigUint64(24, BigInt(size));
  return aux;
}

/** The batch size an ISSUE_BATCH aux states, or undefined when the aux is not of that form. */
export function issueBatchSizeOf(aux: Uint8Array): number | undefined {
  if (aux.length !== 32 || aux.subarray(0, 24).some((b) => b !== 0)) {
    return undefined;
  }
  const size = new DataView(aux.buffer, aux.byteOffset, aux.byteLength).getBigUint64(24);
  return size >= 1n && size <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(size) : undefined;
}

/** The leaf hash of a doc hash in a batch tree. */
export function issueBatchLeafHash(docHash: Uint8Array): Uint8Array {
  return leafHash(docHash);
}

/**
 * What a verifier remembers of one batch entry across its members: the tree nodes valid paths
 * proved, and the issuer and batch id whose record id the entry was found to carry.
 */
export type BatchMemo = {
  readonly nodes: ProvenNodes;
  recordOf?: string;
  /** Decoded path hashes by their base64 text: the upper levels are shared by many members. */
  readonly decoded?: Map<string, Uint8Array>;
};

const MAX_DECODED = 4096;

function invalid(message: string, details: Record<string, string | number> = {}): CheckResult {
  return result('integrity', 'INVALID', 'batch_proof_invalid', message, details);
}

/**
 * The integrity check of a credential against an ISSUE_BATCH entry: the entry is the issuer's
 * record of this batch, and the audit path leads from THIS credential's doc hash to the entry's
 * doc_hash. `memo` holds what earlier members of this batch established (the same entry object).
 */
export function checkBatchIntegrity(
  entry: TradeLogEntry,
  batch: IssueBatchProof | undefined,
  issuerDid: string,
  docHash: Uint8Array,
  memo: BatchMemo | undefined,
): CheckResult {
  if (batch === undefined) {
    return result(
      'integrity',
      'INVALID',
      'batch_proof_missing',
      'The log entry records an issuance batch, but the bundle has no issueBatch path to place the credential in it',
    );
  }
  const recordOf = `${issuerDid}\n${batch.id}`;
  if (memo?.recordOf === recordOf) {
    // This entry's record id was computed from exactly this issuer and batch id before.
  } else if (!constantTimeEqual(entry.recordId, tradeLogBatchRecordId(issuerDid, batch.id))) {
    return result(
      'integrity',
      'INVALID',
      'record_id_mismatch',
      `The log entry is not the record of batch ${batch.id.slice(0, 80)} issued by ${issuerDid}`,
    );
  }
  const size = issueBatchSizeOf(entry.aux);
  if (size !== batch.size) {
    return invalid(
      `The bundle says the batch holds ${batch.size} credentials; the log entry says ${size ?? 'nothing readable'}`,
    );
  }
  const path: Uint8Array[] = [];
  const decoded = memo?.decoded;
  for (const text of batch.path) {
    let hash = decoded?.get(text);
    if (hash === undefined) {
      hash = fromBase64(text);
      if (decoded !== undefined && hash?.length === 32) {
        if (decoded.size >= MAX_DECODED) {
          decoded.clear();
        }
        decoded.set(text, hash);
      }
    }
    if (hash === undefined || hash.length !== 32) {
      return invalid('The batch path holds something other than base64 SHA-256 hashes');
    }
    path.push(hash);
  }
  const input = {
    leafHash: issueBatchLeafHash(docHash),
    index: batch.index,
    treeSize: batch.size,
    proof: path,
    rootHash: entry.docHash,
  };
  if (memo !== undefined) {
    memo.recordOf = recordOf;
  }
  const verified = verifyInclusionWithProvenNodes(input, memo?.nodes ?? new Map());
  const details = { docHash: toHex(docHash), batchIndex: batch.index, batchSize: batch.size };
  return verified.ok
    ? result(
        'integrity',
        'OK',
        'doc_hash_matches',
        `The credential is exactly the one recorded in the log, as member ${batch.index} of an issuance batch of ${batch.size}`,
        details,
      )
    : invalid(
        `The batch path does not lead from this credential's hash ${toHex(docHash)} to the batch root in the log entry (${verified.reason}): the credential or the path was changed`,
        details,
      );
}
