import { hkdfSync } from 'node:crypto';
import { assert } from '@tradehub/kernel';
import {
  formatVerifierKey,
  type NoteSigner,
  type NoteVerifier,
  parseVerifierKey,
  signerFromEd25519Seed,
} from '@tradehub/verifier';

/** The log's checkpoint key: origin (= key name), signer, and the public verifier key as text and parsed. */
export type LogKey = { origin: string; signer: NoteSigner; verifierKey: string; verifier: NoteVerifier };

const keyInfo = 'tradehub transparency-log key v1';

/**
 * Derives the log's Ed25519 key from the hub's secret (HKDF-SHA256, empty salt), so every server
 * process of one hub signs with the same key and no extra secret has to be stored. The origin is
 * `<host of publicUrl>/log`; C2SP checkpoints require the key name to equal it.
 */
export const deriveLogKey = (secretKey: Uint8Array, publicUrl: string): LogKey => {
  const seed = new Uint8Array(hkdfSync('sha256', secretKey, new Uint8Array(0), keyInfo, 32));
  const origin = `${new URL(publicUrl).host}/log`;
  const signer = signerFromEd25519Seed(origin, seed);
  const verifierKey = formatVerifierKey(origin, signer.publicKey);
  const verifier = parseVerifierKey(verifierKey);
  assert(verifier.ok, 'the log key derived from the secret must parse as a verifier key');
  return { origin, signer, verifierKey, verifier: verifier.key };
};
