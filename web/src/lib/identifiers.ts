// The only file of the web app that imports the kernel's validators. The browser runs the same
// check-digit and normalisation rules as the server, so mistakes show while typing, before any
// request is sent.
import {
  normalizeUnlocode,
  type ValidationResult,
  validateCustomsRegistrationCode,
  validateEori,
  validateLei,
  validateUscc,
} from '@tradehub/kernel';

export type IdentifierResult = ValidationResult;

export type IdentifierField = 'uscc' | 'customsCode' | 'eori' | 'lei';

const validators: Record<IdentifierField, (input: string) => IdentifierResult> = {
  uscc: validateUscc,
  customsCode: validateCustomsRegistrationCode,
  eori: validateEori,
  lei: validateLei,
};

/** Validates one identifier; the `value` of a success is the normalised form to send to the server. */
export const validateIdentifier = (field: IdentifierField, input: string): IdentifierResult =>
  validators[field](input);

const UNLOCODE_FORMAT = /^[A-Z]{2}[A-Z2-9]{3}$/;

/** UN/LOCODE as the server stores it ("cn sha" → "CNSHA"). */
export const normaliseUnLocode = (input: string): string => normalizeUnlocode(input);

/**
 * Only the shape is checked here; whether the place exists is the server's answer (the profile
 * shows it as verified / unverified), since the full code list is not shipped to browsers.
 */
export const isUnLocodeFormat = (input: string): boolean => UNLOCODE_FORMAT.test(normalizeUnlocode(input));
