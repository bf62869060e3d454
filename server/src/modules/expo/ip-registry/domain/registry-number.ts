/**
 * Registry-number checks per kind of IP right and jurisdiction. What is checked is stated from a
 * source; everything else is length-limited free text, reported as `free_text` so the UI can say
 * "format not checked".
 *
 * China (CNIPA) patent, utility-model and design application numbers follow the SIPO standard
 * ZC 0006-2003 《专利申请号标准》 (in force since 1 October 2003): four digits of the filing year,
 * one digit of the kind (1 invention, 2 utility model, 3 design, 8 PCT invention entering the
 * national phase, 9 PCT utility model entering it), a seven-digit serial, then a separator dot and
 * a check character: the twelve digits multiplied in turn by 2,3,4,5,6,7,8,9,2,3,4,5, summed,
 * modulo 11, with 10 written as X. Worked example from CNIPA practice: 201710601862.3. Numbers
 * filed before that (eight digits: two of the year, one of the kind, five of the serial) use the
 * weights 2..9 the same way. A granted patent is cited as ZL + the number.
 * The standard allows one space between year and kind and between kind and serial.
 */
export type IpKind =
  | 'patent'
  | 'utility_model'
  | 'design'
  | 'trademark'
  | 'copyright'
  | 'software_copyright'
  | 'trade_secret_reference';

export const ipKinds = [
  'patent',
  'utility_model',
  'design',
  'trademark',
  'copyright',
  'software_copyright',
  'trade_secret_reference',
] as const satisfies readonly IpKind[];

export type RegistryNumberCheck =
  | { ok: true; canonical: string; checked: 'check_digit' | 'format' | 'free_text' }
  | { ok: false; code: RegistryNumberErrorCode; message: string };

export type RegistryNumberErrorCode =
  | 'expo.ip_number_format'
  | 'expo.ip_number_check_digit'
  | 'expo.ip_number_kind_mismatch'
  | 'expo.ip_number_not_allowed';

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

/** The CNIPA check character of an application number's 8 or 12 digits. */
export const cnPatentCheckCharacter = (digits: string): string => {
  if (!/^(\d{8}|\d{12})$/.test(digits)) {
    throw new Error(`a CN application number has 8 or 12 digits, got ${JSON.stringify(digits)}`);
  }
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    sum += Number(digits[i]) * (WEIGHTS[i] ?? 0);
  }
  const rest = sum % 11;
  return rest === 10 ? 'X' : String(rest);
};

// The kind digit(s) each right may carry (ZC 0006-2003 §4.2).
const cnKindDigits: Partial<Record<IpKind, readonly string[]>> = {
  patent: ['1', '8'],
  utility_model: ['2', '9'],
  design: ['3'],
};

const FREE_TEXT = /^[\p{L}\p{N}][\p{L}\p{N} .,/()-]{0,63}$/u;

const freeText = (raw: string): RegistryNumberCheck => {
  const trimmed = raw.trim().replace(/\s+/g, ' ');
  return FREE_TEXT.test(trimmed)
    ? { ok: true, canonical: trimmed.toUpperCase(), checked: 'free_text' }
    : {
        ok: false,
        code: 'expo.ip_number_format',
        message: '1 to 64 letters, digits, spaces and . , / ( ) -',
      };
};

const checkCnApplication = (kind: IpKind, raw: string): RegistryNumberCheck => {
  // Prefixes ZL (granted) or CN (country code), the standard's optional spaces, full-width dot.
  const compact = raw
    .trim()
    .toUpperCase()
    .replace(/^(ZL|CN)\s?/, '')
    .replaceAll('．', '.')
    .replaceAll('·', '.');
  const match =
    /^(\d{4}) ?(\d) ?(\d{7})\.([0-9X])$/.exec(compact) ?? /^(\d{2})(\d)(\d{5})\.([0-9X])$/.exec(compact);
  if (match === null) {
    return {
      ok: false,
      code: 'expo.ip_number_format',
      message: 'A CNIPA application number: 12 digits, a dot and a check character, e.g. 201710601862.3',
    };
  }
  const [, year = '', kindDigit = '', serial = '', check = ''] = match;
  const digits = `${year}${kindDigit}${serial}`;
  if (!(cnKindDigits[kind] ?? []).includes(kindDigit)) {
    return {
      ok: false,
      code: 'expo.ip_number_kind_mismatch',
      message: `Kind digit ${kindDigit} is not a ${kind} application (allowed: ${(cnKindDigits[kind] ?? []).join(', ')})`,
    };
  }
  const expected = cnPatentCheckCharacter(digits);
  if (expected !== check) {
    return {
      ok: false,
      code: 'expo.ip_number_check_digit',
      message: `The check character of ${digits} is ${expected}, not ${check}`,
    };
  }
  return { ok: true, canonical: `${digits}.${check}`, checked: 'check_digit' };
};

/**
 * Checks and canonicalises a registry number. `null` (no number yet) is fine for everything but
 * granted registered rights, which the caller decides; a trade-secret reference has none.
 */
export const checkRegistryNumber = (kind: IpKind, jurisdiction: string, raw: string): RegistryNumberCheck => {
  if (kind === 'trade_secret_reference') {
    return {
      ok: false,
      code: 'expo.ip_number_not_allowed',
      message: 'A trade secret has no registry number',
    };
  }
  if (raw.length > 64) {
    return { ok: false, code: 'expo.ip_number_format', message: 'At most 64 characters' };
  }
  if (jurisdiction === 'CN' && (kind === 'patent' || kind === 'utility_model' || kind === 'design')) {
    return checkCnApplication(kind, raw);
  }
  if (kind === 'trademark') {
    // Trademark registration numbers are digits at CNIPA, EUIPO, USPTO and WIPO (Madrid).
    const digits = raw.trim();
    return /^\d{1,12}$/.test(digits)
      ? { ok: true, canonical: digits.replace(/^0+(?=\d)/, ''), checked: 'format' }
      : {
          ok: false,
          code: 'expo.ip_number_format',
          message: 'A trademark registration number: 1 to 12 digits',
        };
  }
  return freeText(raw);
};
