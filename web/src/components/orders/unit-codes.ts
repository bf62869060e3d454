// Common UN/ECE Recommendation 20 unit codes of trade documents, and Recommendation 21 package
// codes in the "X" + code form that Peppol BIS Billing 3.0 (code list UNECERec20) accepts. The
// server checks any code against the full list (kernel isUnitCode); this is the choice the form
// offers. Names are translated under `orders.units.<code>`.
export const COMMON_UNIT_CODES = [
  'H87',
  'C62',
  'EA',
  'SET',
  'PR',
  'DZN',
  'KGM',
  'GRM',
  'TNE',
  'MTR',
  'MTK',
  'MTQ',
  'LTR',
  'XCT',
  'XBX',
  'XPK',
  'XBG',
  'XRO',
  'XPX',
] as const;
export type CommonUnitCode = (typeof COMMON_UNIT_CODES)[number];

/** The unit a new line starts with: piece. */
export const DEFAULT_UNIT_CODE: CommonUnitCode = 'H87';
