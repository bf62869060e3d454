/**
 * Where organisations' private signing keys live. The hub stores only what a provider hands back
 * (the public key and an opaque handle) and asks the provider to sign; private key bytes never
 * leave it. The local default seals keys under the hub's secret; an HSM or cloud KMS fits the
 * same shape: `generate` creates the key inside the device and returns its reference (a PKCS#11
 * object id, a KMS key ARN) as the handle, and `bind` returns a function that sends the message
 * to the device. Such a provider signs asynchronously, which is why a signer may return a promise.
 */
export type SigningAlgorithm = 'Ed25519' | 'SM2';

export const signingAlgorithms: readonly SigningAlgorithm[] = ['Ed25519', 'SM2'];

/**
 * Which key a handle belongs to. A provider binds the handle to it (the local provider uses it as
 * AES-GCM associated data), so a handle copied onto another key's row does not open.
 */
export type KeyBinding = { organisationId: string; keyId: string; algorithm: SigningAlgorithm };

/** A key as the hub stores it. */
export type StoredKey = KeyBinding & { handle: Uint8Array };

export type GeneratedKey = {
  /** Ed25519: the raw 32 bytes; SM2: the uncompressed point (0x04 || x || y), 65 bytes. */
  publicKey: Uint8Array;
  handle: Uint8Array;
};

export type Signer = (message: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export type KeyProvider = {
  /** Recorded with every key it made, so a hub with several providers knows whom to ask. */
  readonly name: string;
  readonly algorithms: readonly SigningAlgorithm[];
  generate(binding: KeyBinding): Promise<GeneratedKey>;
  /**
   * A signing function for one stored key. Batch issuance calls it tens of thousands of times a
   * second, so opening the key (decrypting, a device session) happens here, once, not per message.
   */
  bind(key: StoredKey): Signer;
  /** Signs one message; the same as `bind(key)(message)`. */
  sign(key: StoredKey, message: Uint8Array): Uint8Array | Promise<Uint8Array>;
};

/** A stored key a provider cannot use: wrong hub secret, tampered or moved handle, unknown format. */
export class KeyUnavailableError extends Error {
  override name = 'KeyUnavailableError';
}
