import { describe, expect, it } from 'vitest';
import { sampleSeaWaybill } from '../../formats/dcsa/test-support.ts';
import { billOfLadingKind, billOfLadingSubject } from './bill-of-lading.ts';

const issuesOf = (input: unknown) => {
  const result = billOfLadingSubject.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

/** Every path the kind prints, as `section path` or `table path + column path` with a row index. */
const printedPaths = (): string[] =>
  billOfLadingKind.sections.flatMap((section) =>
    'fields' in section
      ? section.fields.map((field) => field.path)
      : section.table.columns.map((column) => `${section.table.path}.0.${column.path}`),
  );

const valueAt = (root: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined,
      root,
    );

describe('billOfLadingKind', () => {
  it('is the bill_of_lading kind issued as a BillOfLading credential', () => {
    expect(billOfLadingKind.kind).toBe('bill_of_lading');
    expect(billOfLadingKind.documentType).toBe('BillOfLading');
  });

  it('labels its title, sections, fields and columns in both zh and en', () => {
    const labels = [
      billOfLadingKind.title,
      ...billOfLadingKind.sections.flatMap((section) => [
        section.title,
        ...('fields' in section ? section.fields : section.table.columns).map((field) => field.label),
      ]),
    ];
    for (const label of labels) {
      expect(label.en.trim()).not.toBe('');
      expect(label.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('prints only paths that exist in a full subject (no typos in the print layout)', () => {
    const subject = sampleSeaWaybill();
    const withEverything = {
      ...subject,
      receivedForShipmentDate: '2026-03-01',
      displayedShippedOnBoardReceivedForShipment: 'Shipped on board',
      numberOfOriginalsWithCharges: 0,
      numberOfOriginalsWithoutCharges: 0,
      numberOfCopiesWithoutCharges: 1,
      contractQuotationReference: 'Q-1',
      shippingInstructionsReference: 'SI-1',
      numberOfRiderPages: 0,
      displayedNameForPlaceOfReceipt: ['Yiwu'],
      displayedNameForPortOfDischarge: ['Hamburg'],
      displayedNameForPlaceOfDelivery: ['Hamburg'],
      transports: {
        ...subject.transports,
        onCarriageBy: 'TRUCK',
        placeOfDelivery: { UNLocationCode: 'DEHAM' },
      },
      invoicePayableAt: { UNLocationCode: 'CNNGB', freeText: 'Ningbo' },
      documentParties: {
        ...subject.documentParties,
        consignee: { ...subject.documentParties.consignee, displayedAddress: ['Hamburg'] },
        endorsee: { partyName: 'Bank', displayedAddress: ['Frankfurt'] },
        notifyParties: [{ partyName: 'Notify', displayedAddress: ['Hamburg'] }],
      },
    };
    const missing = printedPaths().filter((path) => valueAt(withEverything, path) === undefined);
    expect(missing).toEqual([]);
  });
});

describe('billOfLadingSubject', () => {
  it('accepts the sample sea waybill', () => {
    expect(issuesOf(sampleSeaWaybill())).toEqual([]);
  });

  it('refuses a container number whose ISO 6346 check digit is wrong', () => {
    const subject = sampleSeaWaybill();
    const equipment = subject.utilizedTransportEquipments[0];
    if (equipment === undefined) {
      throw new Error('the sample has a container');
    }
    equipment.equipment.equipmentReference = 'CSQU3054384';
    expect(issuesOf(subject)).toContainEqual({
      path: 'utilizedTransportEquipments.0.equipment.equipmentReference',
      message: 'The check digit of the container number is wrong',
    });
  });

  it('refuses cargo stuffed in a container the document does not list', () => {
    const subject = sampleSeaWaybill();
    const cargo = subject.consignmentItems[0]?.cargoItems[0];
    if (cargo === undefined) {
      throw new Error('the sample has cargo');
    }
    cargo.equipmentReference = 'MSKU9070323';
    expect(issuesOf(subject)).toContainEqual({
      path: 'consignmentItems.0.cargoItems.0.equipmentReference',
      message: 'the container is not listed in utilizedTransportEquipments',
    });
  });

  it('applies the DCSA B/L conditions', () => {
    const base = sampleSeaWaybill();
    expect(issuesOf({ ...base, isToOrder: true })).toContainEqual(
      expect.objectContaining({ path: 'isToOrder' }),
    );
    const { consignee: _consignee, ...withoutConsignee } = base.documentParties;
    expect(issuesOf({ ...base, documentParties: withoutConsignee })).toContainEqual(
      expect.objectContaining({ path: 'documentParties.consignee' }),
    );
    expect(
      issuesOf({
        ...base,
        transportDocumentTypeCode: 'BOL',
        isToOrder: true,
        documentParties: {
          ...base.documentParties,
          endorsee: { partyName: 'Bank', identifyingCodes: [{ codeListProvider: 'GLEIF', partyCode: 'X' }] },
        },
      }),
    ).toContainEqual({
      path: 'documentParties.endorsee',
      message: 'consignee and endorsee are mutually exclusive',
    });
    expect(
      issuesOf({
        ...base,
        transportDocumentTypeCode: 'BOL',
        numberOfOriginalsWithCharges: 1,
        numberOfOriginalsWithoutCharges: 1,
      }),
    ).toContainEqual(
      expect.objectContaining({
        path: 'numberOfOriginalsWithCharges',
        message: 'an electronic bill of lading has one original',
      }),
    );
    expect(issuesOf({ ...base, receivedForShipmentDate: '2026-03-01' })).toContainEqual(
      expect.objectContaining({ path: 'receivedForShipmentDate' }),
    );
    expect(
      issuesOf({ ...base, transports: { ...base.transports, plannedArrivalDate: '2026-01-01' } }),
    ).toContainEqual(expect.objectContaining({ path: 'transports.plannedArrivalDate' }));
  });

  it('refuses amounts and weights a DCSA float cannot carry exactly, and unknown codes', () => {
    const base = sampleSeaWaybill();
    const paths = (input: unknown) => issuesOf(input).map((issue) => issue.path);
    expect(paths({ ...base, declaredValue: { amount: '10.50', currency: 'USD' } })).toContain(
      'declaredValue',
    );
    expect(paths({ ...base, declaredValue: { amount: '-1', currency: 'USD' } })).toContain('declaredValue');
    expect(paths({ ...base, declaredValue: { amount: '1.005', currency: 'USD' } })).toContain(
      'declaredValue.amount',
    );
    expect(paths({ ...base, declaredValue: { amount: '1', currency: 'XYZ' } })).toContain(
      'declaredValue.currency',
    );
    expect(
      paths({ ...base, transports: { ...base.transports, portOfLoading: { UNLocationCode: 'Ningbo' } } }),
    ).toContain('transports.portOfLoading.UNLocationCode');
    const item = base.consignmentItems[0];
    if (item === undefined) {
      throw new Error('the sample has goods');
    }
    expect(paths({ ...base, consignmentItems: [{ ...item, HSCodes: ['6911'] }] })).toContain(
      'consignmentItems.0.HSCodes.0',
    );
  });
});
