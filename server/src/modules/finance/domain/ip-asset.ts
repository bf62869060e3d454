import { AppError, type FieldError, isCountryCode } from '@tradehub/kernel';
import { canonicalCode, isIsoDate } from './canonical-invoice.ts';

/**
 * The registered IP rights a bank lends against, as the expo IP registry names them. A trade
 * secret has no registry number, so it is not among them: nothing identifies it across holders.
 */
export const ipRightKinds = [
  'patent',
  'utility_model',
  'design',
  'trademark',
  'copyright',
  'software_copyright',
] as const;
export type IpRightKind = (typeof ipRightKinds)[number];

/** An IP right as a bank (or the IP registry, on a pledge) sends it to the registry. */
export type IpRightInput = {
  kind: string;
  /** ISO 3166-1 alpha-2, or EP (European Patent Office) / WO (WIPO). */
  jurisdiction: string;
  /** As written on the certificate or in the register, in any spelling. */
  registryNumber: string;
};

/** One spelling of an IP right's identity: what its registry fingerprint is computed from. */
export type CanonicalIpRight = { kind: IpRightKind; jurisdiction: string; number: string };

const MAX_NUMBER_LENGTH = 64;

// Patent-family numbers are cited with the office's code in front (CN201710601862.3, EP1234567)
// and a granted Chinese patent as ZL + its application number: the same right either way.
const PATENT_KINDS: ReadonlySet<IpRightKind> = new Set(['patent', 'utility_model', 'design']);

const isKind = (kind: string): kind is IpRightKind => (ipRightKinds as readonly string[]).includes(kind);

/** ISO 3166-1 alpha-2, or EP and WO, the two international offices an IP right is filed with. */
export const isIpJurisdiction = (code: string): boolean =>
  code === 'EP' || code === 'WO' || isCountryCode(code);

/**
 * The comparable registry number: NFKC, upper-case, without spaces, dots, hyphens, slashes or any
 * other separator (201710601862.3, ZL 2017 1 0601862.3 and 2017106018623 are one number); for a
 * patent, utility model or design without the office prefix (ZL or CN in China, the
 * jurisdiction's code elsewhere) before its digits; for an all-digit trademark number without its
 * leading zeros, as trademark offices print them either way. Whoever already canonicalised the
 * number (the IP registry does) gets the same result again.
 */
export const canonicalIpNumber = (kind: IpRightKind, jurisdiction: string, raw: string): string => {
  let number = canonicalCode(raw);
  if (PATENT_KINDS.has(kind)) {
    const prefixes = jurisdiction === 'CN' ? ['ZL', 'CN'] : [jurisdiction];
    for (const prefix of prefixes) {
      if (number.startsWith(prefix) && /^\d/.test(number.slice(prefix.length))) {
        number = number.slice(prefix.length);
      }
    }
  }
  if (kind === 'trademark' && /^\d+$/.test(number)) {
    number = number.replace(/^0+(?=\d)/, '');
  }
  return number;
};

/**
 * The one spelling of an IP right. Throws AppError `http.validation_failed` naming each field it
 * cannot read (`kind`, `jurisdiction`, `registryNumber`, after `fieldPrefix`).
 */
export const canonicaliseIpRight = (input: IpRightInput, fieldPrefix = ''): CanonicalIpRight => {
  const errors: FieldError[] = [];
  const kind = input.kind.trim();
  if (!isKind(kind)) {
    errors.push({
      field: 'kind',
      code: 'kernel.unknown_code',
      message: `One of ${ipRightKinds.join(', ')}`,
    });
  }
  const jurisdiction = input.jurisdiction.trim().toUpperCase();
  if (!isIpJurisdiction(jurisdiction)) {
    errors.push({
      field: 'jurisdiction',
      code: jurisdiction === '' ? 'kernel.required' : 'kernel.unknown_code',
      message: 'An ISO 3166-1 alpha-2 code, EP or WO',
    });
  }
  const number = isKind(kind) ? canonicalIpNumber(kind, jurisdiction, input.registryNumber) : '';
  if (isKind(kind) && (number === '' || number.length > MAX_NUMBER_LENGTH)) {
    errors.push({
      field: 'registryNumber',
      code: number === '' ? 'kernel.required' : 'kernel.too_long',
      message: `A registry number has 1 to ${MAX_NUMBER_LENGTH} letters or digits besides separators`,
    });
  }
  if (errors.length > 0 || !isKind(kind)) {
    throw new AppError('http.validation_failed', 'The IP right has fields the registry cannot read.', {
      fieldErrors: errors.map((error) => ({ ...error, field: `${fieldPrefix}${error.field}` })),
    });
  }
  return { kind, jurisdiction, number };
};

const DAY_MS = 24 * 60 * 60 * 1000;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
/** A pledge registered without a term lapses from the registry a year after it was made. */
export const DEFAULT_IP_PLEDGE_TERM_MS = 365 * DAY_MS;
// As for invoices (ten years of 365 days): beyond this a registration would hold a right long
// after any loan has ended.
const MAX_IP_PLEDGE_TERM_DAYS = 3650;

/** The calendar day in China (UTC+8), where the hub's pledges are registered. */
export const chinaDayOf = (at: Date): string =>
  new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * When an IP pledge's registration lapses: at the end of `expiresOn`, the last day of the pledge
 * term in China time, or a year after `now` when no term is given. Undefined when the day is no
 * date, not after today (China time) or more than 3,650 days ahead.
 */
export const ipPledgeExpiry = (now: Date, expiresOn?: string): Date | undefined => {
  if (expiresOn === undefined) {
    return new Date(now.getTime() + DEFAULT_IP_PLEDGE_TERM_MS);
  }
  const today = chinaDayOf(now);
  if (!isIsoDate(expiresOn) || expiresOn <= today || expiresOn > addDays(today, MAX_IP_PLEDGE_TERM_DAYS)) {
    return undefined;
  }
  // The day's last second in China, as an invoice registration's expiry is its day's (web page).
  return new Date(Date.parse(`${expiresOn}T23:59:59Z`) - CHINA_OFFSET_MS);
};
