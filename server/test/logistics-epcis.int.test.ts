import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateEpcisJson } from '../src/modules/logistics/index.ts';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// The EPCIS 2.0 export of a shipment's trace over HTTP: every party of the shipment gets a
// document the official GS1 schema accepts, with the actual DCSA events in event-time order;
// anyone else gets the 404 of a shipment that does not exist.

type Json = Record<string, unknown>;
type EpcisDocument = {
  '@context': unknown[];
  type: string;
  schemaVersion: string;
  creationDate: string;
  epcisBody: { eventList: Json[] };
};

const testEvent = (name: string): Json =>
  JSON.parse(
    readFileSync(
      new URL(`../src/modules/logistics/formats/dcsa-tnt/testdata/${name}.json`, import.meta.url),
      'utf8',
    ),
  );

const hub = 'http://localhost:8080/id';

/** An actual equipment event on container APZU4812090 at Ningbo, `at` in China's time. */
const equipment = (code: string, at: string, extra: Json = {}): Json => ({
  eventID: randomUUID(),
  eventCreatedDateTime: '2026-11-20T10:00:00+08:00',
  eventType: 'EQUIPMENT',
  eventClassifierCode: 'ACT',
  eventDateTime: at,
  equipmentEventTypeCode: code,
  equipmentReference: 'APZU4812090',
  ISOEquipmentCode: '22G1',
  emptyIndicatorCode: 'LADEN',
  eventLocation: { UNLocationCode: 'CNNGB' },
  ...extra,
});

const transport = (code: string, at: string, place: string, extra: Json = {}): Json => ({
  eventID: randomUUID(),
  eventCreatedDateTime: '2026-11-20T10:00:00+08:00',
  eventType: 'TRANSPORT',
  eventClassifierCode: 'ACT',
  eventDateTime: at,
  transportEventTypeCode: code,
  transportCall: {
    transportCallID: randomUUID(),
    modeOfTransport: 'VESSEL',
    UNLocationCode: place,
    exportVoyageNumber: '2103S',
    vessel: 'King of the Seas',
  },
  documentReferences: [
    { documentReferenceType: 'TRD (Transport Document)', documentReferenceValue: 'EPC-TD-1' },
  ],
  ...extra,
});

describe('logistics: EPCIS 2.0 export of a shipment trace', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let shipper: Party;
  let carrier: Party;
  let forwarder: Party;
  let outsider: Party;
  let orderId: string;
  let shipmentId: string;
  let emptyShipmentId: string;
  // In the order they happened; they are sent in another.
  let trace: Json[];
  let planned: Json;

  const call = async (party: Party, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await ctx.hub.app.inject({
      method,
      url,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, headers: response.headers, text: response.body };
  };
  const exportOf = (party: Party, id: string) =>
    call(party, 'GET', `/api/orgs/${party.organisationId}/logistics/shipments/${id}/epcis`);
  const documentOf = async (party: Party, id: string) => {
    const res = await exportOf(party, id);
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    return JSON.parse(res.text) as EpcisDocument;
  };

  const createShipment = async (reference: string, booking: string, document: string, containers: Json[]) => {
    const created = await call(shipper, 'POST', `/api/orgs/${shipper.organisationId}/logistics/shipments`, {
      reference,
      orderIds: [orderId],
      carrierOrganisationId: carrier.organisationId,
      forwarderOrganisationId: forwarder.organisationId,
      carrierBookingReference: booking,
      transportDocumentReference: document,
      legs: [
        {
          mode: 'sea',
          origin: 'CNNGB',
          destination: 'NLRTM',
          vesselName: 'King of the Seas',
          voyageNumber: '2103S',
          plannedDeparture: '2026-12-01T08:00:00+08:00',
          plannedArrival: '2027-01-05T06:00:00+01:00',
        },
      ],
      containers,
      cargo: [{ hsCode: '950300', description: 'Toy bricks', packages: 120, grossWeightKg: '2450.500' }],
    });
    expect(created.status, created.text).toBe(201);
    return (JSON.parse(created.text) as { id: string }).id;
  };

  beforeAll(async () => {
    ctx = await createTestHub();
    shipper = await createParty(ctx.hub, 'EpcisShipper', { kind: 'exporter' });
    carrier = await createParty(ctx.hub, 'EpcisCarrier', { kind: 'carrier' });
    forwarder = await createParty(ctx.hub, 'EpcisForwarder', { kind: 'logistics_provider' });
    outsider = await createParty(ctx.hub, 'EpcisOutsider', { kind: 'carrier' });
    const order = await call(shipper, 'POST', `/api/orgs/${shipper.organisationId}/orders`, {
      content: {
        buyerReference: 'PO-EPCIS-1',
        currency: 'USD',
        seller: { organisationId: shipper.organisationId, name: 'Shipper', country: 'CN' },
        buyer: { name: 'Buyer GmbH', country: 'DE', email: 'buyer@epcis.example' },
        incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB' } },
        paymentTerms: 'T/T',
        lines: [
          {
            descriptionEn: 'Toy bricks',
            hsCode: '950300',
            quantity: '100',
            unitCode: 'H87',
            unitPrice: { amount: '2.00', currency: 'USD' },
          },
        ],
      },
    });
    expect(order.status, order.text).toBe(201);
    orderId = (JSON.parse(order.text) as { id: string }).id;
    shipmentId = await createShipment('EPC-1', 'EPC-BKG-1', 'EPC-TD-1', [
      { number: 'APZU4812090', sizeType: '22G1', seals: ['VET0123456'] },
    ]);
    emptyShipmentId = await createShipment('EPC-2', 'EPC-BKG-2', 'EPC-TD-2', []);

    trace = [
      {
        ...testEvent('shipment-event'),
        eventID: randomUUID(),
        eventDateTime: '2026-10-28T09:00:00+08:00',
        shipmentEventTypeCode: 'CONF',
        documentTypeCode: 'BKG',
        documentID: 'EPC-BKG-1',
      },
      equipment('STUF', '2026-10-30T14:00:00+08:00'),
      equipment('GTIN', '2026-10-31T08:30:00+08:00'),
      equipment('LOAD', '2026-11-01T06:00:00+08:00'),
      transport('DEPA', '2026-11-01T12:00:00+08:00', 'CNNGB'),
      transport('ARRI', '2026-11-15T07:00:00+01:00', 'NLRTM'),
      equipment('DISC', '2026-11-15T11:00:00+01:00', { eventLocation: { UNLocationCode: 'NLRTM' } }),
      equipment('STRP', '2026-11-18T09:00:00+01:00', { eventLocation: { UNLocationCode: 'NLRTM' } }),
    ];
    // An estimate EPCIS leaves out: it records what happened.
    planned = transport('ARRI', '2026-11-14T07:00:00+01:00', 'NLRTM', { eventClassifierCode: 'EST' });
    // The carrier reports late and out of order: arrival before stuffing, and one event much later.
    const [confirmed, stuffed, gateIn, loaded, departed, arrived, discharged, stripped] = trace;
    const batch = await call(carrier, 'POST', `/api/logistics/events/batch?org=${carrier.organisationId}`, {
      events: [arrived, planned, discharged, confirmed, departed, loaded, stuffed, stripped],
    });
    expect(batch.status, batch.text).toBe(200);
    const late = await call(carrier, 'POST', `/api/logistics/events?org=${carrier.organisationId}`, gateIn);
    expect(late.status, late.text).toBe(201);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('gives every party of the shipment the actual events in event-time order, as schema-valid EPCIS 2.0', async () => {
    for (const party of [shipper, carrier, forwarder]) {
      const document = await documentOf(party, shipmentId);
      expect(validateEpcisJson(document)).toEqual({ ok: true });
      expect(document.type).toBe('EPCISDocument');
      expect(document.schemaVersion).toBe('2.0');
      expect(document['@context'][0]).toBe('https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld');
      const events = document.epcisBody.eventList;
      expect(events.map((e) => e.eventID)).toEqual(trace.map((e) => `urn:uuid:${e.eventID}`));
      expect(events.map((e) => [e.type, e.bizStep, e.action])).toEqual([
        ['TransactionEvent', 'other', 'ADD'],
        ['AggregationEvent', 'packing', 'ADD'],
        ['ObjectEvent', 'arriving', 'OBSERVE'],
        ['ObjectEvent', 'loading', 'OBSERVE'],
        ['ObjectEvent', 'departing', 'OBSERVE'],
        ['ObjectEvent', 'arriving', 'OBSERVE'],
        ['ObjectEvent', 'unloading', 'OBSERVE'],
        ['AggregationEvent', 'unpacking', 'DELETE'],
      ]);
      expect(JSON.stringify(events)).not.toContain(String(planned.eventID));
    }
  });

  it('names the container, the places and the business transactions of the shipment', async () => {
    const events = (await documentOf(shipper, shipmentId)).epcisBody.eventList;
    const [confirmed, stuffed, , loaded, departed, arrived] = events as Json[];
    expect(stuffed).toMatchObject({
      parentID: `${hub}/container/APZU4812090`,
      childQuantityList: [{ epcClass: `${hub}/shipment/${shipmentId}/cargo/1`, quantity: 120 }],
      readPoint: { id: 'https://vocabulary.uncefact.org/unlocode#CNNGB' },
    });
    expect(loaded?.epcList).toEqual([`${hub}/container/APZU4812090`]);
    expect(loaded?.eventTime).toBe('2026-10-31T22:00:00.000Z');
    expect(loaded?.eventTimeZoneOffset).toBe('+08:00');
    expect(arrived).toMatchObject({
      eventTimeZoneOffset: '+01:00',
      bizLocation: { id: 'https://vocabulary.uncefact.org/unlocode#NLRTM' },
      disposition: 'in_progress',
    });
    expect(departed?.disposition).toBe('in_transit');
    const transactions = [
      { type: 'bol', bizTransaction: `${hub}/transport-document/EPC-TD-1` },
      {
        type: 'https://tradehub.dev/ns/dcsa-tnt/2.2/carrierBooking',
        bizTransaction: `${hub}/carrier-booking/EPC-BKG-1`,
      },
      { type: 'po', bizTransaction: `${hub}/order/${orderId}` },
    ];
    expect(confirmed?.bizTransactionList).toEqual(transactions);
    expect(departed?.bizTransactionList).toEqual(transactions);
    // The DCSA event rides along under dcsa:, voyage and vessel included.
    expect(departed?.['dcsa:eventID']).toBe(trace[4]?.eventID);
    expect(departed?.['dcsa:transportCall']).toMatchObject({
      'dcsa:exportVoyageNumber': '2103S',
      'dcsa:vessel': 'King of the Seas',
    });
  });

  it('exports the same trace twice identically, apart from creationDate', async () => {
    const first = await documentOf(carrier, shipmentId);
    const second = await documentOf(carrier, shipmentId);
    expect({ ...second, creationDate: '' }).toEqual({ ...first, creationDate: '' });
  });

  it('exports a shipment without events as a valid document with an empty event list', async () => {
    const document = await documentOf(forwarder, emptyShipmentId);
    expect(validateEpcisJson(document)).toEqual({ ok: true });
    expect(document.epcisBody.eventList).toEqual([]);
  });

  it('exports the DCSA test events: the actual ones, each schema-valid', async () => {
    const id = await createShipment('EPC-3', 'ABC709951', 'EPC-TD-3', [
      { number: 'APZU4812090', sizeType: '22G1', seals: [] },
    ]);
    const examples = ['shipment-event', 'transport-event', 'equipment-event'].map(testEvent);
    const sent = await call(carrier, 'POST', `/api/logistics/events/batch?org=${carrier.organisationId}`, {
      events: examples,
    });
    expect(sent.status, sent.text).toBe(200);
    const document = await documentOf(shipper, id);
    expect(validateEpcisJson(document)).toEqual({ ok: true });
    // The equipment example is an estimate (EST), left out; the other two happened.
    expect(document.epcisBody.eventList.map((e) => e.eventID)).toEqual([
      'urn:uuid:3cecb101-7a1a-43a4-9d62-e88a131651e2',
      'urn:uuid:5e51e72c-d872-11ea-811c-0242ac130003',
    ]);
  });

  it('answers 404 to an organisation that is no party of the shipment, as for one that does not exist', async () => {
    const foreign = await exportOf(outsider, shipmentId);
    const missing = await exportOf(outsider, 'shp_does_not_exist');
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    const shape = (text: string) => {
      const { code, status } = JSON.parse(text) as { code: string; status: number };
      return { code, status };
    };
    expect(shape(foreign.text)).toEqual({ code: 'logistics.shipment_not_found', status: 404 });
    expect(shape(foreign.text)).toEqual(shape(missing.text));
    expect(foreign.text).not.toContain('APZU4812090');
    // The outsider naming the shipper's organisation is refused before any shipment is looked at.
    const asShipper = await call(
      outsider,
      'GET',
      `/api/orgs/${shipper.organisationId}/logistics/shipments/${shipmentId}/epcis`,
    );
    expect(asShipper.status).toBe(404);
    expect(asShipper.text).not.toContain('APZU4812090');
  });
});
