import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTrackingEvent, type TrackingEventFields } from '../../domain/tracking-event.ts';
import { validateDcsaEvent } from '../dcsa-tnt/index.ts';
import { buildEpcisDocument, type ConsignmentFacts, hubIdentifiers, validateEpcisJson } from './index.ts';

const nowMs = Date.parse('2026-11-27T10:00:00Z');
const checkUnlocode = (code: string) => (/^[A-Z]{2}[A-Z2-9]{3}$/i.test(code) ? 'unverified' : 'invalid');

/** What the ingest service checks before it stores an event: only such events are ever mapped. */
const storable = (value: Record<string, unknown>): value is TrackingEventFields => {
  const parsed = validateDcsaEvent(value);
  return parsed.ok && checkTrackingEvent(parsed.event, { nowMs, checkUnlocode }).ok;
};

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** An RFC 3339 date-time in the past, written in some offset (some beyond what EPCIS states). */
const dateTime = fc
  .record({
    ms: fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: nowMs - 2 * 86_400_000 }),
    offsetMinutes: fc.oneof(
      fc.integer({ min: -14 * 60, max: 14 * 60 }),
      fc.constantFrom(0, 330, 345, 525, 15 * 60, -(15 * 60), 23 * 60 + 59),
    ),
    zulu: fc.boolean(),
    precision: fc.constantFrom('minutes', 'seconds', 'millis', 'nanos'),
  })
  .map(({ ms, offsetMinutes, zulu, precision }) => {
    const offset = zulu ? 0 : offsetMinutes;
    const local = new Date(ms + offset * 60_000).toISOString();
    const [date, time] = local.split('T') as [string, string];
    const clock =
      precision === 'minutes'
        ? time.slice(0, 5)
        : precision === 'seconds'
          ? time.slice(0, 8)
          : precision === 'millis'
            ? time.slice(0, 12)
            : `${time.slice(0, 12)}123456`;
    const zone = zulu
      ? 'Z'
      : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
    return `${date}T${clock}${zone}`;
  });

/** `eventCreatedDateTime` has JSON Schema format date-time in DCSA 2.2, which wants seconds. */
const createdDateTime = dateTime.filter((text) => /T\d{2}:\d{2}:\d{2}/.test(text));

const unlocode = fc.constantFrom('CNNGB', 'NLRTM', 'DEHAM', 'FRPAR', 'cnyiw', 'DEDUI');
const equipment = fc.constantFrom('APZU4812090', 'CSQU3054383', 'MSKU 907032 3', 'TRAILER-7', 'X 1/2');
const location = fc.record(
  {
    locationName: fc.string({ maxLength: 20 }),
    UNLocationCode: unlocode,
    facilityCode: fc.constantFrom('ADT', 'RWG'),
    facilityCodeListProvider: fc.constantFrom('SMDG', 'BIC'),
  },
  { requiredKeys: [] },
);
const transportCall = fc.record(
  {
    transportCallID: fc.string({ minLength: 1, maxLength: 40 }),
    modeOfTransport: fc.constantFrom('VESSEL', 'RAIL', 'TRUCK', 'BARGE'),
    UNLocationCode: unlocode,
    exportVoyageNumber: fc.string({ maxLength: 5 }),
    importVoyageNumber: fc.string({ maxLength: 10 }),
    carrierServiceCode: fc.string({ maxLength: 5 }),
    vessel: fc.string({ maxLength: 20 }),
    location,
  },
  { requiredKeys: ['transportCallID', 'modeOfTransport'] },
);
const documentReferences = fc.array(
  fc.record({
    documentReferenceType: fc.constantFrom('BKG (Booking)', 'TRD (Transport Document)'),
    documentReferenceValue: fc.constantFrom('ABC709951', 'TDR-0001', 'BL/2026 #7', ' '),
  }),
  { minLength: 1, maxLength: 3 },
);
const references = fc.array(
  fc.record({
    referenceType: fc.constantFrom('FF', 'SI', 'PO', 'CR', 'AAO', 'EQ'),
    referenceValue: fc.oneof(equipment, fc.string({ maxLength: 12 })),
  }),
  { maxLength: 3 },
);

const common = {
  eventID: fc.uuid(),
  eventCreatedDateTime: createdDateTime,
  eventClassifierCode: fc.constantFrom('ACT', 'ACT', 'ACT', 'PLN', 'EST'),
  eventDateTime: dateTime,
};

const shipmentEvent = fc.record(
  {
    ...common,
    eventType: fc.constant('SHIPMENT'),
    shipmentEventTypeCode: fc.constantFrom(
      'RECE',
      'DRFT',
      'PENA',
      'PENU',
      'REJE',
      'APPR',
      'ISSU',
      'SURR',
      'SUBM',
      'VOID',
      'CONF',
      'REQS',
      'CMPL',
      'HOLD',
      'RELS',
    ),
    documentTypeCode: fc.constantFrom(
      'CBR',
      'BKG',
      'SHI',
      'SRM',
      'TRD',
      'ARN',
      'VGM',
      'CAS',
      'CUS',
      'DGD',
      'OOG',
    ),
    documentID: fc.oneof(fc.constantFrom('ABC709951', 'TDR-0001'), fc.string({ maxLength: 20 })),
    reason: fc.string({ maxLength: 30 }),
    references,
  },
  {
    requiredKeys: [
      'eventID',
      'eventCreatedDateTime',
      'eventClassifierCode',
      'eventDateTime',
      'eventType',
      'shipmentEventTypeCode',
      'documentTypeCode',
      'documentID',
    ],
  },
);
const transportEvent = fc.record(
  {
    ...common,
    eventType: fc.constant('TRANSPORT'),
    transportEventTypeCode: fc.constantFrom('ARRI', 'DEPA'),
    delayReasonCode: fc.string({ maxLength: 3 }),
    changeRemark: fc.string({ maxLength: 30 }),
    transportCall,
    documentReferences,
    references,
  },
  {
    requiredKeys: [
      'eventID',
      'eventCreatedDateTime',
      'eventClassifierCode',
      'eventDateTime',
      'eventType',
      'transportEventTypeCode',
      'transportCall',
      'documentReferences',
    ],
  },
);
const equipmentEvent = fc.record(
  {
    ...common,
    eventType: fc.constant('EQUIPMENT'),
    equipmentEventTypeCode: fc.constantFrom(
      'LOAD',
      'DISC',
      'GTIN',
      'GTOT',
      'STUF',
      'STRP',
      'PICK',
      'DROP',
      'INSP',
      'RSEA',
      'RMVD',
    ),
    equipmentReference: equipment,
    ISOEquipmentCode: fc.constantFrom('22GP', '45G1'),
    emptyIndicatorCode: fc.constantFrom('EMPTY', 'LADEN'),
    eventLocation: location,
    transportCall,
    documentReferences,
    references,
    seals: fc.array(
      fc.record({
        sealNumber: fc.string({ minLength: 1, maxLength: 15 }),
        sealSource: fc.constantFrom('CAR', 'SHI', 'PHY', 'VET', 'CUS'),
        sealType: fc.constantFrom('KLP', 'BLT', 'WIR'),
      }),
      { maxLength: 2 },
    ),
  },
  {
    requiredKeys: [
      'eventID',
      'eventCreatedDateTime',
      'eventClassifierCode',
      'eventDateTime',
      'eventType',
      'equipmentEventTypeCode',
      'emptyIndicatorCode',
      'equipmentReference',
    ],
  },
);

// Members DCSA does not define, which its schema lets a sender add: any name, any JSON value.
const extraMembers = fc.dictionary(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
  {
    maxKeys: 3,
  },
);

const dcsaEvent = fc
  .tuple(fc.oneof(shipmentEvent, transportEvent, equipmentEvent), extraMembers)
  .map(([event, extra]) => ({ ...extra, ...event }) as Record<string, unknown>);

const consignment = fc.record({
  shipmentId: fc.constantFrom('shp_01JD5Z3K8Q6V2W9XKM4T7B1N0C', 'shp_x'),
  containerNumbers: fc.subarray(['APZU4812090', 'CSQU3054383', 'MSKU9070323']),
  cargoLines: fc.array(fc.record({ packages: fc.integer({ min: 1, max: 100_000 }) }), { maxLength: 3 }),
  orderIds: fc
    .array(fc.constantFrom('ord_a', 'ord_b', 'ord_c'), { maxLength: 2 })
    .map((o) => [...new Set(o)]),
  carrierBookingReference: fc.option(fc.constantFrom('ABC709951', 'BKG 2'), { nil: null }),
  transportDocumentReference: fc.option(fc.constantFrom('TDR-0001', 'B/L 9'), { nil: null }),
}) satisfies fc.Arbitrary<ConsignmentFacts>;

/** The members a consumer rebuilds from the `dcsa:` ones; a member named "" has no IRI and goes. */
const undoExtension = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.map(undoExtension);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([name]) => name.startsWith('dcsa:'))
        .map(([name, member]) => [decodeURIComponent(name.slice('dcsa:'.length)), undoExtension(member)]),
    );
  }
  return value;
};
const withoutEmptyNames = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.map(withoutEmptyNames);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([name]) => name !== '')
        .map(([name, member]) => [name, withoutEmptyNames(member)]),
    );
  }
  return value;
};

describe('DCSA to EPCIS, for any event the hub accepts', () => {
  it('always gives a document the official EPCIS 2.0 schema accepts, keeping the DCSA event whole', () => {
    let mapped = 0;
    let leftOut = 0;
    const ids = hubIdentifiers('https://hub.example');
    fc.assert(
      fc.property(dcsaEvent, consignment, (event, facts) => {
        if (!storable(event)) {
          return;
        }
        const document = buildEpcisDocument([event], facts, ids, new Date(nowMs));
        const checked = validateEpcisJson(document);
        expect(checked, JSON.stringify(document)).toEqual({ ok: true });
        const [epcis] = document.epcisBody.eventList;
        if (event.eventClassifierCode !== 'ACT') {
          expect(epcis).toBeUndefined();
          leftOut += 1;
          return;
        }
        mapped += 1;
        expect(epcis?.eventID).toBe(`urn:uuid:${String(event.eventID).toLowerCase()}`);
        expect(Date.parse(String(epcis?.eventTime))).toBe(Date.parse(String(event.eventDateTime)));
        expect(undoExtension(epcis)).toEqual(withoutEmptyNames(event));
      }),
      { seed: 20_220_601, numRuns: 800 },
    );
    // Both outcomes must occur often, or the generators test little.
    expect(mapped).toBeGreaterThan(200);
    expect(leftOut).toBeGreaterThan(50);
  });
});
