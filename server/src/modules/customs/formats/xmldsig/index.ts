export type { CebDigestAlgorithm } from './algorithms.ts';
export { DIGEST_METHOD_URIS, SIGNATURE_METHOD_URIS } from './algorithms.ts';
export type { CebSignatureAlgorithm, CebSigner, SoftCebSignerOptions } from './key-provider.ts';
export { certNoOf, createSoftCebSigner } from './key-provider.ts';
export type { SignCebMessageOptions } from './sign.ts';
export { signCebMessage } from './sign.ts';
export type {
  CebSignatureFailureCode,
  CebSignatureVerification,
  VerifyCebSignatureOptions,
} from './verify.ts';
export { CEB_SIGNATURE_FAILURE_CODES, verifyCebSignature } from './verify.ts';
