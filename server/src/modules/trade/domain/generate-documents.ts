import { AppError, moneyToJson, parseMoney } from '@tradehub/kernel';
import {
  type DocumentInput,
  type DocumentKind,
  type DocumentKindSpec,
  kindSpec,
  validateKindSubject,
} from '../../documents/index.ts';
import { billOfLadingSubjectFromOrder } from './generate-bill-of-lading.ts';
import type { OrderContent, OrderLine, OrderParty } from './order-content.ts';

/** Where a generated document comes from besides the order. */
export type GenerateContext = {
  documentNumber: string;
  /** ISO 8601 date. */
  issueDate: string;
  /**
   * Fields merged over the generated subject: objects member by member, arrays element by element
   * (so `{ lines: [{ grossWeight }] }` adds a weight to line 1), anything else replaced. The key
   * `lineDefaults` is not a field: it is merged into every line (or certificate item) first.
   * A bill of lading also reads the shortcut keys of generate-bill-of-lading.ts (`containers`,
   * `carrierBookingReference`, `shippingMarks`, `declareValue`).
   */
  overrides?: Record<string, unknown>;
  /** Merged into every line or item before `overrides`, e.g. the origin criterion of all items. */
  lineDefaults?: Record<string, unknown>;
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Deep merge of `override` over `base`: objects by member, arrays by index. */
export const mergeOverrides = (base: unknown, override: unknown): unknown => {
  if (override === undefined) {
    return base;
  }
  if (Array.isArray(base) && Array.isArray(override)) {
    const length = Math.max(base.length, override.length);
    return Array.from({ length }, (_, i) => mergeOverrides(base[i], override[i]));
  }
  if (isObject(base) && isObject(override)) {
    const merged: Json = { ...base };
    for (const [key, value] of Object.entries(override)) {
      merged[key] = mergeOverrides(base[key], value);
    }
    return merged;
  }
  return override;
};

const withoutUndefined = (value: Json): Json =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

const party = (p: OrderParty): Json =>
  withoutUndefined({
    name: p.name,
    country: p.country,
    companyId: p.companyId,
    addressLines: p.addressLines,
    city: p.city,
    postalCode: p.postalCode,
    email: p.email,
  });

const tradeLine = (line: OrderLine): Json =>
  withoutUndefined({
    lineNumber: line.lineNumber,
    sellerItemId: line.sellerItemId,
    description: line.descriptionEn,
    descriptionZh: line.descriptionZh,
    hsCode: line.hsCode,
    quantity: { value: line.quantity, unitCode: line.unitCode },
    unitPrice: moneyToJson(line.unitPrice),
    lineTotal: moneyToJson(line.lineTotal),
  });

const incoterms = (order: OrderContent): Json => ({
  rule: order.incoterms.rule,
  namedPlace: withoutUndefined({
    unlocode: order.incoterms.namedPlace.unlocode,
    name: order.incoterms.namedPlace.name,
  }),
  version: '2020',
});

const pricedBase = (order: OrderContent, issueDate: string): Json =>
  withoutUndefined({
    issueDate,
    orderRef: order.buyerReference,
    seller: party(order.seller),
    buyer: party(order.buyer),
    currency: order.currency,
    incoterms: incoterms(order),
    lines: order.lines.map(tradeLine),
    total: moneyToJson(order.total),
    paymentTerms: order.paymentTerms,
    note: order.note,
  });

/** Sum of decimal strings in millionths, written back with as many decimals as needed. */
const sumDecimals = (values: readonly string[]): string => {
  let micros = 0n;
  for (const value of values) {
    const [whole = '0', fraction = ''] = value.split('.');
    micros += BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0');
  }
  const whole = micros / 1_000_000n;
  const fraction = (micros % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
};

/** The sum of one measure over the lines, when every line has it in one unit. */
const totalMeasure = (lines: readonly unknown[], key: string): Json | undefined => {
  const measures = lines.map((line) => (isObject(line) ? line[key] : undefined));
  if (measures.length === 0 || !measures.every(isObject)) {
    return undefined;
  }
  const units = new Set(measures.map((m) => m.unitCode));
  const values = measures.map((m) => m.value);
  if (
    units.size !== 1 ||
    !values.every((v): v is string => typeof v === 'string' && /^\d+(\.\d+)?$/.test(v))
  ) {
    return undefined;
  }
  return { value: sumDecimals(values), unitCode: measures[0]?.unitCode };
};

const base = (kind: DocumentKind, order: OrderContent, ctx: GenerateContext): Json => {
  switch (kind) {
    case 'sales_contract':
      return {
        ...pricedBase(order, ctx.issueDate),
        ...withoutUndefined({ deliveryDate: order.requestedDeliveryDate }),
      };
    case 'proforma_invoice':
    case 'commercial_invoice':
      return pricedBase(order, ctx.issueDate);
    case 'packing_list':
      return withoutUndefined({
        issueDate: ctx.issueDate,
        orderRef: order.buyerReference,
        seller: party(order.seller),
        buyer: party(order.buyer),
        lines: order.lines.map((line) =>
          withoutUndefined({
            lineNumber: line.lineNumber,
            description: line.descriptionEn,
            descriptionZh: line.descriptionZh,
            hsCode: line.hsCode,
            quantity: { value: line.quantity, unitCode: line.unitCode },
          }),
        ),
        note: order.note,
      });
    case 'certificate_of_origin':
      return {
        exporter: party(order.seller),
        importer: party(order.buyer),
        items: order.lines.map((line) =>
          withoutUndefined({
            itemNumber: line.lineNumber,
            description: line.descriptionEn,
            descriptionZh: line.descriptionZh,
            hsCode: line.hsCode.slice(0, 6),
            countryOfOrigin: order.seller.country,
            quantity: { value: line.quantity, unitCode: line.unitCode },
          }),
        ),
        declaration: withoutUndefined({
          importingCountry: order.buyer.country,
          place: order.seller.city,
          date: ctx.issueDate,
        }),
      };
    case 'e_invoice': {
      const zero = moneyToJson(parseMoney('0', order.currency));
      return withoutUndefined({
        invoiceTypeCode: '380',
        issueDate: ctx.issueDate,
        currency: order.currency,
        buyerReference: order.buyerReference,
        seller: party(order.seller),
        buyer: party(order.buyer),
        paymentTerms: order.paymentTerms,
        lines: order.lines.map(tradeLine),
        total: moneyToJson(order.total),
        // An export invoice from outside the EU: zero-rated "export outside the EU" (G) unless
        // the caller's overrides give the real breakdown.
        vatBreakdown: [
          {
            category: 'G',
            rate: '0',
            taxableAmount: moneyToJson(order.total),
            taxAmount: zero,
            exemptionReason: 'Export outside the EU',
          },
        ],
        note: order.note,
      });
    }
    default:
      return {};
  }
};

/** Totals that follow from the merged lines, unless the overrides set them. */
const derived = (kind: DocumentKind, subject: Json, currency: string): Json => {
  if (kind === 'packing_list' && Array.isArray(subject.lines)) {
    const lines = subject.lines;
    const packages = lines.map((line) => (isObject(line) ? line.packageCount : undefined));
    return withoutUndefined({
      totalPackages: packages.every((n) => Number.isSafeInteger(n))
        ? (packages as number[]).reduce((a, b) => a + b, 0)
        : undefined,
      totalGrossWeight: totalMeasure(lines, 'grossWeight'),
      totalNetWeight: totalMeasure(lines, 'netWeight'),
      totalMeasurement: totalMeasure(lines, 'measurement'),
    });
  }
  if (kind === 'e_invoice' && Array.isArray(subject.vatBreakdown) && isObject(subject.total)) {
    try {
      const net = parseMoney(String(subject.total.amount), currency);
      let tax = 0n;
      for (const row of subject.vatBreakdown) {
        tax += parseMoney(
          String((row as { taxAmount?: { amount?: unknown } }).taxAmount?.amount),
          currency,
        ).amountMinor;
      }
      const money = (minor: bigint) => moneyToJson({ amountMinor: minor, currency: net.currency });
      return {
        taxExclusiveAmount: money(net.amountMinor),
        taxAmount: money(tax),
        taxInclusiveAmount: money(net.amountMinor + tax),
        payableAmount: money(net.amountMinor + tax),
      };
    } catch {
      // Malformed amounts are left for the schema to name.
      return {};
    }
  }
  return {};
};

/**
 * A bill of lading or sea waybill: parties, goods, routing and freight terms from the order, the
 * carrier's facts from the overrides (generate-bill-of-lading.ts); a missing one is named as
 * `overrides.<field>` before the subject is checked against the kind's schema.
 */
const generateBillOfLading = (
  spec: DocumentKindSpec,
  order: OrderContent,
  ctx: GenerateContext,
  overrides: Json,
): DocumentInput => {
  const { subject, errors } = billOfLadingSubjectFromOrder(order, ctx.issueDate, overrides, mergeOverrides);
  if (errors.length > 0) {
    throw new AppError(
      'http.validation_failed',
      'The bill of lading needs shipment details the order does not hold.',
      {
        fieldErrors: errors,
      },
    );
  }
  const checked = validateKindSubject(spec, subject, 'subject');
  if (!checked.ok) {
    throw new AppError('http.validation_failed', 'The order does not make a valid bill_of_lading.', {
      fieldErrors: checked.errors,
    });
  }
  return { documentType: spec.documentType, documentNumber: ctx.documentNumber, subject: checked.subject };
};

/**
 * The document of `kind` for an order, as the documents module issues it: the order's parties,
 * lines, terms and totals mapped to the kind's fields, `overrides` merged over them (details the
 * order does not hold: packages and weights, origin criteria, transport), then checked against
 * the kind's schema. Throws AppError http.validation_failed naming each missing or wrong field
 * (`subject.items.0.originCriterion`), documents.kind_not_available for a kind without a schema.
 * Pure: no clock, no I/O.
 */
export const generateTradeDocument = (
  kind: DocumentKind,
  order: OrderContent,
  ctx: GenerateContext,
): DocumentInput => {
  const spec = kindSpec(kind);
  if (spec === undefined) {
    throw new AppError('documents.kind_not_available', `Documents of kind ${kind} cannot be generated yet.`, {
      fieldErrors: [{ field: 'kind', code: 'kernel.unknown_code', message: `no schema for ${kind}` }],
    });
  }
  const { lineDefaults: overrideDefaults, ...overrides } = ctx.overrides ?? {};
  if (kind === 'bill_of_lading') {
    return generateBillOfLading(spec, order, ctx, overrides);
  }
  const lineDefaults = mergeOverrides(ctx.lineDefaults ?? {}, overrideDefaults ?? {}) as Json;
  const generated = base(kind, order, ctx);
  const listKey = kind === 'certificate_of_origin' ? 'items' : 'lines';
  const list = generated[listKey];
  if (Array.isArray(list) && Object.keys(lineDefaults).length > 0) {
    generated[listKey] = list.map((item) => mergeOverrides(item, lineDefaults));
  }
  const merged = mergeOverrides(generated, overrides) as Json;
  const subject = mergeOverrides(derived(kind, merged, order.currency), merged) as Json;
  const checked = validateKindSubject(spec, subject, 'subject');
  if (!checked.ok) {
    throw new AppError('http.validation_failed', `The order does not make a valid ${kind}.`, {
      fieldErrors: checked.errors,
    });
  }
  return { documentType: spec.documentType, documentNumber: ctx.documentNumber, subject: checked.subject };
};
