import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TrackingEventFields } from '../../domain/tracking-event.ts';
import { validateDcsaEvent } from '../dcsa-tnt/index.ts';
import {
  buildEpcisDocument,
  CARRIER_BOOKING_TYPE,
  type ConsignmentFacts,
  DCSA_NAMESPACE,
  dcsaEventToEpcis,
  EPCIS_CONTEXT,
  type EpcisEvent,
  epcisTimeOf,
  equipmentSteps,
  hubIdentifiers,
  shipmentActions,
  transportSteps,
  validateEpcisJson,
} from './index.ts';

const readJson = (url: URL): Record<string, unknown> => JSON.parse(readFileSync(url, 'utf8'));
const dcsa = (name: string) =>
  readJson(new URL(`../dcsa-tnt/testdata/${name}.json`, import.meta.url)) as TrackingEventFields;
const [shipmentEvent, transportEvent, equipmentEvent] = [
  dcsa('shipment-event'),
  dcsa('transport-event'),
  dcsa('equipment-event'),
];
const gs1Dir = new URL('./testdata/gs1/', import.meta.url);

const ids = hubIdentifiers('https://hub.example/');
const consignment: ConsignmentFacts = {
  shipmentId: 'shp_01JD5Z3K8Q6V2W9XKM4T7B1N0C',
  containerNumbers: ['APZU4812090'],
  cargoLines: [{ packages: 120 }, { packages: 4 }],
  orderIds: ['ord_01JD5Z3K8Q6V2W9XKM4T7B1N0D'],
  carrierBookingReference: 'ABC709951',
  transportDocumentReference: 'TDR-0001',
};
const at = new Date('2026-11-27T10:00:00Z');

const documentOf = (events: TrackingEventFields[], facts: ConsignmentFacts = consignment) =>
  buildEpcisDocument(events, facts, ids, at);

/** The single EPCIS event of a DCSA event, after checking its document against the schema. */
const mapOne = (event: TrackingEventFields, facts: ConsignmentFacts = consignment): EpcisEvent => {
  // Only events that passed the DCSA schema are ever stored, so only such are mapped here.
  expect(validateDcsaEvent(event).ok, JSON.stringify(validateDcsaEvent(event))).toBe(true);
  const document = documentOf([event], facts);
  expect(validateEpcisJson(document)).toEqual({ ok: true });
  const [mapped] = document.epcisBody.eventList;
  if (mapped === undefined) {
    throw new Error('no EPCIS event');
  }
  return mapped;
};

const actual = (event: TrackingEventFields, changes: Record<string, unknown> = {}) =>
  ({ ...event, eventClassifierCode: 'ACT', ...changes }) as TrackingEventFields;

/** The DCSA event back from the `dcsa:` members: what a consumer of the export can rebuild. */
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

describe('the official GS1 EPCIS 2.0 JSON schema', () => {
  const examples = readdirSync(gs1Dir).filter((name) => name.endsWith('.jsonld'));

  it("accepts GS1's own example documents", () => {
    expect(examples.length).toBe(5);
    for (const name of examples) {
      expect(validateEpcisJson(readJson(new URL(name, gs1Dir))), name).toEqual({ ok: true });
    }
  });

  it('refuses a broken document and names the member that breaks it', () => {
    const base = readJson(new URL('Example_9.6.1-ObjectEvent.jsonld', gs1Dir));
    const broken = (change: (doc: { epcisBody: { eventList: Record<string, unknown>[] } }) => void) => {
      const copy = structuredClone(base) as { epcisBody: { eventList: Record<string, unknown>[] } };
      change(copy);
      const result = validateEpcisJson(copy);
      return result.ok ? [] : result.errors.map((e) => `${e.field} ${e.code}`);
    };
    expect(
      broken((doc) => {
        (doc.epcisBody.eventList[0] as Record<string, unknown>).eventTimeZoneOffset = '+25:00';
      }),
    ).toContain('epcisBody.eventList.0.eventTimeZoneOffset kernel.invalid_format');
    expect(
      broken((doc) => {
        delete (doc.epcisBody.eventList[1] as Record<string, unknown>).action;
      }),
    ).toContain('epcisBody.eventList.1.action kernel.required');
    // A CBV-namespace URI that CBV does not define is no business step.
    expect(
      broken((doc) => {
        (doc.epcisBody.eventList[0] as Record<string, unknown>).bizStep = 'urn:epcglobal:cbv:bizstep:flying';
      }),
    ).toContain('epcisBody.eventList.0.bizStep kernel.invalid_format');
    // An extension member must be named by a URI (a compact IRI), not a bare word.
    expect(
      broken((doc) => {
        (doc.epcisBody.eventList[0] as Record<string, unknown>)['my field'] = 'x';
      }),
    ).toContain('epcisBody.eventList.0 kernel.invalid_format');
    expect(
      broken((doc) => {
        delete (doc as Record<string, unknown>)['@context'];
      }),
    ).toContain('@context kernel.required');
  });
});

describe('DCSA T&T 2.2 to EPCIS 2.0', () => {
  it('maps every DCSA test event, made actual, to a schema-valid document', () => {
    const document = documentOf([shipmentEvent, transportEvent, actual(equipmentEvent)]);
    expect(validateEpcisJson(document)).toEqual({ ok: true });
    expect(document['@context']).toEqual([EPCIS_CONTEXT, { dcsa: DCSA_NAMESPACE }]);
    expect(document.type).toBe('EPCISDocument');
    expect(document.schemaVersion).toBe('2.0');
    expect(document.creationDate).toBe('2026-11-27T10:00:00.000Z');
    expect(document.epcisBody.eventList.map((e) => [e.type, e.eventID])).toEqual([
      ['TransactionEvent', 'urn:uuid:3cecb101-7a1a-43a4-9d62-e88a131651e2'],
      ['ObjectEvent', 'urn:uuid:5e51e72c-d872-11ea-811c-0242ac130003'],
      ['ObjectEvent', 'urn:uuid:84db923d-2a19-4eb0-beb5-446c1ec57d34'],
    ]);
  });

  it('leaves out planned and estimated events: EPCIS records what happened', () => {
    // The specification's equipment example is an estimate (EST).
    expect(equipmentEvent.eventClassifierCode).toBe('EST');
    expect(dcsaEventToEpcis(equipmentEvent, consignment, ids)).toBeUndefined();
    expect(dcsaEventToEpcis(actual(transportEvent, { eventClassifierCode: 'PLN' }), consignment, ids)).toBe(
      undefined,
    );
    const document = documentOf([equipmentEvent, transportEvent]);
    expect(validateEpcisJson(document)).toEqual({ ok: true });
    expect(document.epcisBody.eventList).toHaveLength(1);
  });

  it('maps each equipment event code to its CBV business step, action and disposition', () => {
    const expected: Record<string, [string, string, string, string | undefined]> = {
      GTOT: ['ObjectEvent', 'OBSERVE', 'departing', 'in_transit'],
      GTIN: ['ObjectEvent', 'OBSERVE', 'arriving', 'in_progress'],
      LOAD: ['ObjectEvent', 'OBSERVE', 'loading', 'in_transit'],
      DISC: ['ObjectEvent', 'OBSERVE', 'unloading', 'in_progress'],
      INSP: ['ObjectEvent', 'OBSERVE', 'inspecting', undefined],
      PICK: ['ObjectEvent', 'OBSERVE', 'accepting', 'in_transit'],
      DROP: ['ObjectEvent', 'OBSERVE', 'receiving', 'in_progress'],
      RMVD: ['ObjectEvent', 'OBSERVE', 'other', 'container_open'],
      RSEA: ['ObjectEvent', 'OBSERVE', 'other', 'container_closed'],
      STUF: ['AggregationEvent', 'ADD', 'packing', 'in_progress'],
      STRP: ['AggregationEvent', 'DELETE', 'unpacking', 'in_progress'],
    };
    // Every code of the DCSA 2.2 enumeration, and no other, has a mapping.
    expect(Object.keys(equipmentSteps).sort()).toEqual(Object.keys(expected).sort());
    for (const [code, [type, action, bizStep, disposition]] of Object.entries(expected)) {
      const mapped = mapOne(actual(equipmentEvent, { equipmentEventTypeCode: code }));
      expect([mapped.type, mapped.action, mapped.bizStep, mapped.disposition], code).toEqual([
        type,
        action,
        bizStep,
        disposition,
      ]);
      expect(mapped.readPoint, code).toEqual({ id: 'https://vocabulary.uncefact.org/unlocode#FRPAR' });
      // After gate-out and pick-up the container is no longer at the place.
      expect(mapped.bizLocation, code).toEqual(
        code === 'GTOT' || code === 'PICK'
          ? undefined
          : { id: 'https://vocabulary.uncefact.org/unlocode#FRPAR' },
      );
    }
  });

  it('puts the container in epcList, or makes it the parent of the cargo when stuffed', () => {
    const container = 'https://hub.example/id/container/APZU4812090';
    expect(mapOne(actual(equipmentEvent, { equipmentEventTypeCode: 'GTOT' })).epcList).toEqual([container]);
    const stuffed = mapOne(actual(equipmentEvent, { equipmentEventTypeCode: 'STUF' }));
    expect(stuffed.parentID).toBe(container);
    // One container: all of each cargo line went into it.
    expect(stuffed.childQuantityList).toEqual([
      { epcClass: 'https://hub.example/id/shipment/shp_01JD5Z3K8Q6V2W9XKM4T7B1N0C/cargo/1', quantity: 120 },
      { epcClass: 'https://hub.example/id/shipment/shp_01JD5Z3K8Q6V2W9XKM4T7B1N0C/cargo/2', quantity: 4 },
    ]);
    // Several containers: which share of a line is in which one is not known, so no quantity.
    const shared = mapOne(actual(equipmentEvent, { equipmentEventTypeCode: 'STUF' }), {
      ...consignment,
      containerNumbers: ['APZU4812090', 'CSQU3054383'],
    });
    expect(shared.parentID).toBe(container);
    expect(shared.childQuantityList).toEqual([
      { epcClass: 'https://hub.example/id/shipment/shp_01JD5Z3K8Q6V2W9XKM4T7B1N0C/cargo/1' },
      { epcClass: 'https://hub.example/id/shipment/shp_01JD5Z3K8Q6V2W9XKM4T7B1N0C/cargo/2' },
    ]);
    // Stripping empties the container: a DELETE that names no children.
    const stripped = mapOne(actual(equipmentEvent, { equipmentEventTypeCode: 'STRP' }));
    expect(stripped.parentID).toBe(container);
    expect(stripped).not.toHaveProperty('childQuantityList');
    expect(stripped).not.toHaveProperty('childEPCs');
  });

  it('maps transport events to the departure and arrival of the containers on board', () => {
    expect(Object.keys(transportSteps).sort()).toEqual(['ARRI', 'DEPA']);
    const departed = mapOne(transportEvent);
    expect(departed).toMatchObject({
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'departing',
      disposition: 'in_transit',
      readPoint: { id: 'https://vocabulary.uncefact.org/unlocode#FRPAR' },
      // The transport event names no container: the shipment's are on board.
      epcList: ['https://hub.example/id/container/APZU4812090'],
    });
    expect(departed).not.toHaveProperty('bizLocation');
    const arrived = mapOne(actual(transportEvent, { transportEventTypeCode: 'ARRI' }));
    expect(arrived).toMatchObject({
      bizStep: 'arriving',
      disposition: 'in_progress',
      bizLocation: { id: 'https://vocabulary.uncefact.org/unlocode#FRPAR' },
    });
    // A shipment without containers (break bulk, or numbers not known yet): the consignment moves.
    const loose = mapOne(transportEvent, { ...consignment, containerNumbers: [] });
    expect(loose.epcList).toEqual(['https://hub.example/id/shipment/shp_01JD5Z3K8Q6V2W9XKM4T7B1N0C']);
  });

  it('maps shipment events to transaction events on the document they report', () => {
    const statuses = [
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
    ];
    const documentTypes = ['CBR', 'BKG', 'SHI', 'SRM', 'TRD', 'ARN', 'VGM', 'CAS', 'CUS', 'DGD', 'OOG'];
    for (const status of statuses) {
      for (const documentTypeCode of documentTypes) {
        const event = actual(shipmentEvent, {
          shipmentEventTypeCode: status,
          documentTypeCode,
          documentID: 'D-1',
        });
        const mapped = mapOne(event);
        expect(mapped.type).toBe('TransactionEvent');
        expect(mapped.action, status).toBe(shipmentActions[status] ?? 'OBSERVE');
        expect(mapped.bizStep).toBe(status === 'HOLD' ? 'holding' : 'other');
        const reported =
          documentTypeCode === 'TRD'
            ? { type: 'bol', bizTransaction: 'https://hub.example/id/transport-document/D-1' }
            : documentTypeCode === 'BKG' || documentTypeCode === 'CBR'
              ? { type: CARRIER_BOOKING_TYPE, bizTransaction: 'https://hub.example/id/carrier-booking/D-1' }
              : {
                  type: `${DCSA_NAMESPACE}documentType/${documentTypeCode}`,
                  bizTransaction: `https://hub.example/id/dcsa-document/${documentTypeCode}/D-1`,
                };
        expect(mapped.bizTransactionList, `${status} ${documentTypeCode}`).toContainEqual(reported);
      }
    }
    expect(mapOne(actual(shipmentEvent, { shipmentEventTypeCode: 'ISSU' })).action).toBe('ADD');
    expect(mapOne(actual(shipmentEvent, { shipmentEventTypeCode: 'VOID' })).action).toBe('DELETE');
    expect(mapOne(actual(shipmentEvent, { shipmentEventTypeCode: 'RECE' })).action).toBe('OBSERVE');
  });

  it('lists the transport document, the carrier booking and the orders as business transactions', () => {
    const expected = [
      { type: 'bol', bizTransaction: 'https://hub.example/id/transport-document/TDR-0001' },
      { type: CARRIER_BOOKING_TYPE, bizTransaction: 'https://hub.example/id/carrier-booking/ABC709951' },
      { type: 'po', bizTransaction: 'https://hub.example/id/order/ord_01JD5Z3K8Q6V2W9XKM4T7B1N0D' },
    ];
    // The transport event names the shipment's booking again: listed once.
    expect(mapOne(transportEvent).bizTransactionList).toEqual(expected);
    // The shipment event reports on that booking: listed once as well.
    expect(mapOne(shipmentEvent).bizTransactionList).toEqual(expected);
    // A booking the shipment does not hold yet, named by the event, is listed too.
    const early = mapOne(transportEvent, {
      ...consignment,
      carrierBookingReference: null,
      transportDocumentReference: null,
      orderIds: [],
    });
    expect(early.bizTransactionList).toEqual([
      { type: CARRIER_BOOKING_TYPE, bizTransaction: 'https://hub.example/id/carrier-booking/ABC709951' },
    ]);
  });

  it('keeps the whole DCSA event under the dcsa: prefix, so nothing of it is lost', () => {
    for (const event of [shipmentEvent, transportEvent, actual(equipmentEvent)]) {
      const mapped = mapOne(event);
      expect(mapped['dcsa:eventID']).toBe(event.eventID);
      expect(undoExtension(mapped)).toEqual(event);
    }
    const departed = mapOne(transportEvent);
    // The voyage and the call stay with the event, in the DCSA namespace.
    expect(departed['dcsa:transportCall']).toMatchObject({
      'dcsa:exportVoyageNumber': 'FRPAR',
      'dcsa:importVoyageNumber': '2103N',
      'dcsa:carrierServiceCode': 'FE1',
      'dcsa:modeOfTransport': 'VESSEL',
    });
    expect(departed['dcsa:transportEventTypeCode']).toBe('DEPA');
    expect(departed['dcsa:delayReasonCode']).toBe('WEA');
  });

  it('states the event time in UTC with the offset the DCSA time was written in', () => {
    expect(epcisTimeOf('2019-11-12T07:41:00+08:30')).toEqual({
      eventTime: '2019-11-11T23:11:00.000Z',
      eventTimeZoneOffset: '+08:30',
    });
    expect(epcisTimeOf('2026-12-01T08:00:00Z')).toEqual({
      eventTime: '2026-12-01T08:00:00.000Z',
      eventTimeZoneOffset: '+00:00',
    });
    expect(epcisTimeOf('2026-12-01T08:00-05:00').eventTimeZoneOffset).toBe('-05:00');
    // RFC 3339 allows offsets EPCIS cannot state; the instant stays right, the text in dcsa:.
    expect(epcisTimeOf('2026-12-01T08:00:00+15:00')).toEqual({
      eventTime: '2026-11-30T17:00:00.000Z',
      eventTimeZoneOffset: '+00:00',
    });
    expect(() => epcisTimeOf('yesterday')).toThrow();
  });

  it('exports the same events twice: only creationDate differs', () => {
    const events = [shipmentEvent, transportEvent, actual(equipmentEvent)];
    const first = buildEpcisDocument(events, consignment, ids, new Date('2026-11-27T10:00:00Z'));
    const second = buildEpcisDocument(events, consignment, ids, new Date('2026-11-28T11:00:00Z'));
    expect(second.creationDate).not.toBe(first.creationDate);
    expect(JSON.stringify({ ...second, creationDate: '' })).toBe(
      JSON.stringify({ ...first, creationDate: '' }),
    );
  });

  it('names a non-ISO equipment id and odd references with URIs that stay valid', () => {
    const odd = actual(equipmentEvent, {
      equipmentReference: 'TRAILER 7/B',
      eventLocation: { UNLocationCode: 'nlrtm' },
      documentReferences: [
        { documentReferenceType: 'TRD (Transport Document)', documentReferenceValue: 'B/L #1 ü' },
      ],
    });
    const mapped = mapOne(odd);
    expect(mapped.epcList).toEqual(['https://hub.example/id/container/TRAILER7%2FB']);
    expect(mapped.readPoint).toEqual({ id: 'https://vocabulary.uncefact.org/unlocode#NLRTM' });
    expect(mapped.bizTransactionList).toContainEqual({
      type: 'bol',
      bizTransaction: 'https://hub.example/id/transport-document/B%2FL%20%231%20%C3%BC',
    });
  });
});
