import { readFileSync } from 'node:fs';
import { containerCheckDigit } from '@tradehub/kernel';
import fc from 'fast-check';
import { parse } from 'yaml';
import type { z } from 'zod';
import { type BillOfLadingSubject, billOfLadingSubject } from '../../domain/kinds/bill-of-lading.ts';

type SubjectInput = z.input<typeof billOfLadingSubject>;

/** The three official example Transport Documents of DCSA eBL 3.0.3, keyed by their example name. */
export const officialExamples = (): Record<
  'regularSTDExample' | 'reeferExample' | 'dgExample',
  Record<string, unknown>
> => {
  const file = new URL('./testdata/ebl-v3.0.3-get-transport-document-examples.yaml', import.meta.url);
  const examples = parse(readFileSync(file, 'utf8')) as Record<string, { value: Record<string, unknown> }>;
  const value = (name: string) => {
    const example = examples[name];
    if (example === undefined) {
      throw new Error(`example ${name} is missing from the test data`);
    }
    return example.value;
  };
  return {
    regularSTDExample: value('regularSTDExample'),
    reeferExample: value('reeferExample'),
    dgExample: value('dgExample'),
  };
};

/** A sea waybill Yiwu/Ningbo -> Hamburg as tradehub would issue it, with every optional block filled. */
export const sampleSeaWaybill = (): BillOfLadingSubject => billOfLadingSubject.parse(sampleSeaWaybillInput());

const sampleSeaWaybillInput = (): SubjectInput => ({
  transportDocumentReference: 'NGBHAM2600012',
  transportDocumentTypeCode: 'SWB',
  transportDocumentStatus: 'ISSUED',
  isShippedOnBoardType: true,
  freightPaymentTermCode: 'PRE',
  isElectronic: true,
  isToOrder: false,
  numberOfCopiesWithCharges: 1,
  displayedNameForPortOfLoad: ['Ningbo, China 宁波'],
  shippedOnBoardDate: '2026-03-02',
  termsAndConditions: 'Carriage subject to the carrier’s standard terms. 运输受承运人标准条款约束。',
  receiptTypeAtOrigin: 'CY',
  deliveryTypeAtDestination: 'CY',
  cargoMovementTypeAtOrigin: 'FCL',
  cargoMovementTypeAtDestination: 'FCL',
  issueDate: '2026-03-02',
  serviceContractReference: 'SC-2026-0042',
  declaredValue: { amount: '48250.5', currency: 'USD' },
  carrierCode: 'COSU',
  carrierCodeListProvider: 'NMFTA',
  carrierClauses: ["Shipper's load, stow, weight and count"],
  transports: {
    plannedDepartureDate: '2026-03-02',
    plannedArrivalDate: '2026-04-06',
    preCarriageBy: 'TRUCK',
    placeOfReceipt: { UNLocationCode: 'CNYIW', locationName: 'Yiwu' },
    portOfLoading: { UNLocationCode: 'CNNGB', locationName: 'Ningbo' },
    portOfDischarge: { UNLocationCode: 'DEHAM', locationName: 'Hamburg' },
    vesselVoyages: [
      {
        vesselName: 'COSCO Shipping Aries',
        carrierExportVoyageNumber: '041W',
        universalExportVoyageReference: '2603W',
      },
    ],
  },
  charges: [
    {
      chargeName: 'Basic ocean freight',
      amount: { amount: '2850', currency: 'USD' },
      paymentTermCode: 'PRE',
      calculationBasis: 'Per container',
      unitPrice: '1425',
      quantity: '2',
    },
  ],
  placeOfIssue: { UNLocationCode: 'CNNGB', locationName: 'Ningbo' },
  invoicePayableAt: { UNLocationCode: 'CNNGB' },
  partyContactDetails: [{ name: 'Li Wei', email: 'docs@yiwu-crafts.example.cn' }],
  documentParties: {
    shipper: {
      partyName: 'Yiwu Crafts Trading Co., Ltd.',
      address: { street: 'Chouzhou North Road', streetNumber: '1688', city: 'Yiwu', countryCode: 'CN' },
      displayedAddress: ['1688 Chouzhou North Road', 'Yiwu, Zhejiang, China'],
      identifyingCodes: [{ codeListProvider: 'ZZZ', codeListName: 'USCC', partyCode: '91330782MA2EXAMPLE' }],
      partyContactDetails: [{ name: 'Li Wei', phone: '+86 579 8555 0100' }],
    },
    consignee: {
      partyName: 'Hanse Haushaltswaren GmbH',
      address: {
        street: 'Großer Burstah',
        streetNumber: '31',
        postCode: '20457',
        city: 'Hamburg',
        countryCode: 'DE',
      },
      identifyingCodes: [{ codeListProvider: 'ZZZ', codeListName: 'EORI', partyCode: 'DE123456789012345' }],
    },
    issuingParty: {
      partyName: 'COSCO Shipping Lines Co., Ltd.',
      address: { street: 'Dongdaming Road', streetNumber: '378', city: 'Shanghai', countryCode: 'CN' },
    },
    notifyParties: [
      {
        partyName: 'Hanse Haushaltswaren GmbH',
        partyContactDetails: [{ name: 'Anna Schmidt', email: 'import@hanse.example.de' }],
      },
    ],
  },
  consignmentItems: [
    {
      carrierBookingReference: 'COSU6312345670',
      descriptionOfGoods: ['Ceramic tableware, porcelain', '陶瓷餐具'],
      HSCodes: ['691110'],
      shippingMarks: ['HANSE HAMBURG', 'C/NO. 1-640'],
      cargoItems: [
        {
          equipmentReference: 'CSQU3054383',
          cargoGrossWeight: { value: '18250.5', unit: 'KGM' },
          cargoGrossVolume: { value: '58.2', unit: 'MTQ' },
          outerPackaging: {
            packageCode: '4G',
            numberOfPackages: 640,
            description: 'Fibreboard boxes',
            woodDeclaration: 'NOT_APPLICABLE',
          },
        },
      ],
      references: [{ type: 'CPO', values: ['PO-HH-2026-77'] }],
    },
  ],
  utilizedTransportEquipments: [
    {
      equipment: {
        equipmentReference: 'CSQU3054383',
        ISOEquipmentCode: '45G1',
        tareWeight: { value: '3900', unit: 'KGM' },
      },
      isShipperOwned: false,
      seals: [{ number: 'CN1234567', source: 'CAR' }],
    },
  ],
  references: [{ type: 'CR', value: 'ORD-2026-0042' }],
});

// --- arbitraries for property tests ------------------------------------------------------------

const chars = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -/.,&()义乌宁波汉堡ßü'];
/** DCSA "trimmed" text: 1..max characters, no leading or trailing space. */
const trimmedText = (max: number) =>
  fc
    .string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const upper = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: length, maxLength: length });
const countries = fc.constantFrom('CN', 'DE', 'NL', 'DK', 'SG', 'US', 'CH');
const unlocode = fc
  .tuple(
    countries,
    fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ23456789'), minLength: 3, maxLength: 3 }),
  )
  .map(([c, l]) => c + l);
const container = fc.tuple(upper(3), fc.integer({ min: 0, max: 999999 })).map(([owner, serial]) => {
  const first10 = `${owner}U${String(serial).padStart(6, '0')}`;
  return first10 + containerCheckDigit(first10);
});
const isoDate = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

/** `minor / 10^decimals` written canonically (no trailing zeros), as the subject wants it. */
const decimalOf = (minor: number, decimals: number): string => {
  const digits = String(minor).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
};
const floatDecimal = (positive: boolean) =>
  fc
    .integer({ min: positive ? 1 : 0, max: 999_999_999_999_999 })
    .chain((minor) =>
      fc.constantFrom(0, 1, 2, 3).map((decimals) => decimalOf(minor % 10 ** (12 + decimals), decimals)),
    )
    .filter((v) => !positive || v !== '0');
const money = fc
  .tuple(
    fc.constantFrom(['USD', 2], ['EUR', 2], ['CNY', 2], ['JPY', 0], ['KWD', 3]),
    fc.integer({ min: 0, max: 99_999_999_999 }),
  )
  .map(([[currency, decimals], minor]) => ({
    amount: decimalOf(minor, decimals as number),
    currency: currency as string,
  }));
const measure = (units: readonly string[]) =>
  fc.record({ value: floatDecimal(true), unit: fc.constantFrom(...units) });
const contact = fc.record(
  {
    name: trimmedText(35),
    phone: fc.constant('+86 571 8888 0000'),
    email: fc.constant('ops@tradehub.example'),
  },
  { requiredKeys: ['name', 'email'] },
);
const address = fc.record(
  {
    street: trimmedText(70),
    streetNumber: trimmedText(50),
    postCode: trimmedText(10),
    city: trimmedText(35),
    countryCode: countries,
  },
  { requiredKeys: ['street', 'city', 'countryCode'] },
);
const identifyingCode = fc.record({
  codeListProvider: fc.constantFrom('GLEIF', 'DCSA', 'ZZZ'),
  partyCode: trimmedText(40),
});
const lines = (max: number) => fc.array(trimmedText(35), { minLength: 1, maxLength: max });
const party = (withCodes: boolean) =>
  fc.record(
    {
      partyName: trimmedText(70),
      address,
      displayedAddress: lines(6),
      identifyingCodes: fc.array(identifyingCode, { minLength: withCodes ? 1 : 0, maxLength: 2 }),
      partyContactDetails: fc.array(contact, { maxLength: 2 }),
    },
    { requiredKeys: withCodes ? ['partyName', 'identifyingCodes'] : ['partyName'] },
  );

/** Random subjects that satisfy the bill of lading subject schema, built valid by construction. */
export const billOfLadingSubjectArbitrary: fc.Arbitrary<BillOfLadingSubject> = fc
  .record({
    reference: trimmedText(20),
    type: fc.constantFrom('BOL' as const, 'SWB' as const),
    toOrder: fc.boolean(),
    electronic: fc.boolean(),
    dates: fc.tuple(isoDate, isoDate).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
    onBoard: fc.option(isoDate, { nil: undefined }),
    terms: trimmedText(500),
    carrier: fc.tuple(upper(4), fc.constantFrom('SMDG' as const, 'NMFTA' as const)),
    ports: fc.tuple(unlocode, unlocode, fc.option(unlocode, { nil: undefined })),
    vessel: fc.record({ vesselName: trimmedText(50), carrierExportVoyageNumber: trimmedText(10) }),
    charges: fc.option(
      fc.array(
        fc.record({
          chargeName: trimmedText(50),
          amount: money,
          paymentTermCode: fc.constantFrom('PRE' as const, 'COL' as const),
          calculationBasis: trimmedText(50),
          unitPrice: floatDecimal(false),
          quantity: floatDecimal(false),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      { nil: undefined },
    ),
    declaredValue: fc.option(money, { nil: undefined }),
    payableAt: fc.oneof(
      unlocode.map((UNLocationCode) => ({ UNLocationCode })),
      trimmedText(35).map((freeText) => ({ freeText })),
    ),
    contacts: fc.array(contact, { minLength: 1, maxLength: 2 }),
    shipper: party(false),
    consignee: party(true),
    issuer: fc.tuple(trimmedText(70), address),
    notify: fc.option(fc.array(party(false), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    containers: fc.uniqueArray(container, { minLength: 1, maxLength: 3 }),
    goods: fc.array(
      fc.record({
        booking: trimmedText(35),
        description: lines(3),
        hs: fc.array(fc.stringMatching(/^\d{6,10}$/), { minLength: 1, maxLength: 2 }),
        weight: measure(['KGM', 'LBR']),
        volume: fc.option(measure(['MTQ', 'FTQ']), { nil: undefined }),
        packages: fc.integer({ min: 1, max: 99999999 }),
        pick: fc.nat(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    seal: trimmedText(15),
  })
  .map((r): BillOfLadingSubject => {
    const isToOrder = r.type === 'BOL' && r.toOrder;
    const subject: SubjectInput = {
      transportDocumentReference: r.reference,
      transportDocumentTypeCode: r.type,
      isShippedOnBoardType: r.onBoard !== undefined,
      isElectronic: r.electronic,
      isToOrder,
      termsAndConditions: r.terms,
      receiptTypeAtOrigin: 'CY',
      deliveryTypeAtDestination: 'SD',
      cargoMovementTypeAtOrigin: 'FCL',
      cargoMovementTypeAtDestination: 'LCL',
      carrierCode: r.carrier[0],
      carrierCodeListProvider: r.carrier[1],
      transports: {
        plannedDepartureDate: r.dates[0] as string,
        plannedArrivalDate: r.dates[1] as string,
        portOfLoading: { UNLocationCode: r.ports[0] },
        portOfDischarge: { UNLocationCode: r.ports[1] },
        ...(r.ports[2] === undefined ? {} : { placeOfDelivery: { UNLocationCode: r.ports[2] } }),
        vesselVoyages: [r.vessel],
      },
      invoicePayableAt: r.payableAt,
      partyContactDetails: r.contacts,
      documentParties: {
        shipper: r.shipper,
        ...(isToOrder ? {} : { consignee: r.consignee }),
        issuingParty: { partyName: r.issuer[0], address: r.issuer[1] },
        ...(r.notify === undefined ? {} : { notifyParties: r.notify }),
      },
      consignmentItems: r.goods.map((g) => ({
        carrierBookingReference: g.booking,
        descriptionOfGoods: g.description,
        HSCodes: g.hs,
        cargoItems: [
          {
            equipmentReference: r.containers[g.pick % r.containers.length] as string,
            cargoGrossWeight: g.weight,
            ...(g.volume === undefined ? {} : { cargoGrossVolume: g.volume }),
            outerPackaging: { numberOfPackages: g.packages, description: 'Cartons' },
          },
        ],
      })),
      utilizedTransportEquipments: r.containers.map((equipmentReference) => ({
        equipment: { equipmentReference },
        isShipperOwned: false,
        seals: [{ number: r.seal }],
      })),
    };
    if (r.onBoard !== undefined) {
      subject.shippedOnBoardDate = r.onBoard;
    }
    if (r.charges !== undefined) {
      subject.charges = r.charges;
    }
    if (r.declaredValue !== undefined) {
      subject.declaredValue = r.declaredValue;
    }
    if (r.type === 'BOL') {
      subject.numberOfOriginalsWithCharges = 1;
    }
    return billOfLadingSubject.parse(subject);
  });
