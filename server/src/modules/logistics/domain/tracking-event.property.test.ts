import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logisticsFieldErrorCodes } from '../errors.ts';
import { validateDcsaEvent } from '../formats/dcsa-tnt/index.ts';
import { checkTrackingEvent } from './tracking-event.ts';

const example = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../formats/dcsa-tnt/testdata/${name}.json`, import.meta.url), 'utf8'));
const examples = ['shipment-event', 'transport-event', 'equipment-event'].map(example);
const nowMs = Date.parse('2026-11-27T10:00:00Z');
const checkUnlocode = (code: string) =>
  /^[A-Z]{2}[A-Z2-9]{3}$/.test(code)
    ? code.startsWith('NL') && code !== 'NLRTM'
      ? 'invalid'
      : 'unverified'
    : 'invalid';

const KNOWN = new Set<string>([
  'kernel.required',
  'kernel.invalid_format',
  'kernel.too_long',
  'kernel.unknown_code',
  'kernel.invalid_check_digit',
  'kernel.invalid_length',
  'kernel.invalid_characters',
  ...logisticsFieldErrorCodes,
]);

/** Schema then business checks, as the ingest service runs them. */
const run = (value: unknown) => {
  const parsed = validateDcsaEvent(value);
  if (!parsed.ok) {
    return { ok: false as const, errors: parsed.errors };
  }
  return checkTrackingEvent(parsed.event, { nowMs, checkUnlocode });
};

// Values a sender might put anywhere: wrong types, empty, long, hostile, near-miss codes.
const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.string({ minLength: 200, maxLength: 400 }),
  fc.constantFrom(
    '',
    'ACT',
    'XXXX',
    'LOAD',
    'NLZZZ',
    'APZU4812091',
    '2099-01-01T00:00:00Z',
    '\u0000',
    '__proto__',
  ),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

/** One mutation: set, delete or replace a key at the top level or one level down. */
const mutation = fc.record({
  path: fc.array(
    fc.constantFrom(
      'transportCall',
      'eventLocation',
      'location',
      'seals',
      '0',
      'references',
      'documentReferences',
    ),
    { maxLength: 2 },
  ),
  key: fc.constantFrom(
    'eventID',
    'eventType',
    'eventClassifierCode',
    'eventDateTime',
    'eventCreatedDateTime',
    'shipmentEventTypeCode',
    'transportEventTypeCode',
    'equipmentEventTypeCode',
    'documentID',
    'documentTypeCode',
    'equipmentReference',
    'ISOEquipmentCode',
    'emptyIndicatorCode',
    'UNLocationCode',
    'modeOfTransport',
    'transportCallID',
    'sealNumber',
    'referenceType',
    'documentReferenceType',
    'constructor',
    'extra',
  ),
  remove: fc.boolean(),
  value: junk,
});

const mutate = (
  base: Record<string, unknown>,
  steps: { path: string[]; key: string; remove: boolean; value: unknown }[],
) => {
  const copy = structuredClone(base);
  for (const step of steps) {
    let target: unknown = copy;
    for (const part of step.path) {
      const next =
        typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[part] : undefined;
      if (typeof next !== 'object' || next === null) {
        break;
      }
      target = next;
    }
    if (typeof target !== 'object' || target === null) {
      continue;
    }
    if (step.remove) {
      delete (target as Record<string, unknown>)[step.key];
    } else {
      Object.defineProperty(target, step.key, {
        value: step.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return copy;
};

describe('DCSA T&T 2.2 event validation', () => {
  it('accepts every test event built from the specification', () => {
    for (const event of examples) {
      const result = run(event);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
  });

  it('accepts or refuses random mutations of the test events with known field errors, never throwing', () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...examples),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (base, steps) => {
          const result = run(mutate(base, steps));
          if (result.ok) {
            accepted += 1;
            return;
          }
          refused += 1;
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            expect(KNOWN.has(error.code), `${error.field}: ${error.code}`).toBe(true);
            expect(error.field.length).toBeGreaterThan(0);
          }
        },
      ),
      { seed: 6346, numRuns: 1500 },
    );
    // Both outcomes must occur, or the mutations test nothing.
    expect(refused).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThan(10);
  });

  it('names the field of each bad input with its code', () => {
    const [shipment, transport, equipment] = examples as [
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    const codesOf = (value: unknown) => {
      const result = run(value);
      return result.ok ? [] : result.errors.map((e) => `${e.field} ${e.code}`);
    };
    expect(codesOf({ ...equipment, equipmentReference: 'APZU4812091' })).toEqual([
      'equipmentReference kernel.invalid_check_digit',
    ]);
    expect(codesOf({ ...equipment, equipmentEventTypeCode: 'XXXX' })).toEqual([
      'equipmentEventTypeCode kernel.unknown_code',
    ]);
    expect(codesOf({ ...shipment, eventType: 'CUSTOMS' })).toEqual(['eventType kernel.unknown_code']);
    expect(codesOf({ ...equipment, eventLocation: { UNLocationCode: 'NLZZZ' } })).toEqual([
      'eventLocation.UNLocationCode kernel.unknown_code',
    ]);
    expect(codesOf({ ...transport, eventDateTime: '2026-12-05T00:00:00Z' })).toEqual([
      'eventDateTime logistics.event_time_in_future',
    ]);
    // An estimate may lie ahead; its creation may not.
    expect(codesOf({ ...equipment, eventDateTime: '2026-12-05T00:00:00Z' })).toEqual([]);
    expect(codesOf({ ...equipment, eventCreatedDateTime: '2026-12-05T00:00:00Z' })).toEqual([
      'eventCreatedDateTime logistics.event_time_in_future',
    ]);
    const { eventID: _, ...withoutId } = shipment;
    expect(codesOf(withoutId)).toEqual(['eventID kernel.required']);
    expect(codesOf({ ...shipment, documentTypeCode: 'SHI' })).toEqual([
      'body logistics.no_shipment_reference',
    ]);
  });
});
