import { isCountryCode, isCurrencyCode, parseMoney } from '@tradehub/kernel';
import { z } from 'zod';
import type { DocumentType } from '../document-types.ts';

/** The kinds of trade document the hub generates, drafts, issues and prints (API ids). */
export const documentKinds = [
  'sales_contract',
  'proforma_invoice',
  'commercial_invoice',
  'packing_list',
  'certificate_of_origin',
  'bill_of_lading',
  'e_invoice',
] as const;

export type DocumentKind = (typeof documentKinds)[number];

/** A label or title in both languages the hub speaks. */
export type Bilingual = { en: string; zh: string };

/**
 * How a value is drawn: `text` as is; `money` a MoneyJson `{amount, currency}` formatted per its
 * currency; `quantity` a `{value, unitCode}` (UN/ECE Rec. 20); `measure` the same for weights and
 * volumes; `date` an ISO 8601 date; `party` a KindParty block; `code` a code (HS, UN/LOCODE) in a
 * fixed-width font; `lines` a list of strings, one per line; `flag` a tick box (boolean).
 */
export type FieldRender =
  | 'text'
  | 'money'
  | 'quantity'
  | 'measure'
  | 'date'
  | 'party'
  | 'code'
  | 'lines'
  | 'flag';

/** One value of the credentialSubject: `path` is dot-separated from the subject's root. */
export type KindField = { path: string; label: Bilingual; render: FieldRender };

/** A column of a line table: `path` is relative to one row; `width` a share of the table width. */
export type KindColumn = { path: string; label: Bilingual; render: FieldRender; width: number };

/** A block of the printed document: labelled fields, or a table of the array at `path`. */
export type KindSection =
  | { title: Bilingual; fields: readonly KindField[] }
  | { title: Bilingual; table: { path: string; columns: readonly KindColumn[] } };

/**
 * Everything the hub knows about one kind of trade document: its API id, the credentialSubject
 * `type` it is issued as, its bilingual title, the Zod schema of its subject fields (without
 * `type` and `documentNumber`, which the hub writes) and how to print it.
 */
export type DocumentKindSpec<
  S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>,
> = {
  kind: DocumentKind;
  documentType: DocumentType;
  title: Bilingual;
  subject: S;
  sections: readonly KindSection[];
};

/** Identity helper that keeps the schema's type while checking the spec's shape. */
export const defineKind = <S extends z.ZodType<Record<string, unknown>>>(spec: DocumentKindSpec<S>) => spec;

// Building blocks shared by the kinds. Every number in a subject must be whole (the credential
// rule), so amounts, quantities and weights are decimal strings.

/** A decimal string such as `12`, `0.5`, `1234.567`. */
export const ZDecimal = z.string().regex(/^-?\d{1,18}(\.\d{1,6})?$/, 'a decimal number written as a string');
/** A decimal string greater than zero. */
export const ZPositiveDecimal = ZDecimal.refine(
  (v) => !v.startsWith('-') && /[1-9]/.test(v),
  'must be greater than 0',
);

export const ZCurrency = z.string().refine(isCurrencyCode, 'an ISO 4217 currency code');
export const ZCountry = z.string().refine(isCountryCode, 'an ISO 3166-1 alpha-2 country code');
export const ZDate = z.iso.date();
/** An HS code of 6, 8 or 10 digits without dots (HS6 + national tariff and statistical digits). */
export const ZHsCode = z.string().regex(/^\d{6}(\d{2}){0,2}$/, 'an HS code of 6, 8 or 10 digits');
/** The 6-digit HS subheading, as the RCEP certificate's box 9 asks. */
export const ZHs6 = z.string().regex(/^\d{6}$/, 'an HS code of 6 digits');
/** UN/ECE Recommendation 20 / 21 unit codes: 2 or 3 upper-case letters or digits. */
export const ZUnitCode = z.string().regex(/^[A-Z0-9]{2,3}$/, 'a UN/ECE Recommendation 20 unit code');
/** UN/LOCODE: country + 3 letters or digits (e.g. CNNGB). */
export const ZUnlocode = z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'a UN/LOCODE such as CNNGB');

/** MoneyJson whose amount has no more decimals than the currency allows. */
export const ZMoney = z
  .object({ amount: ZDecimal, currency: ZCurrency })
  .strict()
  .superRefine((m, ctx) => {
    try {
      parseMoney(m.amount, m.currency);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: `not a valid ${m.currency} amount` });
    }
  });
export type KindMoney = z.infer<typeof ZMoney>;

export const ZQuantity = z.object({ value: ZPositiveDecimal, unitCode: ZUnitCode }).strict();
export const ZMeasure = z.object({ value: ZDecimal, unitCode: ZUnitCode }).strict();

/** A party as printed on a document (UBL cac:Party, RCEP exporter / producer / importer boxes). */
export const ZParty = z
  .object({
    name: z.string().trim().min(1).max(300),
    nameZh: z.string().trim().min(1).max(300).optional(),
    country: ZCountry,
    companyId: z.string().trim().min(1).max(64).optional(),
    addressLines: z.array(z.string().trim().min(1).max(200)).max(4).optional(),
    city: z.string().trim().min(1).max(100).optional(),
    postalCode: z.string().trim().min(1).max(20).optional(),
    email: z.string().trim().max(254).optional(),
  })
  .strict();
export type KindParty = z.infer<typeof ZParty>;

export const ZIncoterms = z
  .object({
    rule: z.enum(['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF']),
    namedPlace: z
      .object({ unlocode: ZUnlocode, name: z.string().trim().min(1).max(100).optional() })
      .strict(),
    version: z.literal('2020').default('2020'),
  })
  .strict();

export const ZText = (max = 500) => z.string().trim().min(1).max(max);

/** A ZDecimal string in millionths, as a bigint: exact comparison and sums without floats. */
export const decimalMicros = (value: string): bigint => {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const micros = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0');
  return negative ? -micros : micros;
};
