// @tradehub/verifier: everything a party needs to check tradehub's transparency log and signed
// documents offline, with no account and no network. Depends on the kernel and @noble only.

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
  type ProofHashData,
  proofHashData,
  type SecuredDocument,
  type VerificationFailure,
  type VerificationFailureReason,
  type VerificationResult,
  type VerifyEddsaJcs2022Options,
  verifyEddsaJcs2022Proof,
} from './data-integrity.ts';
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
/** C2SP tlog-tiles: tile paths, tile contents, entry bundles, rebuilding a tree from tiles. */
export * from './tiles.ts';
