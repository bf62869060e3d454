import { createHash, X509Certificate } from 'node:crypto';
import { AppError } from '@tradehub/kernel';
import { type CebDigestAlgorithm, DIGEST_METHOD_URIS, SIGNATURE_METHOD_URIS } from './algorithms.ts';
import {
  C14N_URI,
  canonicalise,
  DSIG_NS,
  ENVELOPED_URI,
  elementChildren,
  parseCebDocument,
  UnusableXmlError,
  withoutBom,
} from './dom.ts';
import type { CebSigner } from './key-provider.ts';
import { sm2PublicKeyOf } from './sm2.ts';

export type SignCebMessageOptions = {
  /**
   * The Reference digest. Defaults to SHA-1 for both algorithms, because that is what E-port's
   * own UKey signing writes even with sm2-sm3 (see README.md); 'sm3' gives the all-SM variant.
   */
  digest?: CebDigestAlgorithm;
};

const notSignable = (message: string, cause?: unknown): AppError =>
  new AppError('customs.signature_not_signable', 'The message cannot be signed', {
    fieldErrors: [{ field: 'xml', code: 'customs.signature_not_signable', message }],
    ...(cause === undefined ? {} : { cause }),
  });

const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const signatureElement = (parts: {
  signatureMethod: string;
  digestMethod: string;
  digestValue: string;
  signatureValue: string;
  certNo: string;
  certificateBase64: string;
}): string =>
  // Laid out like the official samples: one element per line, no indentation inside.
  [
    `<ds:Signature xmlns:ds="${DSIG_NS}">`,
    '<ds:SignedInfo>',
    `<ds:CanonicalizationMethod Algorithm="${C14N_URI}"></ds:CanonicalizationMethod>`,
    `<ds:SignatureMethod Algorithm="${parts.signatureMethod}"></ds:SignatureMethod>`,
    '<ds:Reference URI="">',
    '<ds:Transforms>',
    `<ds:Transform Algorithm="${ENVELOPED_URI}"></ds:Transform>`,
    '</ds:Transforms>',
    `<ds:DigestMethod Algorithm="${parts.digestMethod}"></ds:DigestMethod>`,
    `<ds:DigestValue>${parts.digestValue}</ds:DigestValue>`,
    '</ds:Reference>',
    '</ds:SignedInfo>',
    `<ds:SignatureValue>${parts.signatureValue}</ds:SignatureValue>`,
    '<ds:KeyInfo>',
    `<ds:KeyName>${escapeText(parts.certNo)}</ds:KeyName>`,
    '<ds:X509Data>',
    `<ds:X509Certificate>${parts.certificateBase64}</ds:X509Certificate>`,
    '</ds:X509Data>',
    '</ds:KeyInfo>',
    '</ds:Signature>',
  ].join('\n');

/**
 * Where the signature goes in the source text: just before the root's end tag, indented like the
 * root's children, so everything else in the message stays byte for byte as it was.
 */
const insertionPoint = (xml: string, rootName: string): { index: number; before: string; after: string } => {
  const endTag = xml.lastIndexOf(`</${rootName}`);
  if (endTag < 0 || !/^<\/[^\s>]+\s*>/.test(xml.slice(endTag))) {
    throw notSignable('the root element has no end tag to insert the signature before');
  }
  const lineStart = xml.lastIndexOf('\n', endTag - 1);
  const onOwnLine = lineStart >= 0 && xml.slice(lineStart + 1, endTag).trim() === '';
  if (!onOwnLine) {
    return { index: endTag, before: '', after: '' };
  }
  const childIndent = /\n([ \t]+)</.exec(xml.slice(xml.indexOf('>', xml.indexOf(`<${rootName}`))))?.[1] ?? '';
  // Insert at the start of the end tag's line: indentation, signature, newline, then the end tag.
  return { index: lineStart + 1, before: childIndent, after: '\n' };
};

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/**
 * Signs a CEB message as reference §8.2 describes: an enveloped XMLDSig, inserted as the last child
 * of the root (after BaseTransfer / ExtendMessage), inclusive C14N 1.0, one Reference URI="" with
 * the enveloped-signature transform, KeyInfo with KeyName = certNo and the signer's certificate.
 * Answers the signed XML (a leading byte-order mark is dropped). Throws AppError
 * `customs.signature_not_signable` for XML that cannot be signed, including XML already signed.
 */
export const signCebMessage = async (
  xml: string,
  signer: CebSigner,
  options: SignCebMessageOptions = {},
): Promise<string> => {
  const source = withoutBom(xml);
  let rootName: string;
  try {
    const document = parseCebDocument(source);
    if (document.getElementsByTagNameNS(DSIG_NS, 'Signature').length > 0) {
      throw notSignable('the message is already signed');
    }
    rootName = document.documentElement?.tagName ?? '';
  } catch (error) {
    if (error instanceof UnusableXmlError) {
      throw notSignable(error.message, error);
    }
    throw error;
  }
  const digest = options.digest ?? 'sha1';
  if (signer.algorithm === 'rsa-sha1' && digest !== 'sha1') {
    throw notSignable('rsa-sha1 signatures go with a sha1 digest');
  }
  const certificate = new X509Certificate(signer.certificatePem);
  // A UKey or HSM configured with the wrong certificate would sign messages no one can verify.
  const keyFits =
    signer.algorithm === 'rsa-sha1'
      ? certificate.publicKey.asymmetricKeyType === 'rsa'
      : sm2PublicKeyOf(certificate.publicKey) !== undefined;
  if (!keyFits) {
    throw notSignable(`the signer's certificate does not hold a ${signer.algorithm} key`);
  }
  const parts = {
    signatureMethod: SIGNATURE_METHOD_URIS[signer.algorithm],
    digestMethod: DIGEST_METHOD_URIS[digest],
    digestValue: '',
    signatureValue: '',
    certNo: signer.certNo,
    certificateBase64: base64(certificate.raw),
  };
  const { index, before, after } = insertionPoint(source, rootName);
  const withSignature = (values: typeof parts): string =>
    `${source.slice(0, index)}${before}${signatureElement(values)}${after}${source.slice(index)}`;

  // The digest covers the message with the signature in place but the Signature element removed,
  // which includes the whitespace inserted around it.
  const draft = parseCebDocument(withSignature(parts));
  const root = draft.documentElement;
  const signature = draft.getElementsByTagNameNS(DSIG_NS, 'Signature').item(0);
  if (root === null || signature === null) {
    throw notSignable('the signature could not be inserted');
  }
  const next = signature.nextSibling;
  root.removeChild(signature);
  parts.digestValue = base64(createHash(digest).update(canonicalise(root)).digest());
  root.insertBefore(signature, next);

  const signedInfo = elementChildren(signature)[0];
  const digestValue =
    signedInfo === undefined ? undefined : draft.getElementsByTagNameNS(DSIG_NS, 'DigestValue').item(0);
  if (signedInfo === undefined || digestValue === null || digestValue === undefined) {
    throw notSignable('the signature could not be inserted');
  }
  digestValue.appendChild(draft.createTextNode(parts.digestValue));
  parts.signatureValue = base64(await signer.sign(canonicalise(signedInfo)));
  return withSignature(parts);
};
