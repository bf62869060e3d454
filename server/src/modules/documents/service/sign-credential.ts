import { AppError, canonicalize } from '@tradehub/kernel';
import {
  canonicalizeJson,
  DATA_INTEGRITY_PROOF_TYPE,
  EDDSA_JCS_2022,
  type EddsaJcs2022Proof,
  type JsonObject,
  MAX_CANONICAL_BYTES,
} from '@tradehub/verifier';
import type { IssuerKey } from '../deps.ts';
import { W3C_CREDENTIALS_V2 } from '../domain/credential.ts';
import { multibaseBase58Btc, sha256 } from './crypto.ts';

/** The proof configuration of a batch and its hash: the same for every document of one signing. */
export type PreparedProof = {
  config: Omit<EddsaJcs2022Proof, 'proofValue'>;
  configHash: Uint8Array;
};

/**
 * eddsa-jcs-2022 (vc-di-eddsa v1.0 §3.3) split in two: the proof configuration is canonicalised
 * and hashed once per batch, since every credential of a batch shares key, time and context.
 * The result is what `createEddsaJcs2022Proof` of @tradehub/verifier would make (the tests check).
 */
export const prepareProof = (key: IssuerKey, created: string): PreparedProof => {
  const config: Omit<EddsaJcs2022Proof, 'proofValue'> = {
    type: DATA_INTEGRITY_PROOF_TYPE,
    cryptosuite: EDDSA_JCS_2022,
    created,
    verificationMethod: key.verificationMethod,
    proofPurpose: 'assertionMethod',
    // §3.3.1 step 2: the proof repeats the document's context.
    '@context': [W3C_CREDENTIALS_V2],
  };
  return { config, configHash: sha256(canonicalize(config)) };
};

export type SignedCredential = {
  credential: JsonObject & { proof: EddsaJcs2022Proof };
  /** SHA-256(JCS(credential without proof)): the document hash the log commits to. */
  docHash: Uint8Array;
};

/**
 * Signs an unsecured credential whose `@context` is exactly `[W3C_CREDENTIALS_V2]`. Synchronous
 * when the key's signer is (the local key provider's is): batch issuance signs thousands a second
 * and an await per document would cost a turn of the microtask queue each.
 */
export const signCredentialWith = (
  unsecured: JsonObject,
  prepared: PreparedProof,
  sign: IssuerKey['sign'],
): SignedCredential | Promise<SignedCredential> => {
  // The same text as the kernel's canonicalize, without its per-value JSON paths.
  const canonical = canonicalizeJson(unsecured);
  // UTF-16 length bounds the UTF-8 length from below; only long texts need the exact count.
  if (canonical.length * 3 > MAX_CANONICAL_BYTES && Buffer.byteLength(canonical) > MAX_CANONICAL_BYTES) {
    throw new AppError('documents.invalid_subject', 'The credential is larger than 1 MiB in canonical form.');
  }
  const docHash = sha256(canonical);
  const hashData = new Uint8Array(64);
  hashData.set(prepared.configHash, 0);
  hashData.set(docHash, 32);
  const finish = (signature: Uint8Array): SignedCredential => {
    const proof: EddsaJcs2022Proof = { ...prepared.config, proofValue: multibaseBase58Btc(signature) };
    return { credential: { ...unsecured, proof }, docHash };
  };
  const signature = sign(hashData);
  return signature instanceof Uint8Array ? finish(signature) : signature.then(finish);
};

/** signCredentialWith, always as a promise. */
export const signCredential = async (
  unsecured: JsonObject,
  prepared: PreparedProof,
  sign: IssuerKey['sign'],
): Promise<SignedCredential> => signCredentialWith(unsecured, prepared, sign);
