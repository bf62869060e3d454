import { createPrivateKey, createPublicKey, sign as rsaSign, X509Certificate } from 'node:crypto';
import { readSm2PrivateKey, sm2PublicKeyOf, sm2Sign } from './sm2.ts';

/** The two signature algorithms China E-port certificates use (reference §8.2). */
export type CebSignatureAlgorithm = 'rsa-sha1' | 'sm2-sm3';

/**
 * Whatever holds an E-port signing key: the soft key below for development and tests, later a
 * UKey bridge (the E-port control's local WebSocket) or an HSM / cloud KMS. Only `sign` touches
 * the private key, so the XML work stays the same for every carrier.
 */
export type CebSigner = {
  algorithm: CebSignatureAlgorithm;
  /** The certificate number E-port knows the key by: 8 lowercase hex digits (KeyInfo/KeyName). */
  certNo: string;
  certificatePem: string;
  /**
   * Signs the canonical SignedInfo bytes; the signer does the hashing (SHA-1 for RSA, SM3 over
   * Z_A || data for SM2). RSA answers PKCS#1 v1.5; SM2 answers 64 bytes r || s.
   */
  sign(data: Uint8Array): Promise<Uint8Array>;
};

export type SoftCebSignerOptions = {
  algorithm: CebSignatureAlgorithm;
  privateKeyPem: string;
  certificatePem: string;
  /** Defaults to the certificate's serial number, which is what E-port certificate numbers are. */
  certNo?: string;
};

const CERT_NO = /^[0-9a-f]{8}$/;

/**
 * The certificate number of an E-port certificate: its serial number as 8 lowercase hex digits
 * (the sample signed CEB621 of Weasley-J/chinaport-data-signature has KeyName 01691fe9 and a
 * certificate whose serial is 0x01691FE9). Undefined when the serial does not fit in 8 digits.
 */
export const certNoOf = (certificate: X509Certificate): string | undefined => {
  const serial = certificate.serialNumber.toLowerCase().replace(/^0+(?=.)/, '');
  return serial.length <= 8 ? serial.padStart(8, '0') : undefined;
};

/**
 * A signer over a private key held in memory (PEM). For development, tests and the mock customs
 * only: a production E-port key never leaves its UKey or HSM. Throws when the key does not match
 * the certificate or the algorithm, so a misconfiguration fails at start-up, not at the border.
 */
export const createSoftCebSigner = (options: SoftCebSignerOptions): CebSigner => {
  const certificate = new X509Certificate(options.certificatePem);
  const certNo = options.certNo ?? certNoOf(certificate);
  if (certNo === undefined || !CERT_NO.test(certNo)) {
    throw new Error('the certificate number must be 8 lowercase hex digits; pass certNo explicitly');
  }
  const certificatePem = certificate.toString();
  if (options.algorithm === 'rsa-sha1') {
    const privateKey = createPrivateKey(options.privateKeyPem);
    const certificateKey = certificate.publicKey;
    if (
      privateKey.asymmetricKeyType !== 'rsa' ||
      !createPublicKey(privateKey)
        .export({ type: 'spki', format: 'der' })
        .equals(certificateKey.export({ type: 'spki', format: 'der' }))
    ) {
      throw new Error('the RSA private key does not belong to the certificate');
    }
    return {
      algorithm: 'rsa-sha1',
      certNo,
      certificatePem,
      sign: async (data) => new Uint8Array(rsaSign('sha1', data, privateKey)),
    };
  }
  const key = readSm2PrivateKey(options.privateKeyPem);
  const certificatePoint = sm2PublicKeyOf(certificate.publicKey);
  if (
    certificatePoint === undefined ||
    certificatePoint.x !== key.publicKey.x ||
    certificatePoint.y !== key.publicKey.y
  ) {
    throw new Error('the SM2 private key does not belong to the certificate');
  }
  return {
    algorithm: 'sm2-sm3',
    certNo,
    certificatePem,
    sign: async (data) => new Uint8Array(sm2Sign(data, key)),
  };
};
