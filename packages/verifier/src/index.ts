// @tradehub/verifier: everything a party needs to check tradehub's transparency log and signed
// documents offline, with no account and no network. Depends on the kernel and @noble only.

/** tradehub-bundle/v1 verification bundles and tradehub-trust-policy/v1 trust policies. */
export {
  BUNDLE_TYPE,
  type BundleErrorReason,
  type BundleParseResult,
  type IssueBatchProof,
  MAX_BUNDLE_BYTES,
  MAX_BUNDLE_STATUS_LISTS,
  MAX_ISSUE_BATCH_SIZE,
  MAX_POLICY_KEYS,
  MAX_TRUST_POLICY_BYTES,
  type ParsedTrustPolicy,
  parseBundle,
  parseTrustPolicy,
  readVerificationInput,
  TRUST_POLICY_TYPE,
  type TradehubBundle,
  type TrustPolicy,
  type TrustPolicyErrorReason,
  type TrustPolicyParseResult,
  type VerificationInput,
} from './bundle.ts';
/** C2SP tlog-checkpoint: format, parse, open a signed checkpoint. */
export {
  type Checkpoint,
  type CheckpointErrorReason,
  type CheckpointInput,
  type CheckpointParseResult,
  formatCheckpoint,
  MAX_SUPPORTED_TREE_SIZE,
  MAX_TREE_SIZE,
  type OpenCheckpointErrorReason,
  type OpenCheckpointResult,
  openCheckpoint,
  parseCheckpoint,
  ROOT_HASH_BYTES,
} from './checkpoint.ts';
/** C2SP tlog-cosignature v1: witness cosignatures and the witness threshold of a trust policy. */
export {
  type CosignatureErrorReason,
  type CosignatureResult,
  cosignCheckpoint,
  countWitnessCosignatures,
  formatWitnessVerifierKey,
  parseWitnessVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  verifyCosignature,
  type WitnessCosignature,
  type WitnessCountErrorReason,
  type WitnessCountResult,
} from './cosignature.ts';
/** W3C Data Integrity proofs with the eddsa-jcs-2022 cryptosuite. */
export {
  type CreateEddsaJcs2022ProofInput,
  createEddsaJcs2022Proof,
  DATA_INTEGRITY_ERROR_CODES,
  DATA_INTEGRITY_PROOF_TYPE,
  EDDSA_JCS_2022,
  type EddsaJcs2022Proof,
  type JsonObject,
  MAX_CANONICAL_BYTES,
  type PreparedEddsaJcs2022Verification,
  type ProofHashData,
  prepareEddsaJcs2022Verification,
  proofHashData,
  type SecuredDocument,
  type VerificationFailure,
  type VerificationFailureReason,
  type VerificationResult,
  type VerifyEddsaJcs2022Options,
  verifyEddsaJcs2022Proof,
} from './data-integrity.ts';
/** Issuer DID documents (Multikey, expires, revoked) and did:web resolution. */
export {
  createDidWebResolver,
  type DidWebResolverOptions,
  didOfUrl,
  didWebDocumentUrl,
  findIssuerKey,
  type IssuerKey,
  type IssuerKeyErrorReason,
  type IssuerKeyResult,
  NetworkError,
  parseDateTimeMs,
  type ResolveDid,
} from './did-document.ts';
/** Ed25519 through WebCrypto when the engine has it, @noble/curves otherwise, with the same answers. */
export {
  createEd25519Verifier,
  type Ed25519Backend,
  type Ed25519Verifier,
  type Ed25519VerifyFunction,
} from './ed25519.ts';
/** TradeLogEntry v1: the 266-byte signed record in every leaf of tradehub's log. */
export * from './entry.ts';
/** RFC 8785 (JCS) without the kernel's per-value error paths: the same text, faster. */
export { canonicalizeJson } from './fast-jcs.ts';
/** RFC 6962 / RFC 9162 Merkle tree hashing, inclusion and consistency proofs. */
export * from './merkle.ts';
/** Multibase base58-btc, Ed25519 multikeys and did:key. */
export {
  type DecodeResult,
  decodeBase58Btc,
  decodeEd25519DidKey,
  decodeEd25519Multikey,
  decodeMultibaseBase58Btc,
  encodeBase58Btc,
  encodeEd25519DidKey,
  encodeEd25519DidKeyVerificationMethod,
  encodeEd25519Multikey,
  encodeMultibaseBase58Btc,
  type MultibaseErrorReason,
} from './multibase.ts';
/** C2SP signed-note with Ed25519: keys, signing, opening. */
export {
  type DecodedVerifierKey,
  formatVerifierKey,
  fromBase64,
  generateSignerKey,
  isValidKeyName,
  type KeyErrorReason,
  type KeyResult,
  MAX_NOTE_BYTES,
  MAX_NOTE_SIGNATURES,
  type NoteError,
  type NoteErrorReason,
  type NoteResult,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  SIGNATURE_TYPE_ED25519,
  signerFromEd25519Seed,
  signNote,
  toBase64,
} from './note.ts';
/** PDF files with a verification bundle attached. */
export { type FindBundleInPdfOptions, findBundleInPdf, type PdfBundleResult } from './pdf-attachment.ts';
/** W3C Bitstring Status List v1.0: encoding, decoding and reading status bits. */
export {
  decodeStatusList,
  encodeStatusList,
  MAX_ENCODED_LIST_CHARS,
  MAX_STATUS_LIST_BYTES,
  MIN_STATUS_LIST_BITS,
  MULTIBASE_BASE64URL_PREFIX,
  newStatusBits,
  parseStatusListIndex,
  readStatusBit,
  type StatusListDecodeResult,
  type StatusListErrorReason,
  writeStatusBit,
} from './status-list.ts';
/** C2SP tlog-tiles: tile paths, tile contents, entry bundles, rebuilding a tree from tiles. */
export * from './tiles.ts';
/** Transferable records: title-chain rules, the tradehub-title-chain/v1 export and verifyTitleChain(). */
export * from './title-chain.ts';
/** C2SP tlog-proof@v1: offline inclusion proofs with their checkpoint. */
export * from './tlog-proof.ts';
/** Shipment traces: the event hash chain, its committed heads, the tradehub-trace/v1 export and verifyTrace(). */
export * from './trace.ts';
/** verify(): one verdict per check for a signed, logged, witnessed trade document. */
export {
  type CheckName,
  type CheckResult,
  createStatusListFetcher,
  createVerifier,
  documentHash,
  type FetchStatusList,
  type StatusListFetcherOptions,
  type StatusSummary,
  tradeLogRecordId,
  VERIFICATION_CHECKS,
  VERIFICATION_REASON_TEXT,
  VERIFICATION_REASONS,
  VERIFY_ERROR_CODES,
  type Verdict,
  type VerificationReason,
  type VerificationReport,
  type Verifier,
  type VerifierOptions,
  verify,
} from './verify.ts';
/** ISSUE_BATCH: one log entry for a batch of credentials, and each credential's place in it. */
export {
  checkBatchIntegrity,
  issueBatchAux,
  issueBatchLeafHash,
  issueBatchSizeOf,
  tradeLogBatchRecordId,
} from './verify-batch.ts';
/** Web platform types the verifier uses (fetch), for callers that inject their own. */
export type { FetchFunction, FetchResponse } from './web-platform.ts';
/** C2SP tlog-witness: add-checkpoint requests and answers, witness (type 0x04) signer keys. */
export * from './witness-protocol.ts';
