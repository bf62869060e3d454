import type { DocumentKind } from './types.ts';

/** What a finding does to the parcel: `reject` fails the match, `warn` is shown but lets it pass. */
export type FindingSeverity = 'reject' | 'warn';

/** One compared field of one document, with the value as it will be shown (personal data masked). */
export type FindingField = {
  document: DocumentKind;
  field: string;
  /** The goods line (`gnum`) for a line field; absent for a head field. */
  gnum?: number;
  /** The value shown; null when the field or line is absent on that side. */
  value: string | null;
};

// ID numbers, telephone numbers and names are personal data that must never leave in clear
// (DESIGN "Personal data"). Findings are shown to enterprise users and written to logs, so values
// are masked where a field reference is built, and no rule can forget. The masks are the ones the
// customs screens use (service/masking.ts), which domain code may not import.
const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set([
  'buyerIdNumber',
  'payerIdNumber',
  'buyerTelephone',
  'consigneeTelephone',
  'telephone',
]);
const NAME_FIELDS: ReadonlySet<string> = new Set(['buyerName', 'payerName', 'consignee']);

/**
 * An ID or telephone number with at most its first 2 and last 2 characters visible
 * (`33**************1X`); values of 4 characters or fewer are masked completely.
 */
export function maskIdentifier(value: string): string {
  const chars = [...value];
  if (chars.length <= 4) {
    return '*'.repeat(chars.length);
  }
  return `${chars.slice(0, 2).join('')}${'*'.repeat(chars.length - 4)}${chars.slice(-2).join('')}`;
}

/** A person's name with only its first character visible (`张*`); one character is masked whole. */
export function maskPersonName(value: string): string {
  const chars = [...value];
  return chars.length <= 1 ? '*'.repeat(chars.length) : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** The value of `field` as it may be shown: ID numbers, telephone numbers and names masked. */
export function displayValue(field: string, value: string): string {
  if (IDENTIFIER_FIELDS.has(field)) {
    return maskIdentifier(value);
  }
  if (NAME_FIELDS.has(field)) {
    return maskPersonName(value);
  }
  return value;
}

/** A reference to a field for a finding; the value is masked when the field holds personal data. */
export function fieldRef(
  document: DocumentKind,
  field: string,
  value: string | number | null | undefined,
  gnum?: number,
): FindingField {
  const shown = value === null || value === undefined ? null : displayValue(field, String(value));
  return gnum === undefined ? { document, field, value: shown } : { document, field, gnum, value: shown };
}

/** How a field reference reads in an English message: `order.acturalPaid 427.31`, `inventory line 2 gname (absent)`. */
export function describeField(ref: FindingField): string {
  const where =
    ref.gnum === undefined ? `${ref.document}.${ref.field}` : `${ref.document} line ${ref.gnum} ${ref.field}`;
  return `${where} ${ref.value === null ? '(absent)' : JSON.stringify(ref.value)}`;
}
