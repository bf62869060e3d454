import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub, type Hub } from '../src/app.ts';
import { createArgon2PasswordHasher } from '../src/modules/identity/index.ts';
import { type CodeLists, loadCodeLists } from '../src/platform/codes/index.ts';
import { createLogger } from '../src/platform/logging/index.ts';
import { createTestDatabase, type TestDatabase } from './support/test-db.ts';
import { createParty, type Party, testLogDir } from './support/test-hub.ts';

// Multimodal plans over HTTP: a road + sea shipment (Yiwu by road to Ningbo, by sea to Hamburg)
// planned against the carrier's DCSA transport events, with places named and positioned from
// UN/LOCODE entries an operator imported; the route preview's continuity check, shared with
// shipment creation; and the plan hidden from anyone not party to the shipment.

type Json = Record<string, unknown>;
type Problem = { code: string; errors?: { field: string; code: string }[] };

// Entries as `tradehub codes import-unlocode` stores them (DDMM converted to decimal degrees with
// 6 places). Where the shipped subset has a code too, its entry comes first (platform/codes), so
// the expected places are read from the list the hub loads. CNYW9 stands for an entry only an
// import has (the shipped subset has no such code): its name and position prove imported entries
// reach the plan.
const imported = [
  { code: 'CNYIW', name: 'Yiwu', latitude: '29.300000', longitude: '120.066667', functions: '-23-----' },
  { code: 'CNNGB', name: 'Ningbo', latitude: '29.866667', longitude: '121.550000', functions: '1234----' },
  { code: 'DEHAM', name: 'Hamburg', latitude: '53.550000', longitude: '9.983333', functions: '12345---' },
  { code: 'DEDUI', name: 'Duisburg', latitude: '51.433333', longitude: '6.750000', functions: '123-----' },
  { code: 'CNSHA', name: 'Shanghai', latitude: '31.233333', longitude: '121.483333', functions: '12345---' },
  {
    code: 'CNYW9',
    name: 'Yiwu West rail yard',
    latitude: '29.310000',
    longitude: '119.990000',
    functions: '-2------',
  },
];
type ExpectedPlace = { code: string; name: string | null; latitude: string | null; longitude: string | null };
let loaded: CodeLists;
const placeOf = (code: string): ExpectedPlace => {
  const entry = loaded.unlocodes.lookup(code);
  return {
    code,
    name: entry?.name ?? null,
    latitude: entry?.coordinates?.lat.toFixed(6) ?? null,
    longitude: entry?.coordinates?.lon.toFixed(6) ?? null,
  };
};

const legs = [
  {
    mode: 'road',
    origin: 'CNYIW',
    destination: 'CNNGB',
    carrierName: 'Yiwu Trucking',
    plannedDeparture: '2026-10-01T08:00:00+08:00',
    plannedArrival: '2026-10-01T14:00:00+08:00',
  },
  {
    mode: 'sea',
    origin: 'CNNGB',
    destination: 'DEHAM',
    carrierName: 'Carrier Line',
    vesselName: 'King of the Seas',
    vesselIMONumber: '9321483',
    voyageNumber: '2103W',
    plannedDeparture: '2026-10-03T10:00:00+08:00',
    plannedArrival: '2026-11-05T06:00:00+01:00',
  },
];

const BOOKING = 'PLAN-BKG-1';

/** A DCSA T&T 2.2 transport event on the shipment's booking. */
const transportEvent = (
  code: 'DEPA' | 'ARRI',
  classifier: 'ACT' | 'EST',
  at: string,
  location: string,
  call: Json = {},
): Json => ({
  eventID: randomUUID(),
  eventCreatedDateTime: '2026-11-01T00:00:00Z',
  eventType: 'TRANSPORT',
  eventClassifierCode: classifier,
  eventDateTime: at,
  transportEventTypeCode: code,
  transportCall: {
    transportCallID: randomUUID(),
    modeOfTransport: 'VESSEL',
    UNLocationCode: location,
    ...call,
  },
  documentReferences: [{ documentReferenceType: 'BKG (Booking)', documentReferenceValue: BOOKING }],
});

describe('logistics: multimodal plans', () => {
  let db: TestDatabase;
  let hub: Hub;
  let shipper: Party;
  let forwarder: Party;
  let carrier: Party;
  let outsider: Party;
  let orderId: string;
  let shipmentId: string;

  const call = async (party: Party | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await hub.app.inject({
      method,
      url,
      headers: party === null ? {} : { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, text: response.body, json: <T>() => response.json<T>() };
  };
  const fieldCodes = (res: { json: <T>() => T }) =>
    (res.json<Problem>().errors ?? []).map((e) => `${e.field} ${e.code}`);
  const planOf = (party: Party, id = shipmentId) =>
    call(party, 'GET', `/api/orgs/${party.organisationId}/logistics/shipments/${id}/plan`);
  const shipments = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from logistics.shipments`.execute(hub.db.kysely))
      .rows[0]?.n;

  beforeAll(async () => {
    db = await createTestDatabase();
    // What an operator's import leaves in the database; the hub loads it at start.
    for (const entry of imported) {
      await sql`insert into codes.unlocode_entries
        (code, country, location, name, name_ascii, functions, latitude, longitude, source)
        values (${entry.code}, ${entry.code.slice(0, 2)}, ${entry.code.slice(2)}, ${entry.name}, ${entry.name},
                ${entry.functions}, ${entry.latitude}, ${entry.longitude}, 'test import')
        on conflict (code) do nothing`.execute(db.kysely);
    }
    loaded = await loadCodeLists(db.kysely);
    mkdirSync(testLogDir, { recursive: true });
    hub = await buildHub({
      config: {
        publicUrl: 'http://localhost:8080',
        bodyLimitBytes: 1024 * 1024,
        writeRateMax: 10_000,
        webDistDir: '/nonexistent',
      },
      db,
      logger: createLogger({
        level: 'debug',
        destination: pino.destination({
          dest: `${testLogDir}logistics-plans-${process.pid}.log`,
          sync: true,
        }),
      }),
      passwords: createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    });
    shipper = await createParty(hub, 'YiwuExporter', { kind: 'exporter' });
    forwarder = await createParty(hub, 'NingboForwarder', { kind: 'logistics_provider' });
    carrier = await createParty(hub, 'Carrier', { kind: 'carrier' });
    outsider = await createParty(hub, 'Outsider', { kind: 'carrier' });
    const order = await call(shipper, 'POST', `/api/orgs/${shipper.organisationId}/orders`, {
      content: {
        buyerReference: 'PO-PLAN-1',
        currency: 'USD',
        seller: { organisationId: shipper.organisationId, name: 'Yiwu Exporter', country: 'CN' },
        buyer: { name: 'Buyer GmbH', country: 'DE', email: 'buyer@plans.example' },
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
    orderId = order.json<{ id: string }>().id;
    const created = await call(shipper, 'POST', `/api/orgs/${shipper.organisationId}/logistics/shipments`, {
      reference: 'YW-PLAN-1',
      orderIds: [orderId],
      forwarderOrganisationId: forwarder.organisationId,
      carrierOrganisationId: carrier.organisationId,
      carrierBookingReference: BOOKING,
      legs,
      cargo: [{ hsCode: '950300', description: 'Toy bricks', packages: 120, grossWeightKg: '2450.500' }],
    });
    expect(created.status, created.text).toBe(201);
    shipmentId = created.json<{ id: string }>().id;
  });

  afterAll(async () => {
    await hub?.close();
    await db?.close();
  });

  it('answers the plan before any event: named, positioned places, transshipment dwell, planned transit, no position', async () => {
    const res = await planOf(shipper);
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toEqual({
      shipmentId,
      reference: 'YW-PLAN-1',
      legs: [
        {
          index: 0,
          mode: 'road',
          origin: placeOf('CNYIW'),
          destination: placeOf('CNNGB'),
          carrierName: 'Yiwu Trucking',
          plannedDeparture: '2026-10-01T08:00:00+08:00',
          plannedArrival: '2026-10-01T14:00:00+08:00',
          status: 'planned',
        },
        {
          index: 1,
          mode: 'sea',
          origin: placeOf('CNNGB'),
          destination: placeOf('DEHAM'),
          carrierName: 'Carrier Line',
          vesselName: 'King of the Seas',
          voyageNumber: '2103W',
          plannedDeparture: '2026-10-03T10:00:00+08:00',
          plannedArrival: '2026-11-05T06:00:00+01:00',
          status: 'planned',
        },
      ],
      // In Ningbo from 14:00 on 1 October to 10:00 on 3 October.
      transshipmentPoints: [{ ...placeOf('CNNGB'), afterLegIndex: 0, dwellMinutes: 44 * 60 }],
      // 2026-10-01T00:00Z to 2026-11-05T05:00Z.
      plannedTransitMinutes: (35 * 24 + 5) * 60,
      position: null,
    });
  });

  it('plans against the carrier events: actual and estimated times, delays, actual dwell and the position between ports', async () => {
    const sent = await call(carrier, 'POST', `/api/logistics/events/batch?org=${carrier.organisationId}`, {
      events: [
        transportEvent('DEPA', 'ACT', '2026-10-01T09:30:00+08:00', 'CNYIW', { modeOfTransport: 'TRUCK' }),
        transportEvent('ARRI', 'ACT', '2026-10-01T15:00:00+08:00', 'CNNGB', { modeOfTransport: 'TRUCK' }),
        // The vessel's departure carries its own position (the anchorage off Zhoushan).
        transportEvent('DEPA', 'ACT', '2026-10-03T13:00:00+08:00', 'CNNGB', {
          vessel: 'King of the Seas',
          location: { locationName: 'Zhoushan anchorage', latitude: '29.9400', longitude: '122.2100' },
        }),
        transportEvent('ARRI', 'EST', '2026-11-05T20:00:00+01:00', 'DEHAM'),
      ],
    });
    expect(sent.status, sent.text).toBe(200);
    const plan = (await planOf(shipper)).json<Json & { legs: Json[]; transshipmentPoints: Json[] }>();
    expect(plan.legs[0]).toMatchObject({
      status: 'arrived',
      actualDeparture: '2026-10-01T09:30:00+08:00',
      actualArrival: '2026-10-01T15:00:00+08:00',
      departureDelayMinutes: 90,
      arrivalDelayMinutes: 60,
    });
    expect(plan.legs[1]).toMatchObject({
      status: 'departed',
      actualDeparture: '2026-10-03T13:00:00+08:00',
      estimatedArrival: '2026-11-05T20:00:00+01:00',
      departureDelayMinutes: 180,
      arrivalDelayMinutes: 14 * 60,
    });
    expect(plan.legs[1]).not.toHaveProperty('actualArrival');
    // 15:00 on 1 October to 13:00 on 3 October.
    expect(plan.transshipmentPoints).toEqual([
      { ...placeOf('CNNGB'), afterLegIndex: 0, dwellMinutes: 44 * 60, actualDwellMinutes: 46 * 60 },
    ]);
    expect(plan.position).toEqual({
      place: { ...placeOf('CNNGB'), latitude: '29.9400', longitude: '122.2100' },
      legIndex: 1,
      status: 'between',
      nextPlace: placeOf('DEHAM'),
      asOf: '2026-10-03T13:00:00+08:00',
    });
    expect(plan).not.toHaveProperty('actualTransitMinutes');
    // The forwarder and the carrier see the same plan.
    for (const party of [forwarder, carrier]) {
      expect((await planOf(party)).json()).toEqual(plan);
    }
  });

  it('is at Hamburg once the vessel arrives, with the actual transit time', async () => {
    const sent = await call(
      carrier,
      'POST',
      `/api/logistics/events?org=${carrier.organisationId}`,
      transportEvent('ARRI', 'ACT', '2026-11-05T22:00:00+01:00', 'DEHAM'),
    );
    expect(sent.status, sent.text).toBe(201);
    const plan = (await planOf(shipper)).json<Json & { legs: Json[] }>();
    expect(plan.legs[1]).toMatchObject({
      status: 'arrived',
      actualArrival: '2026-11-05T22:00:00+01:00',
      arrivalDelayMinutes: 16 * 60,
    });
    expect(plan.position).toEqual({
      place: placeOf('DEHAM'),
      legIndex: 1,
      status: 'at',
      asOf: '2026-11-05T22:00:00+01:00',
    });
    // 2026-10-01T01:30Z to 2026-11-05T21:00Z.
    expect(plan.actualTransitMinutes).toBe((35 * 24 + 19) * 60 + 30);
  });

  it('answers 404 to an organisation that is no party, the same as for a shipment that does not exist', async () => {
    const res = await planOf(outsider);
    expect(res.status).toBe(404);
    expect(res.json<Problem>().code).toBe('logistics.shipment_not_found');
    const madeUp = await planOf(outsider, 'shp_01JD5Z3K8Q6V2W9XKM4T7B1N0C');
    expect(madeUp.status).toBe(404);
    expect(madeUp.json<Problem>().code).toBe('logistics.shipment_not_found');
    // Under the shipper's organisation the outsider is no member.
    const onShipper = await call(
      outsider,
      'GET',
      `/api/orgs/${shipper.organisationId}/logistics/shipments/${shipmentId}/plan`,
    );
    expect(onShipper.status).toBe(404);
    expect(onShipper.text).not.toContain('YW-PLAN-1');
  });

  it('previews a route for the booking form: Yiwu by road to Ningbo by sea to Hamburg, and Yiwu by rail to Duisburg', async () => {
    const res = await call(shipper, 'POST', '/api/logistics/route-plans/preview', { legs });
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toEqual({
      legs: [
        {
          index: 0,
          mode: 'road',
          origin: placeOf('CNYIW'),
          destination: placeOf('CNNGB'),
          plannedDeparture: legs[0]?.plannedDeparture,
          plannedArrival: legs[0]?.plannedArrival,
          plannedMinutes: 6 * 60,
        },
        {
          index: 1,
          mode: 'sea',
          origin: placeOf('CNNGB'),
          destination: placeOf('DEHAM'),
          plannedDeparture: legs[1]?.plannedDeparture,
          plannedArrival: legs[1]?.plannedArrival,
          plannedMinutes: (33 * 24 + 3) * 60,
        },
      ],
      transshipmentPoints: [{ ...placeOf('CNNGB'), afterLegIndex: 0, dwellMinutes: 44 * 60 }],
      plannedTransitMinutes: (35 * 24 + 5) * 60,
    });
    const rail = await call(shipper, 'POST', '/api/logistics/route-plans/preview', {
      legs: [
        {
          mode: 'rail',
          origin: 'CNYW9',
          destination: 'DEDUI',
          trainNumber: 'X8024',
          plannedDeparture: '2026-10-01T10:00:00+08:00',
          plannedArrival: '2026-10-17T10:00:00+02:00',
        },
      ],
    });
    expect(rail.status, rail.text).toBe(200);
    expect(rail.json()).toEqual({
      legs: [
        expect.objectContaining({
          origin: {
            code: 'CNYW9',
            name: 'Yiwu West rail yard',
            latitude: '29.310000',
            longitude: '119.990000',
          },
          destination: placeOf('DEDUI'),
          plannedMinutes: (16 * 24 + 6) * 60,
        }),
      ],
      transshipmentPoints: [],
      plannedTransitMinutes: (16 * 24 + 6) * 60,
    });
    const anonymous = await call(null, 'POST', '/api/logistics/route-plans/preview', { legs });
    expect(anonymous.status).toBe(401);
  });

  it('refuses a discontinuous route in the preview and at shipment creation alike, storing nothing', async () => {
    const broken = [legs[0], { ...legs[1], origin: 'CNSHA' }];
    const preview = await call(shipper, 'POST', '/api/logistics/route-plans/preview', { legs: broken });
    expect(preview.status).toBe(400);
    expect(fieldCodes(preview)).toEqual(['legs.1.origin logistics.legs_not_continuous']);
    const early = [legs[0], { ...legs[1], plannedDeparture: '2026-10-01T12:00:00+08:00' }];
    const overlap = await call(shipper, 'POST', '/api/logistics/route-plans/preview', { legs: early });
    expect(overlap.status).toBe(400);
    expect(fieldCodes(overlap)).toEqual([
      'legs.1.plannedDeparture logistics.departure_before_previous_arrival',
    ]);
    const before = await shipments();
    const created = await call(shipper, 'POST', `/api/orgs/${shipper.organisationId}/logistics/shipments`, {
      reference: 'YW-PLAN-BROKEN',
      orderIds: [orderId],
      legs: broken,
      cargo: [{ hsCode: '950300', description: 'Toy bricks', packages: 1, grossWeightKg: '1.0' }],
    });
    expect(created.status).toBe(400);
    expect(fieldCodes(created)).toEqual(['legs.1.origin logistics.legs_not_continuous']);
    expect(await shipments()).toBe(before);
  });
});
