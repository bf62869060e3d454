// Plain data behind the verification page: the order checks are shown in, the translation key of a
// reason, and the summary a credential gives of itself. No React, so it is unit-tested directly.
import { isApiError } from '../../api/client.ts';
import type { VerificationReport } from '../../api/verify.ts';

export type OverallVerdict = VerificationReport['verdict'];
export type CheckResult = VerificationReport['checks'][number];
export type CheckVerdict = CheckResult['verdict'];
export type CheckName = CheckResult['check'];

/** The checks in the order a reader follows them: the document, who signed it, where it is recorded. */
export const CHECK_ORDER: readonly CheckName[] = [
  'integrity',
  'signature',
  'issuer_key',
  'issuer_identity',
  'log_inclusion',
  'checkpoint',
  'witnesses',
  'status',
];

export const OVERALL_VERDICTS: readonly OverallVerdict[] = ['VALID', 'INVALID', 'ERROR'];
export const CHECK_VERDICTS: readonly CheckVerdict[] = ['OK', 'INVALID', 'ERROR', 'SKIPPED'];

/** The i18n key explaining a verifier reason code (stable snake_case codes). */
export const reasonKey = (reason: string): string => `verify.reasons.${reason}`;

export type CredentialSummary = {
  id: string | null;
  documentType: string | null;
  documentNumber: string | null;
  issuerId: string | null;
  issuerName: string | null;
  validFrom: string | null;
  validUntil: string | null;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

/** The credential inside a bundle, or the input itself when it is a bare credential. */
export const credentialOf = (input: unknown): unknown =>
  isRecord(input) && input.type === 'tradehub-bundle/v1' ? input.credential : input;

/**
 * What the credential says about itself. Read defensively: on a page for tampered documents the
 * fields may be of any type, and none of this is trusted until the checks pass.
 */
export const credentialSummary = (credential: unknown): CredentialSummary => {
  const doc = isRecord(credential) ? credential : {};
  const subject = isRecord(doc.credentialSubject) ? doc.credentialSubject : {};
  const issuer = doc.issuer;
  const issuerRecord = isRecord(issuer) ? issuer : {};
  const typeOf = (value: unknown) =>
    Array.isArray(value) ? text(value.find((v) => typeof v === 'string')) : text(value);
  return {
    id: text(doc.id),
    documentType: typeOf(subject.type),
    documentNumber: text(subject.documentNumber),
    issuerId: text(issuer) ?? text(issuerRecord.id),
    issuerName: text(issuerRecord.name),
    validFrom: text(doc.validFrom),
    validUntil: text(doc.validUntil),
  };
};

/** How the page answers a verification link whose bundle could not be fetched. */
export type LinkFailure =
  | { phase: 'link_not_found' }
  | { phase: 'not_checked'; detailKey: 'verify.linkNotAnchored' | 'verify.linkFailed' };

/**
 * 404 is the hub's answer for an unknown document and a wrong token alike: the link is wrong. A
 * document not yet in the log (409) will be soon. Anything else, the network above all, means
 * nothing could be checked; it never means the document is invalid.
 */
export const linkFailure = (error: unknown): LinkFailure => {
  if (isApiError(error) && error.status === 404) {
    return { phase: 'link_not_found' };
  }
  if (isApiError(error) && error.code === 'documents.not_yet_anchored') {
    return { phase: 'not_checked', detailKey: 'verify.linkNotAnchored' };
  }
  return { phase: 'not_checked', detailKey: 'verify.linkFailed' };
};
