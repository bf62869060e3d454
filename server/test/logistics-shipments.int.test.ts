import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// Shipments and DCSA Track & Trace 2.2 events over HTTP: who sees a shipment, who may report on
// it, idempotency by eventID, all-or-nothing batches, and the DCSA query answering the events back.

type Json = Record<string, unknown>;
type Problem = { code: string; index?: number; errors?: { field: string; code: string }[] };

const testEvent = (name: string): Json =>
  JSON.parse(
    readFileSync(
      new URL(`../src/modules/logistics/formats/dcsa-tnt/testdata/${name}.json`, import.meta.url),
      'utf8',
    ),
  );
const shipmentEvent = testEvent('shipment-event');
const transportEvent = testEvent('transport-event');
const equipmentEvent = testEvent('equipment-event');

const orderContent = (seller: Party) => ({
  buyerReference: 'PO-LOG-1',
  currency: 'USD',
  seller: { organisationId: seller.organisationId, name: 'Shipper', country: 'CN' },
  buyer: { name: 'Buyer GmbH', country: 'DE', email: 'buyer@logistics.example' },
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
});

const shipmentBody = (orderId: string, extra: Json = {}) => ({
  reference: 'SHP-REF-1',
  orderIds: [orderId],
  carrierBookingReference: 'ABC709951',
  transportDocumentReference: 'TDR-0001',
  legs: [
    {
      mode: 'sea',
      origin: 'CNNGB',
      destination: 'NLRTM',
      carrierName: 'Carrier Line',
      vesselName: 'King of the Seas',
      vesselIMONumber: '9321483',
      voyageNumber: '2103S',
      plannedDeparture: '2026-12-01T08:00:00+08:00',
      plannedArrival: '2027-01-05T06:00:00+01:00',
    },
  ],
  containers: [
    { number: 'APZU4812090', sizeType: '22G1', seals: ['VET0123456'] },
    { number: 'CSQU 305438 3', sizeType: '45G1' },
  ],
  cargo: [{ hsCode: '950300', description: 'Toy bricks', packages: 120, grossWeightKg: '2450.500' }],
  ...extra,
});

describe('logistics: shipments and DCSA T&T 2.2 events', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let shipper: Party;
  let carrier: Party;
  let forwarder: Party;
  let outsider: Party;
  let orderId: string;
  let shipmentId: string;

  const call = async (party: Party, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await ctx.hub.app.inject({
      method,
      url,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      text: response.body,
      json: <T>() => response.json<T>(),
    };
  };
  const send = (party: Party, event: unknown) =>
    call(party, 'POST', `/api/logistics/events?org=${party.organisationId}`, event);
  const sendBatch = (party: Party, events: unknown[]) =>
    call(party, 'POST', `/api/logistics/events/batch?org=${party.organisationId}`, { events });
  const eventsOf = async (party: Party, query = '') => {
    const res = await call(party, 'GET', `/api/orgs/${party.organisationId}/logistics/events${query}`);
    expect(res.status, res.text).toBe(200);
    return res.json<Json[]>();
  };
  const storedEvents = async () => {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from logistics.tracking_events`.execute(ctx.hub.db.kysely);
    return rows[0]?.n;
  };
  const fieldCodes = (res: { json: <T>() => T }) =>
    (res.json<Problem>().errors ?? []).map((e) => `${e.field} ${e.code}`);

  beforeAll(async () => {
    ctx = await createTestHub();
    shipper = await createParty(ctx.hub, 'Shipper', { kind: 'exporter' });
    carrier = await createParty(ctx.hub, 'Carrier', { kind: 'carrier' });
    forwarder = await createParty(ctx.hub, 'Forwarder', { kind: 'logistics_provider' });
    outsider = await createParty(ctx.hub, 'Outsider', { kind: 'carrier' });
    const order = await call(shipper, 'POST', `/api/orgs/${shipper.organisationId}/orders`, {
      content: orderContent(shipper),
    });
    expect(order.status, order.text).toBe(201);
    orderId = order.json<{ id: string }>().id;
    const created = await call(
      shipper,
      'POST',
      `/api/orgs/${shipper.organisationId}/logistics/shipments`,
      shipmentBody(orderId, {
        carrierOrganisationId: carrier.organisationId,
        forwarderOrganisationId: forwarder.organisationId,
      }),
    );
    expect(created.status, created.text).toBe(201);
    shipmentId = created.json<{ id: string }>().id;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('creates a shipment with its legs, normalised containers and cargo, seen by shipper, carrier and forwarder', async () => {
    for (const [party, role] of [
      [shipper, 'shipper'],
      [carrier, 'carrier'],
      [forwarder, 'forwarder'],
    ] as const) {
      const res = await call(
        party,
        'GET',
        `/api/orgs/${party.organisationId}/logistics/shipments/${shipmentId}`,
      );
      expect(res.status, res.text).toBe(200);
      const body = res.json<Json & { containers: { number: string }[]; myRoles: string[] }>();
      expect(body.myRoles).toContain(role);
      expect(body.containers.map((c) => c.number)).toEqual(['APZU4812090', 'CSQU3054383']);
      expect(body.orderIds).toEqual([orderId]);
      expect(body.cargo).toEqual([
        { hsCode: '950300', description: 'Toy bricks', packages: 120, grossWeightKg: '2450.500' },
      ]);
    }
    const listed = await call(carrier, 'GET', `/api/orgs/${carrier.organisationId}/logistics/shipments`);
    expect(listed.json<{ items: { id: string }[] }>().items.map((s) => s.id)).toEqual([shipmentId]);
  });

  it('answers 404 to another organisation for the shipment, and lists none of it', async () => {
    const res = await call(
      outsider,
      'GET',
      `/api/orgs/${outsider.organisationId}/logistics/shipments/${shipmentId}`,
    );
    expect(res.status).toBe(404);
    expect(res.json<Problem>().code).toBe('logistics.shipment_not_found');
    const madeUp = await call(
      outsider,
      'GET',
      `/api/orgs/${outsider.organisationId}/logistics/shipments/shp_01JD5Z3K8Q6V2W9XKM4T7B1N0C`,
    );
    expect(madeUp.status).toBe(404);
    expect(madeUp.json<Problem>().code).toBe(res.json<Problem>().code);
    const listed = await call(outsider, 'GET', `/api/orgs/${outsider.organisationId}/logistics/shipments`);
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
    // Under the shipper's organisation, the outsider is no member: 404 as well.
    const onShipper = await call(
      outsider,
      'GET',
      `/api/orgs/${shipper.organisationId}/logistics/shipments/${shipmentId}`,
    );
    expect(onShipper.status).toBe(404);
  });

  it('refuses a wrong container check digit, an unknown UN/LOCODE and an order of someone else, each with its code', async () => {
    const url = `/api/orgs/${shipper.organisationId}/logistics/shipments`;
    const digit = await call(
      shipper,
      'POST',
      url,
      shipmentBody(orderId, { containers: [{ number: 'APZU4812091', sizeType: '22G1' }] }),
    );
    expect(digit.status).toBe(400);
    expect(fieldCodes(digit)).toEqual(['containers.0.number kernel.invalid_check_digit']);
    const [leg] = shipmentBody(orderId).legs;
    const place = await call(
      shipper,
      'POST',
      url,
      shipmentBody(orderId, { legs: [{ ...leg, destination: 'NLZZZ' }] }),
    );
    expect(place.status).toBe(400);
    expect(fieldCodes(place)).toEqual(['legs.0.destination kernel.unknown_code']);
    const theirs = await call(
      outsider,
      'POST',
      `/api/orgs/${outsider.organisationId}/logistics/shipments`,
      shipmentBody(orderId),
    );
    expect(theirs.status).toBe(400);
    expect(fieldCodes(theirs)).toEqual(['orderIds.0 logistics.unknown_order']);
    const weight = await call(
      shipper,
      'POST',
      url,
      shipmentBody(orderId, {
        cargo: [{ hsCode: '950300', description: 'x', packages: 1, grossWeightKg: '0' }],
      }),
    );
    expect(fieldCodes(weight)).toEqual(['cargo.0.grossWeightKg kernel.invalid_format']);
  });

  it('ingests every test event and serves it back unchanged, by DCSA query', async () => {
    for (const event of [shipmentEvent, transportEvent, equipmentEvent]) {
      const res = await send(carrier, event);
      expect(res.status, res.text).toBe(201);
      expect(res.json<Json>()).toMatchObject({ status: 'accepted', shipmentId, eventID: event.eventID });
    }
    for (const party of [shipper, carrier, forwarder]) {
      expect(await eventsOf(party)).toEqual([shipmentEvent, transportEvent, equipmentEvent]);
    }
    expect(await eventsOf(shipper, '?eventType=EQUIPMENT')).toEqual([equipmentEvent]);
    expect(await eventsOf(shipper, '?eventType=SHIPMENT,TRANSPORT')).toEqual([shipmentEvent, transportEvent]);
    expect(await eventsOf(shipper, '?shipmentEventTypeCode=CONF')).toEqual([shipmentEvent]);
    expect(await eventsOf(shipper, '?shipmentEventTypeCode=RECE')).toEqual([]);
    expect(await eventsOf(shipper, '?equipmentReference=APZU4812090')).toEqual([equipmentEvent]);
    expect(await eventsOf(shipper, '?transportDocumentReference=TDR-0001')).toHaveLength(3);
    expect(await eventsOf(shipper, '?carrierBookingReference=ABC709951')).toHaveLength(3);
    expect(await eventsOf(shipper, '?carrierBookingReference=NOPE')).toEqual([]);
    // DCSA's contradicting filters answer nothing.
    expect(await eventsOf(shipper, '?shipmentEventTypeCode=CONF&equipmentEventTypeCode=LOAD')).toEqual([]);
    expect(await eventsOf(outsider)).toEqual([]);
    const detail = await call(
      shipper,
      'GET',
      `/api/orgs/${shipper.organisationId}/logistics/shipments/${shipmentId}`,
    );
    expect(detail.json<{ events: Json[] }>().events).toEqual([shipmentEvent, transportEvent, equipmentEvent]);
  });

  it('pages through events with limit and the Next-Page cursor', async () => {
    const first = await call(shipper, 'GET', `/api/orgs/${shipper.organisationId}/logistics/events?limit=2`);
    expect(first.json<Json[]>()).toEqual([shipmentEvent, transportEvent]);
    expect(first.headers['api-version']).toBe('2.2.0');
    const next = String(first.headers['next-page']);
    expect(next).toContain('cursor=');
    const second = await call(shipper, 'GET', next);
    expect(second.json<Json[]>()).toEqual([equipmentEvent]);
    expect(second.headers['next-page']).toBeUndefined();
    const foreign = await call(
      shipper,
      'GET',
      `/api/orgs/${shipper.organisationId}/logistics/events?cursor=bm9wZQ`,
    );
    expect(foreign.status).toBe(400);
  });

  it('orders a late event by the time it happened, not by arrival', async () => {
    const late = {
      ...transportEvent,
      eventID: '0c1b9f4e-6d6e-4a5c-9a51-3a8f8e1f0001',
      transportEventTypeCode: 'ARRI',
      eventDateTime: '2019-11-01T00:00:00Z',
    };
    expect((await send(forwarder, late)).status).toBe(201);
    const events = await eventsOf(shipper, '?eventType=TRANSPORT');
    expect(events.map((e) => e.eventID)).toEqual([late.eventID, transportEvent.eventID]);
  });

  it('replays an event sent again and refuses its id with other content', async () => {
    const before = await storedEvents();
    const again = await send(carrier, equipmentEvent);
    expect(again.status, again.text).toBe(200);
    expect(again.json<Json>()).toMatchObject({ status: 'replayed', shipmentId });
    const changed = await send(carrier, { ...equipmentEvent, equipmentEventTypeCode: 'DISC' });
    expect(changed.status).toBe(409);
    expect(changed.json<Problem>().code).toBe('logistics.event_conflict');
    expect(await storedEvents()).toBe(before);
  });

  it('answers 404 and stores nothing for an event on a shipment the sender may not report on', async () => {
    const before = await storedEvents();
    const fresh = { ...equipmentEvent, eventID: '0c1b9f4e-6d6e-4a5c-9a51-3a8f8e1f0002' };
    const res = await send(outsider, fresh);
    expect(res.status).toBe(404);
    expect(res.json<Problem>().code).toBe('logistics.shipment_not_found');
    // A party that sees the shipment but is no shipper, forwarder or carrier may not report either.
    const buyerLike = await createParty(ctx.hub, 'Viewer', { kind: 'importer' });
    expect((await send(buyerLike, fresh)).status).toBe(404);
    expect(await storedEvents()).toBe(before);
  });

  it('refuses bad events with their field and code', async () => {
    const fresh = (overrides: Json) => ({
      ...equipmentEvent,
      eventID: '0c1b9f4e-6d6e-4a5c-9a51-3a8f8e1f0003',
      ...overrides,
    });
    const future = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    const cases: [Json, string][] = [
      [fresh({ equipmentReference: 'APZU4812091' }), 'equipmentReference kernel.invalid_check_digit'],
      [fresh({ equipmentEventTypeCode: 'XXXX' }), 'equipmentEventTypeCode kernel.unknown_code'],
      [
        fresh({ eventLocation: { UNLocationCode: 'NLZZZ' } }),
        'eventLocation.UNLocationCode kernel.unknown_code',
      ],
      [
        fresh({ eventClassifierCode: 'ACT', eventDateTime: future }),
        'eventDateTime logistics.event_time_in_future',
      ],
      [fresh({ emptyIndicatorCode: undefined }), 'emptyIndicatorCode kernel.required'],
    ];
    const before = await storedEvents();
    for (const [event, expected] of cases) {
      const res = await send(carrier, event);
      expect(res.status, res.text).toBe(400);
      expect(fieldCodes(res)).toEqual([expected]);
    }
    expect(await storedEvents()).toBe(before);
  });

  it('stores a batch all or nothing, naming the index of the event that failed', async () => {
    const before = await storedEvents();
    const good = {
      ...shipmentEvent,
      eventID: '0c1b9f4e-6d6e-4a5c-9a51-3a8f8e1f0004',
      shipmentEventTypeCode: 'RELS',
    };
    const bad = {
      ...equipmentEvent,
      eventID: '0c1b9f4e-6d6e-4a5c-9a51-3a8f8e1f0005',
      equipmentReference: 'APZU4812091',
    };
    const malformed = await sendBatch(carrier, [good, bad]);
    expect(malformed.status).toBe(400);
    expect(malformed.json<Problem>().index).toBe(1);
    expect(fieldCodes(malformed)).toEqual(['events.1.equipmentReference kernel.invalid_check_digit']);
    const elsewhere = { ...bad, equipmentReference: 'MSCU1234566' };
    const unknown = await sendBatch(carrier, [good, elsewhere]);
    expect(unknown.status).toBe(404);
    expect(unknown.json<Problem>()).toMatchObject({ code: 'logistics.shipment_not_found', index: 1 });
    expect(await storedEvents()).toBe(before);
    const accepted = await sendBatch(carrier, [good, shipmentEvent]);
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json<{ outcomes: Json[] }>().outcomes.map((o) => o.status)).toEqual([
      'accepted',
      'replayed',
    ]);
    expect(await storedEvents()).toBe((before ?? 0) + 1);
  });

  it('answers random mutations of the test events with 2xx, 400, 404 or 409, never a 500', async () => {
    const junk = fc.oneof(
      fc.constant(null),
      fc.integer(),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('XXXX', 'NLZZZ', 'APZU4812091', '2099-01-01T00:00:00Z', '', 'BKG', 'TRD'),
    );
    const keys = fc.constantFrom(
      'eventID',
      'eventType',
      'eventClassifierCode',
      'eventDateTime',
      'eventCreatedDateTime',
      'documentTypeCode',
      'documentID',
      'equipmentReference',
      'equipmentEventTypeCode',
      'transportCall',
      'eventLocation',
      'seals',
    );
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(shipmentEvent, transportEvent, equipmentEvent),
        fc.array(fc.tuple(keys, fc.option(junk, { nil: undefined })), { minLength: 1, maxLength: 3 }),
        fc.uuid({ version: 4 }),
        async (base, changes, eventID) => {
          const event: Json = { ...base, eventID };
          for (const [key, value] of changes) {
            if (value === undefined) {
              delete event[key];
            } else {
              event[key] = value;
            }
          }
          const res = await send(carrier, event);
          seen.add(res.status);
          expect([200, 201, 400, 404, 409], res.text).toContain(res.status);
          if (res.status === 400) {
            expect(res.json<Problem>().errors?.length ?? 0).toBeGreaterThan(0);
          }
        },
      ),
      { seed: 2022, numRuns: 80 },
    );
    expect(seen.has(400)).toBe(true);
  });
});
