import { type Finding, readFindings } from './findings.ts';

// The parcel's tax as the parcel page shows it. The server stores whatever the clearance rules
// computed (`tax` JSON) and its shape may grow, so this reads the amounts it knows under the
// names the tax code uses, at the top or under `totals`, and keeps every other scalar as an
// "other" row rather than dropping it. Amounts stay decimal strings: nothing here is a float.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the tax computation decided (server domain/tax RetailImportTaxDecision). */
export const TAX_DECISIONS = ['within_limits', 'over_limit_single_item', 'refused'] as const;

export const TAX_AMOUNTS = ['dutiableValue', 'duty', 'vat', 'consumptionTax', 'total'] as const;
export type TaxAmount = (typeof TAX_AMOUNTS)[number];

// The tax code writes the dutiable value as `dutiablePrice` in places; both mean the same.
const ALIASES: Record<TaxAmount, readonly string[]> = {
  dutiableValue: ['dutiableValue', 'dutiablePrice'],
  duty: ['duty', 'customsDuty'],
  vat: ['vat', 'valueAddedTax'],
  consumptionTax: ['consumptionTax'],
  total: ['total', 'taxTotal'],
};

export type TaxLine = { gnum: string; gcode: string } & Partial<Record<TaxAmount, string>>;

export type TaxBill = {
  decision: string | null;
  refusalCode: string | null;
  refusalMessage: string | null;
  amounts: Partial<Record<TaxAmount, string>>;
  lines: TaxLine[];
  /** Other scalar fields, as `key: value` text, so nothing the server sends is hidden. */
  other: { key: string; value: string }[];
};

/** A number or numeric string as a decimal string; numbers only when they are integers or short. */
const amountText = (value: unknown): string | null => {
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim())) {
    return value.trim();
  }
  // JSON numbers that made it this far are shown as written, never computed with.
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return null;
};

const pickAmounts = (
  source: Record<string, unknown>,
  into: Partial<Record<TaxAmount, string>>,
  used: Set<string>,
) => {
  for (const amount of TAX_AMOUNTS) {
    if (into[amount] !== undefined) {
      continue;
    }
    for (const name of ALIASES[amount]) {
      const value = amountText(source[name]);
      if (value !== null) {
        into[amount] = value;
        used.add(name);
        break;
      }
    }
  }
};

const scalarText = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

/** The tax bill in `tax`, or null when the parcel has none (not taxed yet). */
export const readTaxBill = (tax: unknown): TaxBill | null => {
  if (!isRecord(tax)) {
    return null;
  }
  const used = new Set<string>(['decision', 'refusalCode', 'refusalMessage', 'lines', 'totals', 'reasons']);
  const amounts: Partial<Record<TaxAmount, string>> = {};
  pickAmounts(tax, amounts, used);
  if (isRecord(tax.totals)) {
    pickAmounts(tax.totals, amounts, new Set());
  }
  const lines = Array.isArray(tax.lines)
    ? tax.lines.filter(isRecord).map((line): TaxLine => {
        const out: TaxLine = { gnum: scalarText(line.gnum) ?? '', gcode: scalarText(line.gcode) ?? '' };
        pickAmounts(line, out, new Set());
        return out;
      })
    : [];
  const firstReason = Array.isArray(tax.reasons) ? tax.reasons.find(isRecord) : undefined;
  const other = Object.entries(tax)
    .filter(([key]) => !used.has(key))
    .map(([key, value]) => ({ key, value: scalarText(value) }))
    .filter((row): row is { key: string; value: string } => row.value !== null);
  return {
    decision: scalarText(tax.decision),
    refusalCode: scalarText(tax.refusalCode) ?? scalarText(firstReason?.code),
    refusalMessage: scalarText(tax.refusalMessage) ?? scalarText(firstReason?.message),
    amounts,
    lines,
    other,
  };
};

/**
 * The risk assessment (`{ hits, sampled, inspect }`): its hits have the findings' shape (rule,
 * code, message, compared fields), so they are read the same way.
 */
export const readRisk = (risk: unknown): { inspect: boolean | null; sampled: boolean; hits: Finding[] } => {
  if (!isRecord(risk)) {
    return { inspect: null, sampled: false, hits: [] };
  }
  return {
    inspect: typeof risk.inspect === 'boolean' ? risk.inspect : null,
    sampled: risk.sampled === true,
    hits: readFindings(risk.hits),
  };
};
