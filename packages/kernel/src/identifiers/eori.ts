import { isCountryCode } from '../codes/countries.ts';
import { invalid, type ValidationResult, valid } from './result.ts';

const MAX_EORI_LENGTH = 17;
// XI is not an ISO 3166 code, but is how EORI numbers of traders in Northern Ireland start.
const NON_ISO_EORI_PREFIXES = new Set(['XI']);

/**
 * Validates an Economic Operators Registration and Identification number: an ISO 3166 alpha-2 country
 * code (or XI) followed by 1-15 letters or digits. Spaces are removed and letters upper-cased.
 */
export function validateEori(input: unknown): ValidationResult {
  const value = typeof input === 'string' ? input.replace(/\s/g, '').toUpperCase() : '';
  if (value === '') {
    return invalid('kernel.required', 'An EORI number is required');
  }
  if (value.length < 3) {
    return invalid('kernel.too_short', 'An EORI number is a country code followed by an identifier');
  }
  if (value.length > MAX_EORI_LENGTH) {
    return invalid('kernel.too_long', `An EORI number has at most ${MAX_EORI_LENGTH} characters`);
  }
  if (!/^[A-Z]{2}[0-9A-Z]+$/.test(value)) {
    return invalid('kernel.invalid_format', 'An EORI number is a country code followed by letters or digits');
  }
  const country = value.slice(0, 2);
  if (!isCountryCode(country) && !NON_ISO_EORI_PREFIXES.has(country)) {
    return invalid('kernel.unknown_code', `${country} is not an ISO 3166 country code`);
  }
  return valid(value);
}
