import type { IdentityDeps } from '../deps.ts';
import { organisationDid } from '../domain/did-web.ts';
import type { Signer, SigningAlgorithm } from '../keys/key-provider.ts';
import { ensureSigningKey } from './ensure-signing-key.ts';
import { signingKeyRecord } from './presenters.ts';
import { bindSigningKey } from './signing-key-writes.ts';

export type ActiveSigningKey = {
  keyId: string;
  did: string;
  /** The DID URL a proof names as its `verificationMethod`. */
  verificationMethod: string;
  algorithm: SigningAlgorithm;
  publicKey: Uint8Array;
  publicKeyMultibase: string | null;
  /** Signs with the opened key: synchronous with the local provider, a promise with an HSM/KMS. */
  sign: Signer;
};

/**
 * The organisation's active key, opened once, ready to sign a whole batch. One query per call:
 * callers that sign many documents keep the returned object for the batch, and ask again for the
 * next one so that a rotation made meanwhile (by any server process) is picked up.
 */
export const activeSigningKey = async (
  deps: IdentityDeps,
  organisationId: string,
  algorithm: SigningAlgorithm = 'Ed25519',
): Promise<ActiveSigningKey> => {
  const row = await ensureSigningKey(deps, organisationId, algorithm);
  const record = signingKeyRecord(row, organisationDid(deps.publicUrl, organisationId));
  return {
    keyId: record.keyId,
    did: record.did,
    verificationMethod: record.verificationMethod,
    algorithm: record.algorithm,
    publicKey: record.publicKey,
    publicKeyMultibase: record.publicKeyMultibase,
    sign: bindSigningKey(deps, row),
  };
};
