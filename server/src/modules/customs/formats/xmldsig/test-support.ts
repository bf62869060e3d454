import { readFileSync } from 'node:fs';
import { type CebSignatureAlgorithm, type CebSigner, createSoftCebSigner } from './key-provider.ts';

/** A file from ./testdata as text. */
export const testdata = (name: string): string =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

/** A soft signer over the committed test-only keys (testdata/README.md). */
export const testSigner = (algorithm: CebSignatureAlgorithm): CebSigner => {
  const prefix = algorithm === 'rsa-sha1' ? 'rsa' : 'sm2';
  return createSoftCebSigner({
    algorithm,
    privateKeyPem: testdata(`${prefix}-test-key.pem`),
    certificatePem: testdata(`${prefix}-test-cert.pem`),
  });
};

/** An official sample with its (stale) ds:Signature taken out, ready to be signed afresh. */
export const unsignedSample = (name: string): string =>
  testdata(name).replace(/\s*<ds:Signature[\s\S]*<\/ds:Signature>/, '');
