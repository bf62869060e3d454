import { AppError, type FieldError, parseMoney } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import { generateTradeDocument, mergeOverrides } from './generate-documents.ts';
import type { OrderContent } from './order-content.ts';

const usd = (amount: string) => parseMoney(amount, 'USD');

const order = (buyerCountry = 'DE'): OrderContent => ({
  buyerReference: 'PO-HH-2026-017',
  issueDate: '2026-11-20',
  currency: 'USD',
  seller: {
    name: 'Yiwu Small Commodities Import & Export Co., Ltd.',
    country: 'CN',
    companyId: '91330782MA2D7YW013',
    addressLines: ['福田路 88 号'],
    city: 'Yiwu',
    postalCode: '322000',
  },
  buyer:
    buyerCountry === 'JP'
      ? { name: 'Osaka Zakka Trading K.K.', country: 'JP', city: 'Osaka' }
      : { name: 'Hamburg Spielwaren Import GmbH', country: 'DE', city: 'Hamburg', companyId: 'DE4471182930' },
  incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB', name: 'Ningbo' } },
  requestedDeliveryDate: '2027-01-15',
  paymentTerms: '30% T/T in advance, 70% against copy of B/L',
  lines: [
    {
      lineNumber: 1,
      descriptionEn: 'Wooden building blocks, 100 pcs set',
      descriptionZh: '木制积木（100 块装）',
      hsCode: '9503007000',
      quantity: '1200',
      unitCode: 'SET',
      unitPrice: usd('4.35'),
      lineTotal: usd('5220.00'),
    },
    {
      lineNumber: 2,
      descriptionEn: 'Plush toy bear, 30 cm',
      hsCode: '950300',
      quantity: '800.5',
      unitCode: 'PCE',
      unitPrice: usd('2.10'),
      lineTotal: usd('1681.05'),
    },
  ],
  total: usd('6901.05'),
});

const ctx = { documentNumber: 'DOC-1', issueDate: '2026-11-27' };

const fieldErrorsOf = (work: () => unknown): FieldError[] => {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) {
      expect(error.code).toBe('http.validation_failed');
      return error.fieldErrors ?? [];
    }
    throw error;
  }
  throw new Error('expected a validation failure');
};

const packing = {
  lines: [
    {
      packageCount: 100,
      packageType: 'CT',
      marks: 'HH/1-100',
      grossWeight: { value: '850.5', unitCode: 'KGM' },
      netWeight: { value: '800', unitCode: 'KGM' },
      measurement: { value: '6.25', unitCode: 'MTQ' },
    },
    {
      packageCount: 40,
      packageType: 'CT',
      grossWeight: { value: '210.25', unitCode: 'KGM' },
      netWeight: { value: '190.1', unitCode: 'KGM' },
      measurement: { value: '3.5', unitCode: 'MTQ' },
    },
  ],
};

describe('generateTradeDocument', () => {
  it('makes a sales contract with the order lines, terms, delivery date and total', () => {
    const doc = generateTradeDocument('sales_contract', order(), ctx);
    expect(doc.documentType).toBe('SalesContract');
    expect(doc.documentNumber).toBe('DOC-1');
    expect(doc.subject).toMatchObject({
      issueDate: '2026-11-27',
      orderRef: 'PO-HH-2026-017',
      currency: 'USD',
      incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB', name: 'Ningbo' }, version: '2020' },
      deliveryDate: '2027-01-15',
      total: { amount: '6901.05', currency: 'USD' },
    });
    expect((doc.subject.lines as unknown[])[0]).toEqual({
      lineNumber: 1,
      description: 'Wooden building blocks, 100 pcs set',
      descriptionZh: '木制积木（100 块装）',
      hsCode: '9503007000',
      quantity: { value: '1200', unitCode: 'SET' },
      unitPrice: { amount: '4.35', currency: 'USD' },
      lineTotal: { amount: '5220.00', currency: 'USD' },
    });
    // Every number in a credential subject must be whole: money never travels as a JSON number.
    expect(JSON.stringify(doc.subject)).not.toMatch(/:\d+\.\d/);
  });

  it('makes a proforma invoice and merges overrides into it', () => {
    const doc = generateTradeDocument('proforma_invoice', order(), {
      ...ctx,
      overrides: { offerValidUntil: '2026-12-31', bankDetails: 'Bank of China Yiwu, SWIFT BKCHCNBJ92A' },
    });
    expect(doc.documentType).toBe('ProformaInvoice');
    expect(doc.subject).toMatchObject({ offerValidUntil: '2026-12-31', paymentTerms: order().paymentTerms });
  });

  it('makes a commercial invoice, and names the line whose currency differs and a total that does not add up', () => {
    const doc = generateTradeDocument('commercial_invoice', order(), {
      ...ctx,
      overrides: { portOfLoading: 'CNNGB', countryOfOrigin: 'CN' },
    });
    expect(doc.documentType).toBe('CommercialInvoice');
    expect(doc.subject).toMatchObject({
      portOfLoading: 'CNNGB',
      seller: { name: order().seller.name, country: 'CN' },
    });
    const errors = fieldErrorsOf(() =>
      generateTradeDocument('commercial_invoice', order(), {
        ...ctx,
        overrides: { lines: [{}, { unitPrice: { currency: 'EUR' } }], total: { amount: '6901.06' } },
      }),
    );
    expect(errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['subject.lines.1.unitPrice.currency', 'subject.total.amount']),
    );
  });

  it('asks for the packing details an order lacks, and sums packages and weights exactly', () => {
    const missing = fieldErrorsOf(() => generateTradeDocument('packing_list', order(), ctx));
    expect(missing.map((e) => e.field)).toEqual(
      expect.arrayContaining([
        'subject.lines.0.packageCount',
        'subject.lines.0.grossWeight',
        'subject.totalPackages',
      ]),
    );
    const doc = generateTradeDocument('packing_list', order(), {
      ...ctx,
      overrides: { ...packing, shippingMarks: 'HAMBURG' },
    });
    expect(doc.documentType).toBe('PackingList');
    expect(doc.subject).toMatchObject({
      totalPackages: 140,
      totalGrossWeight: { value: '1060.75', unitCode: 'KGM' },
      totalNetWeight: { value: '990.1', unitCode: 'KGM' },
      totalMeasurement: { value: '9.75', unitCode: 'MTQ' },
      shippingMarks: 'HAMBURG',
    });
    const heavyNet = fieldErrorsOf(() =>
      generateTradeDocument('packing_list', order(), {
        ...ctx,
        overrides: {
          ...packing,
          lines: [{ ...packing.lines[0], netWeight: { value: '900', unitCode: 'KGM' } }, packing.lines[1]],
        },
      }),
    );
    expect(heavyNet.map((e) => e.field)).toContain('subject.lines.0.netWeight');
  });

  it('makes a Form RCEP certificate of origin for an RCEP destination, with 6-digit HS codes', () => {
    const refused = fieldErrorsOf(() =>
      generateTradeDocument('certificate_of_origin', order('DE'), {
        ...ctx,
        lineDefaults: { originCriterion: 'WO', invoiceNumber: 'CI-1', invoiceDate: '2026-11-27' },
        overrides: { declaration: { signatory: 'Wang Fang' } },
      }),
    );
    expect(refused.map((e) => e.field)).toContain('subject.declaration.importingCountry');
    const withoutCriterion = fieldErrorsOf(() =>
      generateTradeDocument('certificate_of_origin', order('JP'), ctx),
    );
    expect(withoutCriterion.map((e) => e.field)).toEqual(
      expect.arrayContaining([
        'subject.items.0.originCriterion',
        'subject.items.1.invoiceNumber',
        'subject.declaration.signatory',
      ]),
    );
    const doc = generateTradeDocument('certificate_of_origin', order('JP'), {
      ...ctx,
      overrides: {
        lineDefaults: { originCriterion: 'CTC', invoiceNumber: 'CI-1', invoiceDate: '2026-11-27' },
        items: [{ originCriterion: 'RVC', fobValue: { amount: '5220.00', currency: 'USD' } }],
        declaration: { signatory: 'Wang Fang' },
        transport: { vesselOrFlight: 'COSCO TAURUS 045E', portOfLoading: 'Ningbo', portOfDischarge: 'Osaka' },
      },
    });
    expect(doc.documentType).toBe('CertificateOfOrigin');
    expect(doc.subject).toMatchObject({
      exporter: { country: 'CN' },
      importer: { country: 'JP' },
      declaration: { importingCountry: 'JP', place: 'Yiwu', date: '2026-11-27', signatory: 'Wang Fang' },
      backToBack: false,
      thirdPartyInvoicing: false,
      issuedRetroactively: false,
    });
    const items = doc.subject.items as { hsCode: string; originCriterion: string; countryOfOrigin: string }[];
    expect(items.map((i) => [i.hsCode, i.originCriterion, i.countryOfOrigin])).toEqual([
      ['950300', 'RVC', 'CN'],
      ['950300', 'CTC', 'CN'],
    ]);
    const rvcWithoutFob = fieldErrorsOf(() =>
      generateTradeDocument('certificate_of_origin', order('JP'), {
        ...ctx,
        lineDefaults: { originCriterion: 'RVC', invoiceNumber: 'CI-1', invoiceDate: '2026-11-27' },
        overrides: { declaration: { signatory: 'Wang Fang' } },
      }),
    );
    expect(rvcWithoutFob.map((e) => e.field)).toContain('subject.items.0.fobValue');
  });

  it('makes an EN 16931 e-invoice, zero-rated for export by default, with totals from the VAT breakdown', () => {
    const doc = generateTradeDocument('e_invoice', order(), ctx);
    expect(doc.documentType).toBe('EInvoice');
    expect(doc.subject).toMatchObject({
      invoiceTypeCode: '380',
      buyerReference: 'PO-HH-2026-017',
      vatBreakdown: [{ category: 'G', rate: '0', taxAmount: { amount: '0.00', currency: 'USD' } }],
      taxExclusiveAmount: { amount: '6901.05', currency: 'USD' },
      taxAmount: { amount: '0.00', currency: 'USD' },
      payableAmount: { amount: '6901.05', currency: 'USD' },
    });
    const taxed = generateTradeDocument('e_invoice', order(), {
      ...ctx,
      overrides: {
        vatBreakdown: [
          {
            category: 'S',
            rate: '19',
            taxableAmount: { amount: '6901.05', currency: 'USD' },
            taxAmount: { amount: '1311.20', currency: 'USD' },
            exemptionReason: undefined,
          },
        ],
      },
    });
    expect(taxed.subject).toMatchObject({
      taxAmount: { amount: '1311.20', currency: 'USD' },
      taxInclusiveAmount: { amount: '8212.25', currency: 'USD' },
      payableAmount: { amount: '8212.25', currency: 'USD' },
    });
  });

  it('names an unknown override field instead of dropping it', () => {
    const errors = fieldErrorsOf(() =>
      generateTradeDocument('commercial_invoice', order(), { ...ctx, overrides: { discountPercent: '5' } }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ field: 'subject.discountPercent', code: 'documents.unknown_field' }),
    );
  });
});

describe('mergeOverrides', () => {
  it('merges objects by member and arrays by index, and replaces scalars', () => {
    expect(
      mergeOverrides(
        { a: 1, list: [{ x: 1 }, { x: 2 }], nested: { keep: true, change: 'old' } },
        {
          list: [{ y: 1 }],
          nested: { change: 'new' },
          b: 'added',
        },
      ),
    ).toEqual({ a: 1, list: [{ x: 1, y: 1 }, { x: 2 }], nested: { keep: true, change: 'new' }, b: 'added' });
  });
});
