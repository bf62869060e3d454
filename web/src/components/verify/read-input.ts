// What a person dropped on the verification page: a tradehub-bundle/v1 (`*.tradehub.json`), a bare
// credential, or a PDF with the bundle attached (found by the verifier's own browser-safe PDF
// scanner). Only the shape is told apart here; whether any of it is genuine is the verifier's job,
// so a malformed bundle still goes to the verifier and gets its verdict there.
import { findBundleInPdf, MAX_BUNDLE_BYTES } from '@tradehub/verifier';

/** A PDF may carry pages, fonts and images besides the bundle; beyond this it is refused unread. */
export const MAX_PDF_BYTES = 25 * 1024 * 1024;

export type VerificationInput =
  | { kind: 'bundle'; value: Record<string, unknown>; source: 'json' | 'pdf' | 'link' }
  | { kind: 'credential'; value: Record<string, unknown>; source: 'json' };

/** Why a file could not be read; each code has text under `verify.inputErrors`. */
export const INPUT_ERRORS = [
  'too_large',
  'empty',
  'not_json',
  'not_recognised',
  'pdf_without_bundle',
] as const;
export type InputError = (typeof INPUT_ERRORS)[number];

export type ReadResult = { ok: true; input: VerificationInput } | { ok: false; error: InputError };

const BUNDLE_TYPE = 'tradehub-bundle/v1';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// A credential names its context and types or at least carries a proof; anything else is not
// something this page can check, and saying so beats a list of failed checks.
const looksLikeCredential = (value: Record<string, unknown>): boolean => {
  const types = Array.isArray(value.type) ? value.type : [value.type];
  return 'proof' in value || ('@context' in value && types.includes('VerifiableCredential'));
};

/** Classifies parsed JSON as a bundle, a credential, or neither. */
export const classifyJson = (value: unknown, source: 'json' | 'pdf' | 'link'): ReadResult => {
  if (!isRecord(value)) {
    return { ok: false, error: 'not_recognised' };
  }
  if (value.type === BUNDLE_TYPE) {
    return { ok: true, input: { kind: 'bundle', value, source } };
  }
  if (source === 'json' && looksLikeCredential(value)) {
    return { ok: true, input: { kind: 'credential', value, source } };
  }
  return { ok: false, error: 'not_recognised' };
};

// `%PDF-` within the first KiB, as PDF readers accept (some servers prepend junk).
const isPdf = (bytes: Uint8Array): boolean =>
  new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-');

/** Reads a file's bytes into something the verifier takes. Never throws. */
export const readVerificationInput = async (bytes: Uint8Array): Promise<ReadResult> => {
  if (bytes.byteLength === 0) {
    return { ok: false, error: 'empty' };
  }
  if (isPdf(bytes)) {
    if (bytes.byteLength > MAX_PDF_BYTES) {
      return { ok: false, error: 'too_large' };
    }
    const found = await findBundleInPdf(bytes);
    return found.ok ? classifyJson(found.bundle, 'pdf') : { ok: false, error: 'pdf_without_bundle' };
  }
  if (bytes.byteLength > MAX_BUNDLE_BYTES) {
    return { ok: false, error: 'too_large' };
  }
  let value: unknown;
  try {
    // Decoding drops a UTF-8 byte-order mark, which some editors write.
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, error: 'not_json' };
  }
  return classifyJson(value, 'json');
};
