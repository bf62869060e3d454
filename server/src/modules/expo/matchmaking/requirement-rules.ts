import {
  type FieldError,
  isCountryCode,
  isCurrencyCode,
  normalizeHsCode,
  parseMoney,
} from '@tradehub/kernel';
import { thousandths } from './score-match.ts';

// The rules of a buyer's requirement (issue 11 §3), pure: the service hands in the code lists it
// got from ExpoDeps and today's date, and gets back the stored values or the field errors.

export const requirementStatuses = ['open', 'closed', 'fulfilled'] as const;
export type RequirementStatus = (typeof requirementStatuses)[number];

export type RequirementInput = {
  title?: string | undefined;
  description?: string | undefined;
  hsCode?: string | null | undefined;
  quantity?: string | undefined;
  unit?: string | undefined;
  targetPrice?: { amount: string; currency: string } | null | undefined;
  destinationCountry?: string | null | undefined;
  destinationUnlocode?: string | null | undefined;
  certifications?: readonly string[] | undefined;
  deadline?: string | undefined;
};

/** A requirement's values as stored. */
export type RequirementValues = {
  title: string;
  description: string;
  hsCode: string | null;
  quantity: string;
  unit: string;
  targetPrice: { amountMinor: bigint; currency: string } | null;
  destinationCountry: string;
  destinationUnlocode: string | null;
  certifications: string[];
  deadline: string;
};

export type RequirementCodes = {
  isHs6: (code: string) => boolean;
  isUnitCode: (code: string) => boolean;
  checkUnlocode: (code: string) => 'verified' | 'unverified' | 'invalid';
};

const CERT_SCHEME = /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/;

/** Whether `value` is a real YYYY-MM-DD date (not 2026-02-30). */
export const isCalendarDate = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/**
 * The earliest calendar day anywhere on Earth at `now` (UTC−12): a deadline is "not in the past"
 * when it is on or after it, so a buyer late in the evening west of Greenwich may still name today.
 */
export const earliestToday = (now: Date): string =>
  new Date(now.getTime() - 12 * 3_600_000).toISOString().slice(0, 10);

/**
 * Checks a complete requirement (a new one, or an edited one merged over the stored values) and
 * returns its stored form, or every field error at once.
 */
export const checkRequirement = (
  input: RequirementInput,
  codes: RequirementCodes,
  now: Date,
): { ok: true; values: RequirementValues } | { ok: false; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  const error = (field: string, code: string, message: string) => errors.push({ field, code, message });

  const title = (input.title ?? '').trim();
  if (title.length === 0) {
    error('title', 'expo.required', 'Say what you are looking for.');
  } else if (title.length > 200) {
    error('title', 'kernel.too_long', 'At most 200 characters.');
  }
  const description = (input.description ?? '').trim();
  if (description.length > 8000) {
    error('description', 'kernel.too_long', 'At most 8,000 characters.');
  }

  let hsCode: string | null = null;
  if (input.hsCode !== undefined && input.hsCode !== null && input.hsCode.trim() !== '') {
    const normalized = normalizeHsCode(input.hsCode);
    if (!/^\d{6}$/.test(normalized) || !codes.isHs6(normalized)) {
      error('hsCode', 'expo.unknown_hs_code', 'Not an HS 2022 subheading (six digits).');
    } else {
      hsCode = normalized;
    }
  }

  const quantity = (input.quantity ?? '').trim();
  const quantityThousandths = thousandths(quantity);
  if (quantity === '') {
    error('quantity', 'expo.required', 'How many do you need?');
  } else if (quantityThousandths === undefined || quantityThousandths <= 0n) {
    error('quantity', 'expo.invalid_quantity', 'A positive number with at most three decimals.');
  }
  const unit = (input.unit ?? '').trim().toUpperCase();
  if (unit === '') {
    error('unit', 'expo.required', 'A unit of measure (UN/ECE Recommendation 20).');
  } else if (!codes.isUnitCode(unit)) {
    error('unit', 'expo.unknown_unit', 'Not a UN/ECE Recommendation 20 unit code.');
  }

  let targetPrice: RequirementValues['targetPrice'] = null;
  if (input.targetPrice !== undefined && input.targetPrice !== null) {
    const currency = input.targetPrice.currency.trim().toUpperCase();
    const amount = input.targetPrice.amount.trim();
    if (!isCurrencyCode(currency)) {
      error('targetPrice.currency', 'expo.unknown_currency', 'Not an ISO 4217 currency.');
    } else if (amount.startsWith('-')) {
      error('targetPrice.amount', 'expo.requirement_price_negative', 'A price cannot be negative.');
    } else {
      try {
        // No rounding: a target with more decimals than the currency has is a mistake to show.
        const money = parseMoney(amount, currency);
        targetPrice = { amountMinor: money.amountMinor, currency };
      } catch {
        error('targetPrice.amount', 'expo.invalid_amount', 'A decimal amount in the currency, e.g. 1.25.');
      }
    }
  }

  const country = (input.destinationCountry ?? '').trim().toUpperCase();
  if (country === '') {
    error('destinationCountry', 'expo.required', 'Where should the goods go? Name the country.');
  } else if (!isCountryCode(country)) {
    error('destinationCountry', 'expo.unknown_country', 'Not an ISO 3166-1 alpha-2 country code.');
  }
  let unlocode: string | null = null;
  if (
    input.destinationUnlocode !== undefined &&
    input.destinationUnlocode !== null &&
    input.destinationUnlocode.trim() !== ''
  ) {
    const code = input.destinationUnlocode.replace(/\s+/g, '').toUpperCase();
    if (codes.checkUnlocode(code) === 'invalid') {
      error('destinationUnlocode', 'expo.unknown_unlocode', 'Not a UN/LOCODE.');
    } else if (isCountryCode(country) && !code.startsWith(country)) {
      // Only against a valid country: a wrong country is one error, not two.
      error('destinationUnlocode', 'expo.unknown_unlocode', 'The place is not in the destination country.');
    } else {
      unlocode = code;
    }
  }

  const certifications: string[] = [];
  for (const [index, raw] of (input.certifications ?? []).entries()) {
    const scheme = raw.trim();
    if (!CERT_SCHEME.test(scheme)) {
      error(
        `certifications.${index}`,
        'kernel.invalid_format',
        'A scheme name such as CE, RoHS or ISO 9001.',
      );
    } else if (!certifications.some((known) => known.toUpperCase() === scheme.toUpperCase())) {
      certifications.push(scheme);
    }
  }
  if (certifications.length > 20) {
    error('certifications', 'kernel.too_long', 'At most 20 schemes.');
  }

  const deadline = (input.deadline ?? '').trim();
  if (deadline === '') {
    error('deadline', 'expo.required', 'By when do you need offers?');
  } else if (!isCalendarDate(deadline)) {
    error('deadline', 'expo.requirement_invalid_date', 'A calendar date as YYYY-MM-DD.');
  } else if (deadline < earliestToday(now)) {
    error('deadline', 'expo.requirement_deadline_past', 'The deadline has passed already.');
  }

  if (errors.length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    values: {
      title,
      description,
      hsCode,
      quantity,
      unit,
      targetPrice,
      destinationCountry: country,
      destinationUnlocode: unlocode,
      certifications,
      deadline,
    },
  };
};
