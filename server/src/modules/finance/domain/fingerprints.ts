import { createHmac } from 'node:crypto';
import { toHex } from '@tradehub/kernel';
import type { CanonicalInvoice } from './canonical-invoice.ts';
import type { CanonicalIpRight } from './ip-asset.ts';

/**
 * What a registration is about: an invoice, a purchase order financed before shipment, or an IP
 * right pledged to a bank (B/Ls come later). The asset type is part of every fingerprint's
 * encoding, so a purchase order and an invoice with the same parties, number, date and amount
 * never share a fingerprint, and an IP right never meets either.
 */
export const assetTypes = ['invoice', 'purchase_order', 'ip_asset'] as const;
export type AssetType = (typeof assetTypes)[number];

/** The asset types sent as invoice fields (a purchase order's number and date go in them too). */
export const invoiceAssetTypes = ['invoice', 'purchase_order'] as const;
export type InvoiceAssetType = (typeof invoiceAssetTypes)[number];

/**
 * - exact: seller, buyer, number, date, amount, currency: the same invoice presented again.
 * - seller_number: an invoice number is unique per seller, so a re-dated or re-priced copy.
 * - seller_number_unpadded: the same with zero padding ignored (INV-0012 and INV-12).
 * - parties_amount_date: a renumbered copy.
 * - fuzzy: same parties and currency, a near amount in the same ISO week: risk only.
 */
export const fingerprintTypes = [
  'exact',
  'seller_number',
  'seller_number_unpadded',
  'parties_amount_date',
  'fuzzy',
] as const;
export type FingerprintType = (typeof fingerprintTypes)[number];

/** A key the registry hashes with; `keyId` is stored with each row so that keys can rotate. */
export type RegistryKey = { keyId: string; key: Uint8Array };

export type Fingerprint = { fpType: FingerprintType; keyId: string; fingerprint: Uint8Array };

const KEY_LABEL = 'tradehub/finance/registry-key/v1';
const FINGERPRINT_LABEL = 'tradehub/finance/registry-fingerprint/v1';

/**
 * The registry key derived from the hub's secret. The id is a keyed digest of the key, so a hub
 * started with another secret never mistakes its rows for rows under this key, and reveals nothing.
 */
export const deriveRegistryKey = (secretKey: Uint8Array): RegistryKey => {
  const key = new Uint8Array(createHmac('sha256', secretKey).update(KEY_LABEL).digest());
  const keyId = `frk_${toHex(new Uint8Array(createHmac('sha256', key).update('key-id').digest())).slice(0, 16)}`;
  return { keyId, key };
};

/**
 * The fields in a fixed order, each as a 4-byte big-endian byte length and its UTF-8 bytes, after
 * the label, the asset type and the fingerprint type: no two field lists encode alike, and a
 * fingerprint of one type can never equal one of another type.
 */
export const encodeFields = (assetType: AssetType, fpType: FingerprintType, fields: readonly string[]) => {
  const parts = [FINGERPRINT_LABEL, assetType, fpType, ...fields].map((field) =>
    new TextEncoder().encode(field),
  );
  const out = new Uint8Array(parts.reduce((sum, part) => sum + 4 + part.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
};

/**
 * The amount's bucket for the fuzzy fingerprint: its number of digits and its first two digits,
 * so a bucket spans 1 % to 10 % of the amount. Integers only, so every engine agrees.
 */
export type AmountBucket = { digits: number; lead: bigint };

export const amountBucketOf = (amountMinor: bigint): AmountBucket => {
  const text = amountMinor.toString();
  return text.length <= 2
    ? { digits: 2, lead: amountMinor }
    : { digits: text.length, lead: BigInt(text.slice(0, 2)) };
};

/** The bucket and its two neighbours, so an amount just across a bucket edge still meets it. */
export const nearAmountBuckets = ({ digits, lead }: AmountBucket): AmountBucket[] => {
  const down = lead === 10n && digits > 2 ? { digits: digits - 1, lead: 99n } : { digits, lead: lead - 1n };
  const up = lead === 99n ? { digits: digits + 1, lead: 10n } : { digits, lead: lead + 1n };
  return [down, { digits, lead }, up].filter((bucket) => bucket.lead >= 0n);
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The ISO 8601 week of a YYYY-MM-DD date, as `2026-W05`. */
export const isoWeekOf = (isoDate: string): string => {
  const date = new Date(`${isoDate}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  // The Thursday of the same week decides the week's year.
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
};

const shiftDays = (isoDate: string, days: number) =>
  new Date(new Date(`${isoDate}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);

const bucketField = (bucket: AmountBucket) => `${bucket.digits}:${bucket.lead}`;

/** The fields of each fingerprint type, in their fixed order. */
export const fieldsOf = (
  fpType: Exclude<FingerprintType, 'fuzzy'>,
  invoice: CanonicalInvoice,
): readonly string[] => {
  const amount = [invoice.amount.amountMinor.toString(), invoice.amount.currency];
  switch (fpType) {
    case 'exact':
      return [invoice.seller, invoice.buyer, invoice.number, invoice.issueDate, ...amount];
    case 'seller_number':
      return [invoice.seller, invoice.number];
    case 'seller_number_unpadded':
      return [invoice.seller, invoice.numberUnpadded];
    case 'parties_amount_date':
      return [invoice.seller, invoice.buyer, ...amount, invoice.issueDate];
  }
};

const fuzzyFields = (invoice: CanonicalInvoice, bucket: AmountBucket, week: string) => [
  invoice.seller,
  invoice.buyer,
  invoice.amount.currency,
  bucketField(bucket),
  week,
];

const hmac = (key: RegistryKey, bytes: Uint8Array) =>
  new Uint8Array(createHmac('sha256', key.key).update(bytes).digest());

const fingerprintOf = (
  key: RegistryKey,
  assetType: AssetType,
  fpType: FingerprintType,
  fields: readonly string[],
): Fingerprint => ({
  fpType,
  keyId: key.keyId,
  fingerprint: hmac(key, encodeFields(assetType, fpType, fields)),
});

const preciseTypes = ['exact', 'seller_number', 'seller_number_unpadded', 'parties_amount_date'] as const;

/** The fingerprints a registration stores: one of each type (the fuzzy one for its own bucket and week). */
export const registrationFingerprints = (
  key: RegistryKey,
  assetType: AssetType,
  invoice: CanonicalInvoice,
): Fingerprint[] => [
  ...preciseTypes.map((fpType) => fingerprintOf(key, assetType, fpType, fieldsOf(fpType, invoice))),
  fingerprintOf(
    key,
    assetType,
    'fuzzy',
    fuzzyFields(invoice, amountBucketOf(invoice.amount.amountMinor), isoWeekOf(invoice.issueDate)),
  ),
];

/**
 * The fingerprints a check looks up: the precise ones, and the fuzzy one for the neighbouring
 * amount buckets and weeks too (at most nine), so a near duplicate across an edge is still found.
 */
export const queryFingerprints = (
  key: RegistryKey,
  assetType: AssetType,
  invoice: CanonicalInvoice,
): Fingerprint[] => {
  const weeks = [...new Set([-7, 0, 7].map((days) => isoWeekOf(shiftDays(invoice.issueDate, days))))];
  const buckets = nearAmountBuckets(amountBucketOf(invoice.amount.amountMinor));
  return [
    ...preciseTypes.map((fpType) => fingerprintOf(key, assetType, fpType, fieldsOf(fpType, invoice))),
    ...buckets.flatMap((bucket) =>
      weeks.map((week) => fingerprintOf(key, assetType, 'fuzzy', fuzzyFields(invoice, bucket, week))),
    ),
  ];
};

/**
 * An IP right's only fingerprint: `exact`, over its kind, jurisdiction and canonical registry
 * number. It is its identity, whoever holds it and whatever it secures, so the partial unique
 * index lets a right be pledged once at a time across every bank.
 */
export const ipAssetFingerprint = (key: RegistryKey, right: CanonicalIpRight): Fingerprint =>
  fingerprintOf(key, 'ip_asset', 'exact', [right.kind, right.jurisdiction, right.number]);
