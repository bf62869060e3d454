// Builds the evidence of an issuance batch for the verifier's tests: n credentials signed by the
// test issuer, one ISSUE_BATCH entry over their doc hashes in a small log tree, a checkpoint signed
// by the log and cosigned by the two witnesses, and one bundle per credential with its batch path.
// Fixed keys and ids, so the same n always gives the same bytes. Not exported from the package.

import type { IssueBatchProof, TradehubBundle, TrustPolicy } from './bundle.ts';
import { BUNDLE_TYPE, TRUST_POLICY_TYPE } from './bundle.ts';
import { formatCheckpoint } from './checkpoint.ts';
import { cosignCheckpoint, formatWitnessVerifierKey } from './cosignature.ts';
import type { JsonObject } from './data-integrity.ts';
import { createEddsaJcs2022Proof } from './data-integrity.ts';
import { actorHashOfEd25519Key, signTradeLogEntry, TradeLogEntryKind, ZERO_HASH } from './entry.ts';
import {
  inclusionProof,
  inclusionProofFromLevels,
  leafHash,
  merkleLevels,
  rootFromLeafHashes,
} from './merkle.ts';
import { formatVerifierKey, signNote, toBase64 } from './note.ts';
import {
  ISSUED_AT,
  ISSUER_DID,
  ISSUER_SEED,
  issuerDidDocument,
  issuerSigner,
  KEY_ID,
  logSigner,
  ORIGIN,
  unsignedCredential,
  witnessSigners,
} from './test-support.ts';
import { formatTlogProof } from './tlog-proof.ts';
import { issueBatchAux, issueBatchLeafHash, tradeLogBatchRecordId } from './verify-batch.ts';
import { documentHash } from './verify-log.ts';

export const BATCH_ID = 'urn:uuid:019a0000-0000-7000-8000-0000000000b1';

export type BatchScenario = {
  readonly bundles: readonly TradehubBundle[];
  readonly trustPolicy: TrustPolicy;
  readonly entry: Uint8Array;
};

/** The i-th member credential: the test credential with its own id and document number. */
function memberCredential(i: number): JsonObject {
  const base = unsignedCredential({ documentNumber: `INV-BATCH-${i}` });
  return createEddsaJcs2022Proof({
    document: { ...base, id: `urn:uuid:019a0000-0000-7000-8000-${String(i).padStart(12, '0')}` },
    privateKey: ISSUER_SEED,
    verificationMethod: KEY_ID,
    created: ISSUED_AT,
  }) as JsonObject;
}

/** The paths of every member of a batch over `docHashes`, as bundles carry them. */
export function batchPaths(docHashes: readonly Uint8Array[], id = BATCH_ID): IssueBatchProof[] {
  const levels = merkleLevels(docHashes.map(issueBatchLeafHash));
  return docHashes.map((_, index) => ({
    id,
    index,
    size: docHashes.length,
    path: inclusionProofFromLevels(levels, index).map(toBase64),
  }));
}

/** The signed ISSUE_BATCH entry of a batch over `docHashes`. */
export function batchEntry(docHashes: readonly Uint8Array[], id = BATCH_ID): Uint8Array {
  return signTradeLogEntry(
    {
      kind: TradeLogEntryKind.ISSUE_BATCH,
      timeMs: Date.parse(ISSUED_AT),
      recordId: tradeLogBatchRecordId(ISSUER_DID, id),
      docHash: rootFromLeafHashes(docHashes.map(issueBatchLeafHash)),
      prevEntryHash: ZERO_HASH,
      actor: actorHashOfEd25519Key(issuerSigner.publicKey),
      counterparty: ZERO_HASH,
      aux: issueBatchAux(docHashes.length),
    },
    issuerSigner.sign,
  );
}

/** A batch of `size` credentials whose entry is leaf `index` of a log of `treeSize`, each bundled. */
export function buildBatchScenario(size: number, treeSize = 7, index = 3): BatchScenario {
  const credentials = Array.from({ length: size }, (_, i) => memberCredential(i));
  const docHashes = credentials.map(documentHash);
  const entry = batchEntry(docHashes);
  const entries: Uint8Array[] = Array.from({ length: treeSize }, (_, i) => Uint8Array.of(0xee, i));
  entries[index] = entry;
  const leaves = entries.map(leafHash);
  const text = formatCheckpoint({ origin: ORIGIN, size: treeSize, rootHash: rootFromLeafHashes(leaves) });
  const signed = signNote(text, [logSigner]);
  const body = signed.slice(0, signed.indexOf('\n\n') + 1);
  const note = `${signed}${witnessSigners.map((w, i) => cosignCheckpoint(body, w, 1_772_400_000 + i)).join('')}`;
  const tlogProof = formatTlogProof({
    extra: entry,
    index,
    hashes: inclusionProof(leaves, index),
    checkpoint: note,
  });
  const didDocument = issuerDidDocument();
  const paths = batchPaths(docHashes);
  const bundles = credentials.map(
    (credential, i): TradehubBundle => ({
      type: BUNDLE_TYPE,
      credential,
      tlogProof,
      issuerDidDocument: didDocument,
      issueBatch: paths[i] as IssueBatchProof,
    }),
  );
  const trustPolicy: TrustPolicy = {
    type: TRUST_POLICY_TYPE,
    logs: [{ origin: ORIGIN, vkeys: [formatVerifierKey(ORIGIN, logSigner.publicKey)] }],
    witnesses: { vkeys: witnessSigners.map((w) => formatWitnessVerifierKey(w.name, w.publicKey)), quorum: 2 },
    issuers: { didDocuments: { [ISSUER_DID]: didDocument } },
  };
  return { bundles, trustPolicy, entry };
}
