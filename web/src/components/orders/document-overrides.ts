import type { OrderDocumentKind } from '../../api/orders.ts';
import { type BlValues, billOfLadingOverrides } from './bill-of-lading-overrides.ts';

// What the seller adds to an order when a document needs facts the order does not hold: the
// packing of each line for a packing list, and any further field of any kind as JSON. The server
// merges `overrides` over the generated subject (objects by member, arrays by index) and names
// any field still missing.

/** Package types of UN/ECE Recommendation 21 a packing list commonly uses. */
export const PACKAGE_TYPES = ['CT', 'BX', 'PK', 'BG', 'PX', 'CR', 'DR', 'RO'] as const;

export type PackingLineValues = {
  packageCount?: string;
  packageType?: string;
  grossWeightKg?: string;
  netWeightKg?: string;
  volumeM3?: string;
};

export type PackingValues = { shippingMarks?: string; lines: PackingLineValues[] };

const DECIMAL = /^\d{1,12}(?:\.\d{1,6})?$/;
const COUNT = /^[1-9]\d{0,6}$/;

export type PackingLineErrors = Partial<
  Record<keyof PackingLineValues, 'required' | 'invalid' | 'net_over_gross'>
>;

/** Field problems of one packing line, before anything is sent. */
export const checkPackingLine = (line: PackingLineValues): PackingLineErrors => {
  const errors: PackingLineErrors = {};
  const need = (key: keyof PackingLineValues, pattern: RegExp) => {
    const value = (line[key] ?? '').trim();
    if (value === '') {
      errors[key] = 'required';
    } else if (!pattern.test(value)) {
      errors[key] = 'invalid';
    }
  };
  need('packageCount', COUNT);
  need('grossWeightKg', DECIMAL);
  need('netWeightKg', DECIMAL);
  if (!(line.packageType ?? '').trim()) {
    errors.packageType = 'required';
  }
  const volume = (line.volumeM3 ?? '').trim();
  if (volume !== '' && !DECIMAL.test(volume)) {
    errors.volumeM3 = 'invalid';
  }
  if (
    !errors.grossWeightKg &&
    !errors.netWeightKg &&
    compareDecimal(line.netWeightKg ?? '', line.grossWeightKg ?? '') > 0
  ) {
    errors.netWeightKg = 'net_over_gross';
  }
  return errors;
};

/** Compares two plain non-negative decimals exactly (no float): -1, 0 or 1. */
export const compareDecimal = (a: string, b: string): -1 | 0 | 1 => {
  const [aw = '0', af = ''] = a.trim().split('.');
  const [bw = '0', bf = ''] = b.trim().split('.');
  const width = Math.max(af.length, bf.length);
  const x = BigInt(aw + af.padEnd(width, '0'));
  const y = BigInt(bw + bf.padEnd(width, '0'));
  return x === y ? 0 : x < y ? -1 : 1;
};

/** The packing list overrides: one entry per order line, in order, weights in kg, volume in m³. */
export const packingOverrides = (values: PackingValues): Record<string, unknown> => ({
  ...(values.shippingMarks?.trim() ? { shippingMarks: values.shippingMarks.trim() } : {}),
  lines: values.lines.map((line) => ({
    packageCount: Number(line.packageCount),
    packageType: (line.packageType ?? '').trim(),
    grossWeight: { value: (line.grossWeightKg ?? '').trim(), unitCode: 'KGM' },
    netWeight: { value: (line.netWeightKg ?? '').trim(), unitCode: 'KGM' },
    ...(line.volumeM3?.trim() ? { measurement: { value: line.volumeM3.trim(), unitCode: 'MTQ' } } : {}),
  })),
});

/** Extra JSON typed by the seller: an object, or null with the reason it is not one. */
export const parseExtraJson = (
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false } => {
  if (text.trim() === '') {
    return { ok: true, value: {} };
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { ok: true, value: value as Record<string, unknown> }
      : { ok: false };
  } catch {
    return { ok: false };
  }
};

/** Kinds whose form asks for the packing of each line. */
export const needsPacking = (kind: OrderDocumentKind): boolean => kind === 'packing_list';

/** Kinds whose form asks for the carrier's shipment details. */
export const needsShipment = (kind: OrderDocumentKind): boolean => kind === 'bill_of_lading';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `extra` over `base`: objects member by member (so JSON can add to the form's `transports`), the rest replaced. */
const mergeObjects = (
  base: Record<string, unknown>,
  extra: Record<string, unknown>,
): Record<string, unknown> => {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeObjects(current, value) : value;
  }
  return merged;
};

/** Packing or shipment facts first, then the JSON on top (it may correct anything). */
export const documentOverrides = (
  kind: OrderDocumentKind,
  packing: PackingValues | null,
  extra: Record<string, unknown>,
  shipment: BlValues | null = null,
): Record<string, unknown> | undefined => {
  const base =
    needsPacking(kind) && packing
      ? packingOverrides(packing)
      : needsShipment(kind) && shipment
        ? billOfLadingOverrides(shipment)
        : {};
  const merged = mergeObjects(base, extra);
  return Object.keys(merged).length === 0 ? undefined : merged;
};
