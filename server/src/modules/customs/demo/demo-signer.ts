import { readFileSync } from 'node:fs';
import { type CebSigner, createSoftCebSigner, signCebMessage } from '../formats/xmldsig/index.ts';

// The demo declarant signs its inventory lists with the committed TEST-ONLY SM2 key and
// self-signed certificate (formats/xmldsig/testdata/README.md): enough for the sandbox, which
// checks the signature against the certificate in the message, and never a production key.
let signer: CebSigner | undefined;

export const demoCebSigner = (): CebSigner => {
  signer ??= createSoftCebSigner({
    algorithm: 'sm2-sm3',
    privateKeyPem: readFileSync(
      new URL('../formats/xmldsig/testdata/sm2-test-key.pem', import.meta.url),
      'utf8',
    ),
    certificatePem: readFileSync(
      new URL('../formats/xmldsig/testdata/sm2-test-cert.pem', import.meta.url),
      'utf8',
    ),
  });
  return signer;
};

/** A message signed by the demo declarant. */
export const signAsDemoDeclarant = (xml: string): Promise<string> => signCebMessage(xml, demoCebSigner());
