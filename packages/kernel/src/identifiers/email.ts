import { invalid, type ValidationResult, valid } from './result.ts';

const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
// RFC 5322 dot-atom: no quoted local parts, no comments, no IP-literal domains. Those are valid but
// almost always typing mistakes in a business registration form.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

function isValidDomain(domain: string): boolean {
  const labels = domain.split('.');
  return (
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL_DOMAIN.test(labels.at(-1) ?? '')
  );
}

/**
 * Validates an e-mail address pragmatically: ASCII dot-atom local part, a domain name with a
 * top-level domain, RFC 5321 lengths. Returns it lower-cased, since mail systems treat the local part
 * case-insensitively in practice and accounts must not differ only by case.
 */
export function validateEmail(input: unknown): ValidationResult {
  const value = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (value === '') {
    return invalid('kernel.required', 'An e-mail address is required');
  }
  if (value.length > MAX_EMAIL_LENGTH) {
    return invalid('kernel.too_long', `An e-mail address has at most ${MAX_EMAIL_LENGTH} characters`);
  }
  const at = value.lastIndexOf('@');
  const localPart = value.slice(0, at);
  if (at < 0 || !LOCAL_PART.test(localPart) || !isValidDomain(value.slice(at + 1))) {
    return invalid('kernel.invalid_format', 'This is not an e-mail address such as name@example.com');
  }
  if (localPart.length > MAX_LOCAL_PART_LENGTH) {
    return invalid('kernel.too_long', `The part before @ has at most ${MAX_LOCAL_PART_LENGTH} characters`);
  }
  return valid(value);
}
