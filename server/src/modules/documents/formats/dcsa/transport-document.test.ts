import { AppError, containerCheckDigit, isAppError } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billOfLadingSubject } from '../../domain/kinds/bill-of-lading.ts';
import { billOfLadingSubjectArbitrary, officialExamples, sampleSeaWaybill } from './test-support.ts';
import { fromDcsaTransportDocument, toDcsaTransportDocument } from './transport-document.ts';
import { validateDcsaTransportDocument } from './transport-document-schema.ts';

type Json = Record<string, unknown>;

const clone = <T>(value: T): T => structuredClone(value);

const fieldErrorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('http.validation_failed');
    return appError.fieldErrors ?? [];
  }
  throw new Error('expected an AppError');
};

const equipmentOf = (doc: Json) => (doc.utilizedTransportEquipments as Json[])[0] as Json;
const cargoOf = (doc: Json) =>
  (((doc.consignmentItems as Json[])[0] as Json).cargoItems as Json[])[0] as Json;

describe('the official DCSA eBL 3.0.3 examples', () => {
  it('are valid against the transcribed official schema', () => {
    for (const [name, example] of Object.entries(officialExamples())) {
      expect(validateDcsaTransportDocument(example), name).toEqual({ valid: true });
    }
  });

  it('round-trips the regular dry-cargo example unchanged: import, subject, export, deep-equal', () => {
    const { regularSTDExample } = officialExamples();
    const subject = fromDcsaTransportDocument(clone(regularSTDExample));
    expect(subject.transportDocumentStatus).toBe('DRAFT');
    expect(subject.charges?.[0]?.amount).toEqual({ amount: '1', currency: 'EUR' });
    expect(subject.consignmentItems[0]?.cargoItems[0]?.cargoGrossWeight).toEqual({
      value: '12000',
      unit: 'KGM',
    });
    expect(toDcsaTransportDocument(subject)).toEqual(regularSTDExample);
  });

  it('round-trips the reefer example except the reefer settings, which tradehub does not carry', () => {
    const { reeferExample } = officialExamples();
    const exported = toDcsaTransportDocument(fromDcsaTransportDocument(clone(reeferExample)));
    const expected = clone(reeferExample);
    const { isNonOperatingReefer, activeReeferSettings, ...carried } = equipmentOf(expected);
    expect(isNonOperatingReefer).toBe(false);
    expect(activeReeferSettings).toEqual({ temperatureSetpoint: -18, temperatureUnit: 'CEL' });
    (expected.utilizedTransportEquipments as Json[])[0] = carried;
    expect(exported).toEqual(expected);
    expect(validateDcsaTransportDocument(exported)).toEqual({ valid: true });
  });

  it('refuses the dangerous-goods example, whose container number HLXU1234567 fails the ISO 6346 check digit', () => {
    const errors = fieldErrorsOf(() => fromDcsaTransportDocument(officialExamples().dgExample));
    expect(errors).toContainEqual(
      expect.objectContaining({
        field: 'consignmentItems.0.cargoItems.0.equipmentReference',
        code: 'kernel.invalid_check_digit',
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ field: 'utilizedTransportEquipments.0.equipment.equipmentReference' }),
    );
  });

  it('round-trips the dangerous-goods example with a corrected container number, less the DG details', () => {
    const dg = clone(officialExamples().dgExample);
    const fixed = `HLXU123456${containerCheckDigit('HLXU123456')}`;
    cargoOf(dg).equipmentReference = fixed;
    (equipmentOf(dg).equipment as Json).equipmentReference = fixed;
    const exported = toDcsaTransportDocument(fromDcsaTransportDocument(clone(dg)));
    const packaging = cargoOf(dg).outerPackaging as Json;
    expect(packaging.imoPackagingCode).toBe('3A1');
    expect(packaging.dangerousGoods).toHaveLength(1);
    delete packaging.imoPackagingCode;
    delete packaging.dangerousGoods;
    expect(exported).toEqual(dg);
  });
});

describe('toDcsaTransportDocument', () => {
  it('writes a tradehub sea waybill that validates against the official schema', () => {
    const exported = toDcsaTransportDocument(sampleSeaWaybill());
    expect(validateDcsaTransportDocument(exported)).toEqual({ valid: true });
    expect(exported).toMatchObject({
      transportDocumentTypeCode: 'SWB',
      transportDocumentStatus: 'ISSUED',
      declaredValue: 48250.5,
      declaredValueCurrency: 'USD',
      charges: [{ currencyAmount: 2850, currencyCode: 'USD', unitPrice: 1425, quantity: 2 }],
    });
    expect(cargoOf(exported).cargoGrossWeight).toEqual({ value: 18250.5, unit: 'KGM' });
    expect((equipmentOf(exported).equipment as Json).tareWeight).toEqual({ value: 3900, unit: 'KGM' });
  });

  it('states the status it is asked for, then the subject’s, then ISSUED', () => {
    const subject = sampleSeaWaybill();
    expect(
      toDcsaTransportDocument(subject, { transportDocumentStatus: 'DRAFT' }).transportDocumentStatus,
    ).toBe('DRAFT');
    delete subject.transportDocumentStatus;
    expect(toDcsaTransportDocument(subject).transportDocumentStatus).toBe('ISSUED');
  });

  it('does not share objects with the subject it was given', () => {
    const subject = sampleSeaWaybill();
    const exported = toDcsaTransportDocument(subject);
    (exported.documentParties as Json).shipper = null;
    expect(subject.documentParties.shipper.partyName).toBe('Yiwu Crafts Trading Co., Ltd.');
  });

  it('refuses an invalid subject with the subject’s field paths', () => {
    const subject = sampleSeaWaybill();
    subject.isToOrder = true;
    expect(fieldErrorsOf(() => toDcsaTransportDocument(subject))).toContainEqual(
      expect.objectContaining({ field: 'isToOrder' }),
    );
  });

  it('exports every random valid subject as schema-valid JSON that imports back to the same subject', () => {
    fc.assert(
      fc.property(billOfLadingSubjectArbitrary, (subject) => {
        expect(billOfLadingSubject.safeParse(subject).success).toBe(true);
        const exported = toDcsaTransportDocument(subject);
        expect(validateDcsaTransportDocument(exported)).toEqual({ valid: true });
        expect(fromDcsaTransportDocument(JSON.parse(JSON.stringify(exported)))).toEqual({
          ...subject,
          transportDocumentStatus: 'ISSUED',
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('fromDcsaTransportDocument', () => {
  it('refuses what is not a transport document', () => {
    for (const input of [null, [], 'BOL', 42, {}]) {
      expect(fieldErrorsOf(() => fromDcsaTransportDocument(input)).length).toBeGreaterThan(0);
    }
  });

  it('names the DCSA JSON path of a schema violation', () => {
    const doc = clone(officialExamples().regularSTDExample);
    delete doc.carrierCode;
    (doc.transports as Json).portOfLoading = { UNLocationCode: 'dkaar' };
    const errors = fieldErrorsOf(() => fromDcsaTransportDocument(doc));
    expect(errors).toContainEqual(expect.objectContaining({ field: 'carrierCode', code: 'kernel.required' }));
    expect(errors).toContainEqual(
      expect.objectContaining({ field: 'transports.portOfLoading.UNLocationCode' }),
    );
  });

  it('names the DCSA path of an amount that is not exact in its currency', () => {
    const doc = clone(officialExamples().regularSTDExample);
    ((doc.charges as Json[])[0] as Json).currencyAmount = 0.125;
    cargoOf(doc).cargoGrossWeight = { value: 1e-7, unit: 'KGM' };
    const errors = fieldErrorsOf(() => fromDcsaTransportDocument(doc));
    expect(errors).toContainEqual(expect.objectContaining({ field: 'charges.0.currencyAmount' }));
    expect(errors).toContainEqual(
      expect.objectContaining({ field: 'consignmentItems.0.cargoItems.0.cargoGrossWeight.value' }),
    );
  });

  it('applies the B/L conditions the schema cannot express', () => {
    const seaWaybill = clone(officialExamples().regularSTDExample);
    seaWaybill.transportDocumentTypeCode = 'SWB';
    expect(fieldErrorsOf(() => fromDcsaTransportDocument(seaWaybill))).toContainEqual(
      expect.objectContaining({ field: 'isToOrder', message: 'a sea waybill cannot be issued to order' }),
    );
    const straight = clone(officialExamples().regularSTDExample);
    straight.isToOrder = false;
    expect(fieldErrorsOf(() => fromDcsaTransportDocument(straight))).toContainEqual(
      expect.objectContaining({ field: 'documentParties.consignee' }),
    );
  });

  it('never crashes on random mutations of a valid document: it returns a valid subject or throws AppError', () => {
    const base = toDcsaTransportDocument(sampleSeaWaybill());
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(node)) {
        for (const [i, child] of node.entries()) {
          walk(child, [...path, i]);
        }
      } else if (typeof node === 'object' && node !== null) {
        for (const [key, child] of Object.entries(node)) {
          walk(child, [...path, key]);
        }
      }
    };
    walk(base, []);
    const mutation = fc.record({
      path: fc.constantFrom(...paths),
      action: fc.constantFrom('replace', 'delete', 'addKey'),
      value: fc.jsonValue({ maxDepth: 2 }),
      key: fc.constantFrom('__proto__', 'constructor', 'extra', 'value', 'partyName', 'equipmentReference'),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let doc: unknown = clone(base);
        for (const m of mutations) {
          if (m.path.length === 0) {
            doc = m.action === 'replace' ? m.value : doc;
            continue;
          }
          const parentPath = m.path.slice(0, -1);
          const parent = parentPath.reduce<unknown>(
            (node, key) =>
              typeof node === 'object' && node !== null ? (node as Json)[key as string] : undefined,
            doc,
          );
          if (typeof parent !== 'object' || parent === null) {
            continue;
          }
          const last = m.path[m.path.length - 1] as string;
          const target = parent as Json;
          if (m.action === 'replace') {
            target[last] = m.value;
          } else if (m.action === 'delete') {
            delete target[last];
          } else if (typeof target[last] === 'object' && target[last] !== null) {
            // A key parsed from JSON, as an attacker would send it, including __proto__.
            Object.assign(
              target[last] as Json,
              JSON.parse(`{${JSON.stringify(m.key)}: ${JSON.stringify(m.value)}}`),
            );
          }
        }
        try {
          const subject = fromDcsaTransportDocument(JSON.parse(JSON.stringify(doc)));
          expect(billOfLadingSubject.safeParse(subject).success).toBe(true);
          expect(validateDcsaTransportDocument(toDcsaTransportDocument(subject))).toEqual({ valid: true });
        } catch (error) {
          expect(isAppError(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
