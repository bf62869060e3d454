import { AppError, type FieldError, validatePrcIdNumber } from '@tradehub/kernel';
import type { PersonalDataVault } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { formatAmount, parseAmount } from '../domain/tax/fixed-decimal.ts';
import { retailImportTaxLimits } from '../domain/tax/retail-import-tax.ts';

/** What the quota ledger needs: the database, the personal-data vault and a clock. */
export type QuotaDeps = {
  db: Database;
  /** Hashes the ID number for lookups and seals it for storage; see platform/crypto. */
  vault: PersonalDataVault;
  now: () => Date;
};

/** AppError codes of the quota ledger, with the HTTP status each maps to. */
export const QUOTA_ERROR_STATUS = {
  'customs.invalid_quota_input': 400,
  'customs.quota_entry_conflict': 409,
  'customs.quota_reservation_missing': 404,
  'customs.quota_already_consumed': 409,
  'customs.quota_not_consumed': 409,
  'customs.quota_reservation_released': 409,
  'customs.refund_window_closed': 409,
} as const;

/** The annual limit in 10^-5 units. */
export const ANNUAL_LIMIT_UNITS = parseAmount(retailImportTaxLimits.annualLimit) as bigint;

/** Days after release within which a return or cancellation gives the quota back (2018 No.194). */
export const REFUND_WINDOW_DAYS = 30;

const MAX_INVENTORY_REF_LENGTH = 64;

const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The calendar year a moment counts towards, in China Standard Time (UTC+8, no daylight saving):
 * a parcel released at 2026-12-31T20:00Z belongs to 2027 for the buyer's quota.
 */
export const quotaYearOf = (at: Date): number =>
  new Date(at.getTime() + CHINA_STANDARD_TIME_OFFSET_MS).getUTCFullYear();

export const invalidInput = (fieldErrors: FieldError[]): AppError =>
  new AppError('customs.invalid_quota_input', 'The quota request is not valid', { fieldErrors });

/** A numeric(19,5) column value in 10^-5 units. */
export const unitsOf = (numeric: string): bigint => {
  const units = parseAmount(numeric);
  if (units === null) {
    throw new Error(`not a numeric(19,5) value: ${numeric}`);
  }
  return units;
};

export { formatAmount };

/** Collects field errors for the inventory reference and the organisation. */
export const checkReferences = (
  input: { inventoryRef: unknown; organisationId: unknown },
  errors: FieldError[],
): void => {
  if (
    typeof input.inventoryRef !== 'string' ||
    input.inventoryRef.trim() === '' ||
    input.inventoryRef.length > MAX_INVENTORY_REF_LENGTH
  ) {
    errors.push({
      field: 'inventoryRef',
      code: 'customs.invalid_inventory_ref',
      message: `inventoryRef must be the inventory guid or invtNo, 1 to ${MAX_INVENTORY_REF_LENGTH} characters`,
    });
  }
  if (typeof input.organisationId !== 'string' || input.organisationId === '') {
    errors.push({ field: 'organisationId', code: 'kernel.required', message: 'organisationId is required' });
  }
};

/**
 * The normalised ID number (upper-case X), or a field error. The value never appears in an error
 * message or a log line: only the kernel's generic message does.
 */
export const checkBuyerIdNumber = (value: unknown, errors: FieldError[]): string => {
  const result = validatePrcIdNumber(value);
  if (!result.ok) {
    errors.push({ field: 'buyerIdNumber', code: result.code, message: result.message });
    return '';
  }
  return result.value;
};

export const checkYear = (value: unknown, errors: FieldError[]): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 2000 || value > 9999) {
    errors.push({
      field: 'year',
      code: 'customs.invalid_year',
      message: 'year must be a calendar year such as 2026',
    });
    return 0;
  }
  return value;
};
