import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import zhCN from '../../i18n/zh-CN.json';
import { BL_CONTAINER_KEYS, BL_FIELD_KEYS } from './bill-of-lading-fields.tsx';
import {
  type BlValues,
  billOfLadingIsComplete,
  billOfLadingOverrides,
  checkBillOfLading,
} from './bill-of-lading-overrides.ts';
import { documentOverrides } from './document-overrides.ts';

const values = (): BlValues => ({
  transportDocumentReference: ' NGBHAM2600012 ',
  transportDocumentTypeCode: 'BOL',
  isToOrder: false,
  carrierCode: 'cosu',
  carrierBookingReference: 'COSU6312345670',
  vesselName: 'COSCO Shipping Aries',
  voyageNumber: '041W',
  plannedDepartureDate: '2026-12-02',
  plannedArrivalDate: '2027-01-08',
  shippedOnBoardDate: '2026-12-02',
  portOfDischarge: 'deham',
  containers: [
    {
      containerNumber: 'csqu 305438 3',
      isoCode: '45g1',
      sealNumber: 'CN1234567',
      grossWeightKg: '08250.50',
      packageCount: '400',
      packageDescription: 'Fibreboard boxes',
    },
  ],
});

describe('bill of lading overrides', () => {
  it('turns the form into the overrides the server generator reads', () => {
    expect(billOfLadingOverrides(values())).toEqual({
      transportDocumentReference: 'NGBHAM2600012',
      transportDocumentTypeCode: 'BOL',
      isToOrder: false,
      carrierCode: 'COSU',
      carrierBookingReference: 'COSU6312345670',
      shippedOnBoardDate: '2026-12-02',
      transports: {
        plannedDepartureDate: '2026-12-02',
        plannedArrivalDate: '2027-01-08',
        portOfDischarge: { UNLocationCode: 'DEHAM' },
        vesselVoyages: [{ vesselName: 'COSCO Shipping Aries', carrierExportVoyageNumber: '041W' }],
      },
      containers: [
        {
          equipmentReference: 'CSQU3054383',
          ISOEquipmentCode: '45G1',
          seals: [{ number: 'CN1234567' }],
          // DCSA floats read back without leading or trailing zeros.
          cargoGrossWeight: { value: '8250.5', unit: 'KGM' },
          outerPackaging: { numberOfPackages: 400, description: 'Fibreboard boxes' },
        },
      ],
    });
  });

  it('finds nothing to correct in a complete section', () => {
    const errors = checkBillOfLading(values());
    expect(errors).toEqual({ fields: {}, containers: [{}], noContainers: false });
    expect(billOfLadingIsComplete(errors)).toBe(true);
  });

  it('names each missing or malformed field before anything is sent', () => {
    const errors = checkBillOfLading({ containers: [{}] });
    expect(errors.fields).toEqual({
      transportDocumentReference: 'required',
      carrierCode: 'required',
      carrierBookingReference: 'required',
      vesselName: 'required',
      voyageNumber: 'required',
      plannedDepartureDate: 'required',
      plannedArrivalDate: 'required',
      shippedOnBoardDate: 'required',
    });
    expect(errors.containers).toEqual([
      {
        containerNumber: 'required',
        sealNumber: 'required',
        grossWeightKg: 'required',
        packageCount: 'required',
        packageDescription: 'required',
      },
    ]);
    expect(billOfLadingIsComplete(checkBillOfLading({ ...values(), containers: [] }))).toBe(false);

    const bad = checkBillOfLading({
      ...values(),
      transportDocumentReference: 'X'.repeat(21),
      carrierCode: 'COSCO',
      plannedArrivalDate: '2026-11-30',
      portOfLoading: 'Ningbo',
      transportDocumentTypeCode: 'SWB',
      isToOrder: true,
      containers: [
        {
          containerNumber: 'CSQU3054384',
          isoCode: '45G',
          sealNumber: 'S'.repeat(16),
          grossWeightKg: '1.2345',
          packageCount: '0',
          packageDescription: 'Boxes',
        },
      ],
    });
    expect(bad.fields).toEqual({
      transportDocumentReference: 'too_long',
      carrierCode: 'too_long',
      plannedArrivalDate: 'arrival_before_departure',
      portOfLoading: 'invalid',
      isToOrder: 'swb_to_order',
    });
    expect(bad.containers).toEqual([
      {
        containerNumber: 'invalid',
        isoCode: 'invalid',
        sealNumber: 'too_long',
        grossWeightKg: 'invalid',
        packageCount: 'invalid',
      },
    ]);
  });

  it('lets the JSON field add to the form, member by member', () => {
    const merged = documentOverrides(
      'bill_of_lading',
      null,
      {
        termsAndConditions: 'Carrier’s standard terms',
        transports: { placeOfReceipt: { UNLocationCode: 'CNYIW' } },
      },
      values(),
    );
    expect(merged).toMatchObject({
      termsAndConditions: 'Carrier’s standard terms',
      transportDocumentReference: 'NGBHAM2600012',
      transports: {
        plannedDepartureDate: '2026-12-02',
        placeOfReceipt: { UNLocationCode: 'CNYIW' },
        portOfDischarge: { UNLocationCode: 'DEHAM' },
      },
    });
    // Other kinds ignore the section.
    expect(documentOverrides('commercial_invoice', null, {}, values())).toBeUndefined();
  });

  it('has every label and message of the section in both languages', () => {
    const problems = [
      'required',
      'invalid',
      'too_long',
      'arrival_before_departure',
      'swb_to_order',
      'noContainers',
    ];
    const keys = [
      'title',
      'hint',
      'portHint',
      'containers',
      'addContainer',
      'removeContainer',
      'types.BOL',
      'types.SWB',
      ...BL_FIELD_KEYS,
      ...BL_CONTAINER_KEYS,
      ...problems.map((p) => `errors.${p}`),
    ];
    for (const messages of [en, zhCN]) {
      for (const key of keys) {
        const value = key
          .split('.')
          .reduce<unknown>(
            (node, part) => (node as Record<string, unknown> | undefined)?.[part],
            messages.orders.issue.bl,
          );
        expect(typeof value, key).toBe('string');
      }
    }
  });
});
