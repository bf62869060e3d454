import type { CebSignatureAlgorithm } from './key-provider.ts';

/** Reference digest algorithms: SHA-1 (what E-port uses with both key types) or SM3. */
export type CebDigestAlgorithm = 'sha1' | 'sm3';

/** SignatureMethod URIs written by signCebMessage (reference §8.2). */
export const SIGNATURE_METHOD_URIS = {
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  // Not a W3C-registered URI: it is the one E-port's own signing path writes (seen in the signed
  // output of Weasley-J/chinaport-data-signature, which drives a real E-port UKey).
  'sm2-sm3': 'http://www.w3.org/2000/09/xmldsig#sm2-sm3',
} as const satisfies Record<CebSignatureAlgorithm, string>;

/** DigestMethod URIs written by signCebMessage. */
export const DIGEST_METHOD_URIS = {
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sm3: 'http://www.w3.org/2000/09/xmldsig#sm3',
} as const satisfies Record<CebDigestAlgorithm, string>;

// What verifyCebSignature accepts: the URIs above plus the chinaport.gov.cn variants another public
// implementation (zhengjin customs client, 2022) writes for SM2.
const ACCEPTED_SIGNATURE_METHODS: ReadonlyMap<string, CebSignatureAlgorithm> = new Map([
  [SIGNATURE_METHOD_URIS['rsa-sha1'], 'rsa-sha1'],
  [SIGNATURE_METHOD_URIS['sm2-sm3'], 'sm2-sm3'],
  ['http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3', 'sm2-sm3'],
]);
const ACCEPTED_DIGEST_METHODS: ReadonlyMap<string, CebDigestAlgorithm> = new Map([
  [DIGEST_METHOD_URIS.sha1, 'sha1'],
  [DIGEST_METHOD_URIS.sm3, 'sm3'],
  ['http://www.chinaport.gov.cn/2022/04/xmldsig#sm3', 'sm3'],
]);

/** The signature algorithm a SignatureMethod URI names, if it is one we verify. */
export const signatureAlgorithmOf = (uri: string): CebSignatureAlgorithm | undefined =>
  ACCEPTED_SIGNATURE_METHODS.get(uri);

/**
 * The digest algorithm a DigestMethod URI names, if it may go with `signature`: RSA-SHA1 only with
 * SHA-1 (an RSA key with an SM3 digest is no format anyone writes); SM2-SM3 with SHA-1 (E-port's
 * UKey output) or SM3.
 */
export const digestAlgorithmOf = (
  uri: string,
  signature: CebSignatureAlgorithm,
): CebDigestAlgorithm | undefined => {
  const digest = ACCEPTED_DIGEST_METHODS.get(uri);
  return signature === 'rsa-sha1' && digest !== 'sha1' ? undefined : digest;
};

/** Digest sizes in bytes, to refuse a DigestValue of the wrong length as malformed. */
export const DIGEST_SIZES = { sha1: 20, sm3: 32 } as const satisfies Record<CebDigestAlgorithm, number>;
