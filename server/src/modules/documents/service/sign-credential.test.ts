import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { canonicalize } from '@tradehub/kernel';
import { createEddsaJcs2022Proof, type JsonObject, verifyEddsaJcs2022Proof } from '@tradehub/verifier';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IssuerKey } from '../deps.ts';
import { buildUnsignedCredential } from '../domain/credential.ts';
import { sha256 } from './crypto.ts';
import { prepareProof, signCredential } from './sign-credential.ts';

// A local node:crypto key standing in for identity's active key; its seed lets the verifier
// package sign the same document, so the two implementations can be compared byte for byte.
const localKey = (): IssuerKey & { seed: Uint8Array } => {
  const pair = generateKeyPairSync('ed25519');
  const jwk = pair.privateKey.export({ format: 'jwk' });
  const seed = new Uint8Array(Buffer.from(String(jwk.d), 'base64url'));
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  const did = 'did:web:hub.example:org:org_test';
  return {
    keyId: 'key_1',
    did,
    verificationMethod: `${did}#key_1`,
    publicKey: new Uint8Array(Buffer.from(String(jwk.x), 'base64url')),
    sign: (message) => sign(null, message, privateKey),
    seed,
  };
};

const credentialFor = (subject: Record<string, unknown>): JsonObject =>
  buildUnsignedCredential(
    { documentType: 'CommercialInvoice', documentNumber: 'INV-1', subject },
    {
      publicUrl: 'https://hub.example/',
      organisationId: 'org_test',
      credentialId: 'urn:uuid:01976c5e-1a2b-7000-8000-000000000000',
      issuerDid: 'did:web:hub.example:org:org_test',
      issuerName: 'Test Ltd',
      validFrom: '2026-11-26T10:00:00.000Z',
      nonce: 'AAAA',
      statusIndex: 7,
    },
  );

describe('signCredential', () => {
  const key = localKey();
  const created = '2026-11-26T10:00:00.000Z';

  it('makes exactly the proof the verifier package makes, and its doc hash', async () => {
    const unsecured = credentialFor({ amount: '10.00', lines: [{ qty: 1 }] });
    const ours = await signCredential(unsecured, prepareProof(key, created), key.sign);
    const theirs = createEddsaJcs2022Proof({
      document: unsecured,
      privateKey: key.seed,
      verificationMethod: key.verificationMethod,
      created,
    });
    // Ed25519 is deterministic: the same key and message give the same signature.
    expect(ours.credential).toEqual(theirs);
    expect(ours.docHash).toEqual(sha256(canonicalize(unsecured)));
    expect(unsecured.credentialStatus).toEqual([
      expect.objectContaining({
        id: 'https://hub.example/org/org_test/status/revocation#7',
        statusListIndex: '7',
      }),
      expect.objectContaining({
        id: 'https://hub.example/org/org_test/status/suspension#7',
        statusListIndex: '7',
      }),
    ]);
  });

  it('signs any JSON subject so that the proof verifies and a change breaks it', async () => {
    const prepared = prepareProof(key, created);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.string().filter((k) => k !== 'type' && k !== 'documentNumber'),
          fc.jsonValue({ maxDepth: 3 }),
          { maxKeys: 6 },
        ),
        async (subject) => {
          const { credential } = await signCredential(credentialFor(subject), prepared, key.sign);
          expect(verifyEddsaJcs2022Proof(credential, key.publicKey)).toEqual({ ok: true });
          const changed = { ...credential, nonce: 'AAAB' };
          expect(verifyEddsaJcs2022Proof(changed, key.publicKey)).toEqual({
            ok: false,
            reason: 'bad_signature',
          });
        },
      ),
      { numRuns: 50 },
    );
  });
});
