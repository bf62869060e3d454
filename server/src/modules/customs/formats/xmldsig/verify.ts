import { createHash, verify as rsaVerify, timingSafeEqual, X509Certificate } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import {
  type CebDigestAlgorithm,
  DIGEST_SIZES,
  digestAlgorithmOf,
  signatureAlgorithmOf,
} from './algorithms.ts';
import {
  C14N_URI,
  canonicalise,
  DSIG_NS,
  ENVELOPED_URI,
  elementChildren,
  hasNonWhitespaceText,
  parseCebDocument,
  textContentOf,
  UnusableXmlError,
  withoutBom,
} from './dom.ts';
import type { CebSignatureAlgorithm } from './key-provider.ts';
import { readSm2Signature, sm2PublicKeyOf, sm2Verify } from './sm2.ts';

/** Why a signature was refused; each is a field error code the web app translates. */
export const CEB_SIGNATURE_FAILURE_CODES = [
  'customs.signature_missing',
  'customs.signature_invalid',
  'customs.signature_digest_mismatch',
  'customs.signature_algorithm_unsupported',
  'customs.signature_malformed',
  'customs.signature_certificate_untrusted',
] as const;
export type CebSignatureFailureCode = (typeof CEB_SIGNATURE_FAILURE_CODES)[number];

export type CebSignatureVerification =
  | {
      valid: true;
      algorithm: CebSignatureAlgorithm;
      digestAlgorithm: CebDigestAlgorithm;
      /** KeyInfo/KeyName as written (not checked against the certificate: see README.md). */
      certNo: string;
      /** The certificate's subject, as Node prints it. */
      subject: string;
      /** SHA-256 fingerprint of the certificate, uppercase hex with colons (as Node prints it). */
      certificateFingerprint256: string;
    }
  | { valid: false; code: CebSignatureFailureCode; message: string };

export type VerifyCebSignatureOptions = {
  /**
   * SHA-256 fingerprints (hex, colons and case ignored) of the certificates to accept. Without it
   * any certificate carried in KeyInfo is used as is: no chain to the China E-port CA is built.
   */
  trustedCertificates?: readonly string[];
};

class Refusal extends Error {
  constructor(
    readonly code: CebSignatureFailureCode,
    message: string,
  ) {
    super(message);
  }
}

const refuse = (code: CebSignatureFailureCode, message: string): never => {
  throw new Refusal(code, message);
};
const malformed = (message: string): never => refuse('customs.signature_malformed', message);

/** The element children of `parent`, which must be exactly `names` (in the XMLDSig namespace). */
const expectChildren = (parent: Element, names: readonly string[]): Element[] => {
  const children = elementChildren(parent);
  if (hasNonWhitespaceText(parent)) {
    malformed(`${parent.localName} has text between its elements`);
  }
  const actual = children.map((child) =>
    child.namespaceURI === DSIG_NS ? child.localName : `{${child.namespaceURI}}${child.localName}`,
  );
  if (actual.length !== names.length || actual.some((name, i) => name !== names[i])) {
    malformed(
      `${parent.localName} must contain exactly ${names.join(', ')}; found ${actual.join(', ') || 'nothing'}`,
    );
  }
  return children;
};

const algorithmAttribute = (element: Element): string => {
  if (elementChildren(element).length > 0 || hasNonWhitespaceText(element)) {
    malformed(`${element.localName} must be empty`);
  }
  return element.getAttribute('Algorithm') ?? '';
};

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const decodeBase64 = (element: Element): Buffer => {
  const text = textContentOf(element).replace(/[\s]+/g, '');
  if (text === '' || !STRICT_BASE64.test(text)) {
    malformed(`${element.localName} is not base64`);
  }
  return Buffer.from(text, 'base64');
};

const normaliseFingerprint = (fingerprint: string): string =>
  fingerprint.replace(/[^0-9a-fA-F]/g, '').toUpperCase();

const verifySignatureValue = (
  algorithm: CebSignatureAlgorithm,
  certificate: X509Certificate,
  signedInfo: Buffer,
  signatureValue: Buffer,
): boolean => {
  if (algorithm === 'rsa-sha1') {
    if (certificate.publicKey.asymmetricKeyType !== 'rsa') {
      return refuse(
        'customs.signature_invalid',
        'the signature method is rsa-sha1 but the certificate key is not RSA',
      );
    }
    return rsaVerify('sha1', signedInfo, certificate.publicKey, signatureValue);
  }
  const point = sm2PublicKeyOf(certificate.publicKey);
  if (point === undefined) {
    return refuse(
      'customs.signature_invalid',
      'the signature method is sm2-sm3 but the certificate key is not SM2',
    );
  }
  const rs = readSm2Signature(signatureValue);
  if (rs === undefined) {
    return malformed('the SM2 SignatureValue is neither 64 bytes r||s nor a DER SEQUENCE of two INTEGERs');
  }
  return sm2Verify(signedInfo, rs, point);
};

const verify = (xml: string, options: VerifyCebSignatureOptions): CebSignatureVerification => {
  if (typeof xml !== 'string' || xml.length === 0) {
    return malformed('the message is empty');
  }
  let document: ReturnType<typeof parseCebDocument>;
  try {
    document = parseCebDocument(withoutBom(xml));
  } catch (error) {
    return malformed(error instanceof UnusableXmlError ? error.message : 'not well-formed XML');
  }
  const root = document.documentElement;
  if (root === null) {
    return malformed('no root element');
  }
  const signatures = document.getElementsByTagNameNS(DSIG_NS, 'Signature');
  if (signatures.length === 0) {
    return refuse('customs.signature_missing', 'the message has no ds:Signature');
  }
  // One signature only: a second one (wrapped inside the message or in another element) is how
  // signature-wrapping attacks smuggle a valid signature next to data it does not cover.
  if (signatures.length > 1) {
    return malformed(`the message has ${signatures.length} ds:Signature elements; exactly one is allowed`);
  }
  const signature = signatures.item(0);
  if (signature === null || signature.parentNode !== root || elementChildren(root).at(-1) !== signature) {
    return malformed('ds:Signature must be the last child element of the message root');
  }
  const [signedInfo, signatureValueElement, keyInfo] = expectChildren(signature, [
    'SignedInfo',
    'SignatureValue',
    'KeyInfo',
  ]);
  if (signedInfo === undefined || signatureValueElement === undefined || keyInfo === undefined) {
    return malformed('incomplete ds:Signature');
  }
  const [c14nMethod, signatureMethod, reference] = expectChildren(signedInfo, [
    'CanonicalizationMethod',
    'SignatureMethod',
    'Reference',
  ]);
  if (c14nMethod === undefined || signatureMethod === undefined || reference === undefined) {
    return malformed('incomplete ds:SignedInfo');
  }
  const c14nUri = algorithmAttribute(c14nMethod);
  if (c14nUri !== C14N_URI) {
    return refuse(
      'customs.signature_algorithm_unsupported',
      `canonicalisation ${c14nUri} is not supported; only ${C14N_URI}`,
    );
  }
  const signatureUri = algorithmAttribute(signatureMethod);
  const algorithm = signatureAlgorithmOf(signatureUri);
  if (algorithm === undefined) {
    return refuse(
      'customs.signature_algorithm_unsupported',
      `signature method ${signatureUri} is not supported`,
    );
  }
  // The Reference must point at the whole message: any other URI (an Id elsewhere, an external
  // resource) would let the signature cover something other than what is processed.
  const referenceAttributes = Array.from(
    { length: reference.attributes.length },
    (_, i) => reference.attributes.item(i)?.name,
  );
  if (
    reference.getAttribute('URI') !== '' ||
    !reference.hasAttribute('URI') ||
    referenceAttributes.some((name) => name !== 'URI' && !name?.startsWith('xmlns'))
  ) {
    return malformed('the Reference must have URI="" and no other attribute');
  }
  const [transforms, digestMethod, digestValueElement] = expectChildren(reference, [
    'Transforms',
    'DigestMethod',
    'DigestValue',
  ]);
  if (transforms === undefined || digestMethod === undefined || digestValueElement === undefined) {
    return malformed('incomplete ds:Reference');
  }
  // Exactly the enveloped-signature transform: an XPath or XSLT transform could select a subset.
  const [transform] = expectChildren(transforms, ['Transform']);
  if (transform === undefined) {
    return malformed('incomplete ds:Transforms');
  }
  const transformUri = algorithmAttribute(transform);
  if (transformUri !== ENVELOPED_URI) {
    return refuse('customs.signature_algorithm_unsupported', `transform ${transformUri} is not supported`);
  }
  const digestUri = algorithmAttribute(digestMethod);
  const digestAlgorithm = digestAlgorithmOf(digestUri, algorithm);
  if (digestAlgorithm === undefined) {
    return refuse(
      'customs.signature_algorithm_unsupported',
      `digest method ${digestUri} is not supported with ${algorithm}`,
    );
  }
  const digestValue = decodeBase64(digestValueElement);
  if (digestValue.length !== DIGEST_SIZES[digestAlgorithm]) {
    return malformed(`the DigestValue has ${digestValue.length} bytes, not ${DIGEST_SIZES[digestAlgorithm]}`);
  }
  const signatureValue = decodeBase64(signatureValueElement);

  const keyInfoChildren = elementChildren(keyInfo);
  if (hasNonWhitespaceText(keyInfo)) {
    malformed('KeyInfo has text between its elements');
  }
  const keyName = keyInfoChildren.filter(
    (child) => child.namespaceURI === DSIG_NS && child.localName === 'KeyName',
  );
  const x509Data = keyInfoChildren.filter(
    (child) => child.namespaceURI === DSIG_NS && child.localName === 'X509Data',
  );
  if (keyName.length > 1 || x509Data.length !== 1 || keyInfoChildren.length !== keyName.length + 1) {
    return malformed('KeyInfo must hold one X509Data and at most one KeyName');
  }
  const certificates = elementChildren(x509Data[0] as Element).filter(
    (child) => child.namespaceURI === DSIG_NS && child.localName === 'X509Certificate',
  );
  if (certificates.length !== 1) {
    return malformed('X509Data must hold exactly one X509Certificate');
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(decodeBase64(certificates[0] as Element));
  } catch (error) {
    if (error instanceof Refusal) {
      throw error;
    }
    return malformed('the X509Certificate is not a certificate');
  }
  const certNo = keyName[0] === undefined ? '' : textContentOf(keyName[0]).trim();
  if (options.trustedCertificates !== undefined) {
    const fingerprint = normaliseFingerprint(certificate.fingerprint256);
    if (!options.trustedCertificates.some((trusted) => normaliseFingerprint(trusted) === fingerprint)) {
      return refuse(
        'customs.signature_certificate_untrusted',
        'the signing certificate is not among the trusted certificates',
      );
    }
  }

  // SignedInfo first: if it does not verify, nothing in it (the digest included) can be believed.
  if (!verifySignatureValue(algorithm, certificate, canonicalise(signedInfo), signatureValue)) {
    return refuse(
      'customs.signature_invalid',
      'the SignatureValue does not verify with the certificate in KeyInfo',
    );
  }
  // The enveloped-signature transform: the message without its Signature element.
  root.removeChild(signature);
  const actualDigest = createHash(digestAlgorithm).update(canonicalise(root)).digest();
  if (!timingSafeEqual(actualDigest, digestValue)) {
    return refuse('customs.signature_digest_mismatch', 'the message was changed after it was signed');
  }
  return {
    valid: true,
    algorithm,
    digestAlgorithm,
    certNo,
    subject: certificate.subject,
    certificateFingerprint256: certificate.fingerprint256,
  };
};

/**
 * Verifies the enveloped XMLDSig of a CEB message with the certificate its KeyInfo carries. Never
 * throws: hostile or broken input answers `{ valid: false, code, message }`. Accepts only the shape
 * signCebMessage writes (and E-port expects): one Signature as the root's last child, inclusive
 * C14N 1.0, one Reference URI="" with only the enveloped-signature transform. Does not build or
 * check a certificate chain, validity dates or revocation; pass `trustedCertificates` to pin.
 */
export const verifyCebSignature = (
  xml: string,
  options: VerifyCebSignatureOptions = {},
): CebSignatureVerification => {
  try {
    return verify(xml, options);
  } catch (error) {
    if (error instanceof Refusal) {
      return { valid: false, code: error.code, message: error.message };
    }
    if (error instanceof UnusableXmlError) {
      return { valid: false, code: 'customs.signature_malformed', message: error.message };
    }
    // Anything else (a stack overflow on absurd nesting, a crypto error on a broken key) is still
    // the input's fault, never a reason to take the request down.
    return {
      valid: false,
      code: 'customs.signature_malformed',
      message: `the signature could not be checked: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
};
