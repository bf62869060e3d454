import { AppError, containerCheckDigit, type FieldError, parseMoney } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import { toDcsaTransportDocument, validateDcsaTransportDocument } from '../../documents/index.ts';
import { freightPaymentTermOf, wrapLines } from './generate-bill-of-lading.ts';
import { generateTradeDocument } from './generate-documents.ts';
import type { Incoterms2020Rule, OrderContent } from './order-content.ts';

const usd = (amount: string) => parseMoney(amount, 'USD');

const order = (rule: Incoterms2020Rule = 'FOB', unlocode = 'CNNGB', name = 'Ningbo'): OrderContent => ({
  buyerReference: 'PO-HH-2026-017',
  issueDate: '2026-11-20',
  currency: 'USD',
  seller: {
    name: 'Yiwu Small Commodities Import & Export Co., Ltd.',
    country: 'CN',
    companyId: '91330782MA2D7YW013',
    email: 'docs@yiwu.example.cn',
    addressLines: ['福田路 88 号'],
    city: 'Yiwu',
    postalCode: '322000',
  },
  buyer: {
    name: 'Hamburg Spielwaren Import GmbH',
    country: 'DE',
    city: 'Hamburg',
    addressLines: ['Großer Burstah 31'],
    postalCode: '20457',
    companyId: 'DE4471182930',
  },
  incoterms: { rule, namedPlace: { unlocode, name } },
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
      descriptionEn: 'Plush toy bear, 30 cm, with embroidered eyes and a ribbon',
      hsCode: '950300',
      quantity: '800',
      unitCode: 'H87',
      unitPrice: usd('2.10'),
      lineTotal: usd('1680.00'),
    },
  ],
  total: usd('6900.00'),
});

const ctx = { documentNumber: 'BL-1', issueDate: '2026-12-02' };
const SECOND_CONTAINER = `TGHU876543${containerCheckDigit('TGHU876543')}`;

/** What the carrier tells the shipper, and nothing the order already says. */
const shipment = (): Record<string, unknown> => ({
  transportDocumentReference: 'NGBHAM2600012',
  carrierCode: 'COSU',
  carrierBookingReference: 'COSU6312345670',
  termsAndConditions: 'Carriage subject to the carrier’s standard terms. 运输受承运人标准条款约束。',
  shippedOnBoardDate: '2026-12-02',
  transports: {
    plannedDepartureDate: '2026-12-02',
    plannedArrivalDate: '2027-01-08',
    portOfDischarge: { UNLocationCode: 'DEHAM', locationName: 'Hamburg' },
    vesselVoyages: [{ vesselName: 'COSCO Shipping Aries', carrierExportVoyageNumber: '041W' }],
  },
  documentParties: {
    issuingParty: {
      partyName: 'COSCO Shipping Lines Co., Ltd.',
      address: { street: 'Dongdaming Road', streetNumber: '378', city: 'Shanghai', countryCode: 'CN' },
    },
  },
  containers: [
    {
      equipmentReference: 'CSQU3054383',
      ISOEquipmentCode: '45G1',
      seals: [{ number: 'CN1234567', source: 'CAR' }],
      cargoGrossWeight: { value: '8250.5', unit: 'KGM' },
      outerPackaging: { numberOfPackages: 400, packageCode: '4G', description: 'Fibreboard boxes' },
    },
    {
      equipmentReference: SECOND_CONTAINER,
      seals: [{ number: 'CN1234568' }],
      cargoGrossWeight: { value: '3100', unit: 'KGM' },
      outerPackaging: { numberOfPackages: 240, description: 'Fibreboard boxes' },
    },
  ],
});

/** `value` without the member at a dotted path. */
const without = (value: Record<string, unknown>, path: string): Record<string, unknown> => {
  const copy = structuredClone(value);
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node: unknown = copy;
  for (const key of keys) {
    node = (node as Record<string, unknown>)[key];
  }
  delete (node as Record<string, unknown>)[last];
  return copy;
};

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

type Subject = Parameters<typeof toDcsaTransportDocument>[0];

describe('generateTradeDocument bill_of_lading', () => {
  it('maps the order and the carrier’s facts to a subject that exports as valid DCSA eBL 3.0 JSON', () => {
    const doc = generateTradeDocument('bill_of_lading', order(), { ...ctx, overrides: shipment() });
    expect(doc.documentType).toBe('BillOfLading');
    expect(doc.documentNumber).toBe('BL-1');
    const s = doc.subject as Subject;
    expect(s).toMatchObject({
      transportDocumentReference: 'NGBHAM2600012',
      transportDocumentTypeCode: 'BOL',
      isToOrder: false,
      isElectronic: true,
      isShippedOnBoardType: true,
      numberOfOriginalsWithCharges: 1,
      freightPaymentTermCode: 'COL',
      issueDate: '2026-12-02',
      carrierCode: 'COSU',
      carrierCodeListProvider: 'NMFTA',
      invoicePayableAt: { UNLocationCode: 'DEHAM' },
      partyContactDetails: [{ name: 'Yiwu Small Commodities Import & Exp', email: 'docs@yiwu.example.cn' }],
      transports: {
        portOfLoading: { UNLocationCode: 'CNNGB', locationName: 'Ningbo' },
        portOfDischarge: { UNLocationCode: 'DEHAM', locationName: 'Hamburg' },
      },
    });
    expect(s.documentParties.shipper).toMatchObject({
      partyName: 'Yiwu Small Commodities Import & Export Co., Ltd.',
      address: { street: '福田路 88 号', postCode: '322000', city: 'Yiwu', countryCode: 'CN' },
      displayedAddress: ['福田路 88 号', '322000 Yiwu, CN'],
      purchaseOrderReferences: ['PO-HH-2026-017'],
    });
    expect(s.documentParties.consignee).toMatchObject({
      partyName: 'Hamburg Spielwaren Import GmbH',
      identifyingCodes: [{ codeListProvider: 'ZZZ', partyCode: 'DE4471182930' }],
    });
    expect(s.documentParties.notifyParties?.[0]?.partyName).toBe('Hamburg Spielwaren Import GmbH');
    expect(s.declaredValue).toBeUndefined();
    const [item] = s.consignmentItems;
    expect(item).toMatchObject({
      carrierBookingReference: 'COSU6312345670',
      descriptionOfGoods: [
        'Wooden building blocks, 100 pcs set',
        '木制积木（100 块装）',
        'Plush toy bear, 30 cm, with',
        'embroidered eyes and a ribbon',
      ],
      HSCodes: ['9503007000', '950300'],
      shippingMarks: ['Hamburg Spielwaren Import GmbH', 'PO PO-HH-2026-017'],
      references: [{ type: 'CPO', values: ['PO-HH-2026-017'] }],
    });
    expect(item?.cargoItems.map((c) => [c.equipmentReference, c.cargoGrossWeight.value])).toEqual([
      ['CSQU3054383', '8250.5'],
      [SECOND_CONTAINER, '3100'],
    ]);
    expect(s.utilizedTransportEquipments).toEqual([
      {
        equipment: { equipmentReference: 'CSQU3054383', ISOEquipmentCode: '45G1' },
        isShipperOwned: false,
        seals: [{ number: 'CN1234567', source: 'CAR' }],
      },
      {
        equipment: { equipmentReference: SECOND_CONTAINER },
        isShipperOwned: false,
        seals: [{ number: 'CN1234568' }],
      },
    ]);

    const dcsa = toDcsaTransportDocument(s);
    expect(validateDcsaTransportDocument(dcsa)).toEqual({ valid: true });
    expect(dcsa).toMatchObject({
      transportDocumentStatus: 'ISSUED',
      freightPaymentTermCode: 'COL',
      consignmentItems: [{ cargoItems: [{ cargoGrossWeight: { value: 8250.5, unit: 'KGM' } }, {}] }],
    });
  });

  it('charges the freight to the seller under a C rule: CIF Hamburg is prepaid at the port of loading', () => {
    const overrides = shipment();
    const transports = overrides.transports as Record<string, unknown>;
    delete transports.portOfDischarge;
    transports.portOfLoading = { UNLocationCode: 'CNNGB' };
    const doc = generateTradeDocument('bill_of_lading', order('CIF', 'DEHAM', 'Hamburg'), {
      ...ctx,
      overrides: { ...overrides, declareValue: true },
    });
    expect(doc.subject).toMatchObject({
      freightPaymentTermCode: 'PRE',
      invoicePayableAt: { UNLocationCode: 'CNNGB' },
      transports: { portOfDischarge: { UNLocationCode: 'DEHAM', locationName: 'Hamburg' } },
      // DCSA sends the value as a float: no trailing zeros.
      declaredValue: { amount: '6900', currency: 'USD' },
    });
    const dcsa = toDcsaTransportDocument(doc.subject as Subject);
    expect(validateDcsaTransportDocument(dcsa)).toEqual({ valid: true });
    expect(dcsa).toMatchObject({ declaredValue: 6900, declaredValueCurrency: 'USD' });
  });

  it('follows the Incoterms rule for who pays the freight', () => {
    expect(['EXW', 'FCA', 'FAS', 'FOB'].map((r) => freightPaymentTermOf(r as Incoterms2020Rule))).toEqual([
      'COL',
      'COL',
      'COL',
      'COL',
    ]);
    expect(
      ['CPT', 'CIP', 'CFR', 'CIF', 'DAP', 'DPU', 'DDP'].map((r) =>
        freightPaymentTermOf(r as Incoterms2020Rule),
      ),
    ).toEqual(['PRE', 'PRE', 'PRE', 'PRE', 'PRE', 'PRE', 'PRE']);
  });

  it.each([
    ['transportDocumentReference', 'transportDocumentReference'],
    ['carrierCode', 'carrierCode'],
    ['carrierBookingReference', 'carrierBookingReference'],
    ['termsAndConditions', 'termsAndConditions'],
    ['shippedOnBoardDate', 'shippedOnBoardDate'],
    ['transports.vesselVoyages', 'transports.vesselVoyages'],
    ['transports.plannedDepartureDate', 'transports.plannedDepartureDate'],
    ['transports.plannedArrivalDate', 'transports.plannedArrivalDate'],
    ['transports.portOfDischarge', 'transports.portOfDischarge'],
    ['documentParties.issuingParty', 'documentParties.issuingParty'],
    ['containers', 'containers'],
    ['containers.0.seals', 'containers.0.seals'],
    ['containers.1.cargoGrossWeight', 'containers.1.cargoGrossWeight'],
    ['containers.0.outerPackaging', 'containers.0.outerPackaging'],
  ])('names overrides.%s when it is missing', (removed, field) => {
    const errors = fieldErrorsOf(() =>
      generateTradeDocument('bill_of_lading', order(), { ...ctx, overrides: without(shipment(), removed) }),
    );
    expect(errors).toEqual([
      expect.objectContaining({ field: `overrides.${field}`, code: 'kernel.required' }),
    ]);
  });

  it('asks for what only some orders lack: a contact, the consignee’s identifier, paper originals', () => {
    const noEmail = order();
    delete noEmail.seller.email;
    delete noEmail.buyer.companyId;
    const errors = fieldErrorsOf(() =>
      generateTradeDocument('bill_of_lading', noEmail, {
        ...ctx,
        overrides: { ...shipment(), isElectronic: false },
      }),
    );
    expect(errors.map((e) => e.field)).toEqual([
      'overrides.partyContactDetails',
      'overrides.documentParties.consignee.identifyingCodes',
      'overrides.numberOfOriginalsWithCharges',
    ]);
    // To order, the buyer is only the notify party and needs no identifier.
    const toOrder = generateTradeDocument('bill_of_lading', noEmail, {
      ...ctx,
      overrides: {
        ...shipment(),
        isToOrder: true,
        isElectronic: false,
        numberOfOriginalsWithCharges: 3,
        partyContactDetails: [{ name: 'Li Wei', phone: '+86 579 8555 0100' }],
      },
    });
    const parties = (toOrder.subject as Subject).documentParties;
    expect(parties.consignee).toBeUndefined();
    expect(parties.notifyParties?.[0]?.partyName).toBe('Hamburg Spielwaren Import GmbH');
    expect(validateDcsaTransportDocument(toDcsaTransportDocument(toOrder.subject as Subject))).toEqual({
      valid: true,
    });
  });

  it('makes a sea waybill without originals, and refuses one to order', () => {
    const swb = generateTradeDocument('bill_of_lading', order(), {
      ...ctx,
      overrides: { ...shipment(), transportDocumentTypeCode: 'SWB' },
    });
    expect(swb.subject).toMatchObject({ transportDocumentTypeCode: 'SWB', isToOrder: false });
    expect(swb.subject.numberOfOriginalsWithCharges).toBeUndefined();
    const errors = fieldErrorsOf(() =>
      generateTradeDocument('bill_of_lading', order(), {
        ...ctx,
        overrides: { ...shipment(), transportDocumentTypeCode: 'SWB', isToOrder: true },
      }),
    );
    expect(errors.map((e) => e.field)).toContain('subject.isToOrder');
  });

  it('holds the carrier’s facts to the kind’s rules: check digits, exact decimals, listed containers', () => {
    const overrides = shipment();
    const [first] = overrides.containers as Record<string, unknown>[];
    if (first !== undefined) {
      first.cargoGrossWeight = { value: '8250.50', unit: 'KGM' };
      first.equipmentReference = 'CSQU3054384';
    }
    const errors = fieldErrorsOf(() =>
      generateTradeDocument('bill_of_lading', order(), { ...ctx, overrides }),
    );
    expect(errors.map((e) => e.field)).toEqual(
      expect.arrayContaining([
        'subject.consignmentItems.0.cargoItems.0.cargoGrossWeight.value',
        'subject.consignmentItems.0.cargoItems.0.equipmentReference',
        'subject.utilizedTransportEquipments.0.equipment.equipmentReference',
      ]),
    );
    // The kind's cross-field rules run once every field is well-formed.
    const unlisted = fieldErrorsOf(() =>
      generateTradeDocument('bill_of_lading', order(), {
        ...ctx,
        overrides: {
          ...shipment(),
          consignmentItems: [
            { cargoItems: [{}, { equipmentReference: `MSCU123456${containerCheckDigit('MSCU123456')}` }] },
          ],
        },
      }),
    );
    expect(unlisted.map((e) => e.field)).toEqual([
      'subject.consignmentItems.0.cargoItems.1.equipmentReference',
    ]);
  });
});

describe('wrapLines', () => {
  it('cuts text into lines of at most 35 characters, at spaces where there are any', () => {
    expect(wrapLines('Wooden building blocks, 100 pcs set')).toEqual(['Wooden building blocks, 100 pcs set']);
    const zh = '木'.repeat(40);
    expect(wrapLines(zh)).toEqual(['木'.repeat(35), '木'.repeat(5)]);
    expect(wrapLines(`a ${'b'.repeat(70)} c`)).toEqual(['a', 'b'.repeat(35), 'b'.repeat(35), 'c']);
  });
});
