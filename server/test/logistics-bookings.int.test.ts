import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// The booking flow over HTTP: the Yiwu exporter asks the Ningbo forwarder to move its order, the
// forwarder confirms with the carrier's booking (which creates the shipment) or declines; the
// shipper may withdraw while it waits. Who sees a booking and every refused step; two confirmations
// racing are in src/modules/logistics/bookings/service/bookings.int.test.ts.

type Json = Record<string, unknown>;
type Problem = { code: string; currentStatus?: string; errors?: { field: string; code: string }[] };
type Booking = Json & { id: string; status: string; myRole: string; shipmentId: string | null };

const orderContent = (seller: Party) => ({
  buyerReference: 'PO-BKG-1',
  currency: 'USD',
  seller: { organisationId: seller.organisationId, name: 'Yiwu Exporter', country: 'CN' },
  buyer: { name: 'Buyer GmbH', country: 'DE', email: 'buyer@booking.example' },
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

const cargo = [
  {
    hsCode: '950300',
    description: 'Toy bricks',
    packages: 120,
    packageTypeCode: 'CT',
    grossWeightKg: '2450.500',
  },
];

const bookingBody = (orderId: string, forwarderOrganisationId: string, extra: Json = {}) => ({
  reference: 'YW-2027-0117',
  forwarderOrganisationId,
  orderIds: [orderId],
  legs: [
    { mode: 'road', origin: 'CNHGH', destination: 'CNNGB', departureDate: '2027-03-01' },
    { mode: 'sea', origin: 'CNNGB', destination: 'NLRTM', departureDate: '2027-03-03' },
  ],
  equipment: [{ sizeType: '45G1', count: 2 }],
  cargo,
  remarks: 'Fragile: stack no more than four high',
  ...extra,
});

const confirmationBody = (carrierOrganisationId: string, extra: Json = {}) => ({
  carrierBookingReference: 'NGB709951',
  carrierOrganisationId,
  legs: [
    {
      mode: 'road',
      origin: 'CNHGH',
      destination: 'CNNGB',
      carrierName: 'Zhejiang Trucking',
      plannedDeparture: '2027-03-01T08:00:00+08:00',
      plannedArrival: '2027-03-01T14:00:00+08:00',
    },
    {
      mode: 'sea',
      origin: 'CNNGB',
      destination: 'NLRTM',
      vesselName: 'King of the Seas',
      vesselIMONumber: '9321483',
      voyageNumber: '2103S',
      plannedDeparture: '2027-03-03T08:00:00+08:00',
      plannedArrival: '2027-04-05T06:00:00+01:00',
    },
  ],
  containers: [
    { number: 'APZU4812090', sizeType: '45G1', seals: ['VET0123456'] },
    { number: 'CSQU 305438 3', sizeType: '45G1' },
  ],
  ...extra,
});

describe('logistics: booking requests between shipper and forwarder', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let shipper: Party;
  let forwarder: Party;
  let carrier: Party;
  let outsider: Party;
  let bank: Party;
  let orderId: string;

  const call = async (party: Party, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await ctx.hub.app.inject({
      method,
      url,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return {
      status: response.statusCode,
      text: response.body,
      contentType: String(response.headers['content-type']),
      json: <T>() => response.json<T>(),
    };
  };
  const bookings = (party: Party, path = '') => `/api/orgs/${party.organisationId}/logistics/bookings${path}`;
  const request = async (extra: Json = {}) => {
    const res = await call(
      shipper,
      'POST',
      bookings(shipper),
      bookingBody(orderId, forwarder.organisationId, extra),
    );
    expect(res.status, res.text).toBe(201);
    return res.json<Booking>();
  };
  const step = (party: Party, bookingId: string, name: 'confirm' | 'decline' | 'cancel', payload?: unknown) =>
    call(party, 'POST', bookings(party, `/${bookingId}/${name}`), payload);
  const count = async (table: 'logistics.bookings' | 'logistics.shipments') => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
      ctx.hub.db.kysely,
    );
    // count(*) always answers one row; NaN would fail every comparison.
    return Number(rows[0]?.n);
  };
  const statusOf = async (bookingId: string) => {
    const res = await call(shipper, 'GET', bookings(shipper, `/${bookingId}`));
    return res.json<Booking>().status;
  };
  const fieldCodes = (res: { json: <T>() => T }) =>
    (res.json<Problem>().errors ?? []).map((e) => `${e.field} ${e.code}`);

  beforeAll(async () => {
    ctx = await createTestHub();
    shipper = await createParty(ctx.hub, 'YiwuExporter', { kind: 'exporter' });
    forwarder = await createParty(ctx.hub, 'NingboForwarder', { kind: 'logistics_provider' });
    carrier = await createParty(ctx.hub, 'OceanCarrier', { kind: 'carrier' });
    outsider = await createParty(ctx.hub, 'OtherForwarder', { kind: 'logistics_provider' });
    bank = await createParty(ctx.hub, 'SomeBank', { kind: 'bank' });
    const order = await call(shipper, 'POST', `/api/orgs/${shipper.organisationId}/orders`, {
      content: orderContent(shipper),
    });
    expect(order.status, order.text).toBe(201);
    orderId = order.json<{ id: string }>().id;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('goes from request to confirmation: the shipment exists with shipper, forwarder, carrier and the requested cargo', async () => {
    const requested = await request();
    expect(requested).toMatchObject({
      status: 'requested',
      myRole: 'shipper',
      shipperOrganisationId: shipper.organisationId,
      forwarderOrganisationId: forwarder.organisationId,
      orderIds: [orderId],
      equipment: [{ sizeType: '45G1', count: 2 }],
      cargo,
      remarks: 'Fragile: stack no more than four high',
      shipmentId: null,
    });
    const seen = await call(forwarder, 'GET', bookings(forwarder, `/${requested.id}`));
    expect(seen.status, seen.text).toBe(200);
    expect(seen.json<Booking>()).toMatchObject({
      id: requested.id,
      myRole: 'forwarder',
      status: 'requested',
    });
    // The forwarder's inbox and the shipper's outbox.
    const received = await call(forwarder, 'GET', bookings(forwarder, '?role=received&status=requested'));
    expect(received.json<{ items: Booking[] }>().items.map((b) => b.id)).toContain(requested.id);
    const sentByForwarder = await call(forwarder, 'GET', bookings(forwarder, '?role=sent'));
    expect(sentByForwarder.json<{ items: Booking[] }>().items).toEqual([]);
    const sent = await call(shipper, 'GET', bookings(shipper, '?role=sent'));
    expect(sent.json<{ items: Json[] }>().items[0]).toMatchObject({
      id: requested.id,
      origin: 'CNHGH',
      destination: 'NLRTM',
      departureDate: '2027-03-01',
    });

    const confirmed = await step(
      forwarder,
      requested.id,
      'confirm',
      confirmationBody(carrier.organisationId),
    );
    expect(confirmed.status, confirmed.text).toBe(200);
    const booking = confirmed.json<Booking>();
    expect(booking).toMatchObject({
      status: 'confirmed',
      myRole: 'forwarder',
      carrierBookingReference: 'NGB709951',
      carrierOrganisationId: carrier.organisationId,
    });
    expect(booking.shipmentId).toMatch(/^shp_/);
    expect(await statusOf(requested.id)).toBe('confirmed');

    const shipment = await call(
      shipper,
      'GET',
      `/api/orgs/${shipper.organisationId}/logistics/shipments/${booking.shipmentId}`,
    );
    expect(shipment.status, shipment.text).toBe(200);
    expect(shipment.json<Json>()).toMatchObject({
      reference: 'YW-2027-0117',
      shipperOrganisationId: shipper.organisationId,
      forwarderOrganisationId: forwarder.organisationId,
      carrierOrganisationId: carrier.organisationId,
      carrierBookingReference: 'NGB709951',
      orderIds: [orderId],
      myRoles: ['seller', 'shipper'],
      cargo,
      containers: [
        { number: 'APZU4812090', sizeType: '45G1', seals: ['VET0123456'] },
        { number: 'CSQU3054383', sizeType: '45G1', seals: [] },
      ],
    });
    const asForwarder = await call(
      forwarder,
      'GET',
      `/api/orgs/${forwarder.organisationId}/logistics/shipments/${booking.shipmentId}`,
    );
    expect(asForwarder.json<{ myRoles: string[] }>().myRoles).toEqual(['forwarder']);
    // The carrier reports on it by the booking reference the forwarder confirmed with.
    const event = await call(carrier, 'POST', `/api/logistics/events?org=${carrier.organisationId}`, {
      eventID: '0b7a4f63-6b73-4c43-9f1a-3d3c4f2b8e11',
      eventCreatedDateTime: '2026-11-20T10:00:00+08:00',
      eventType: 'SHIPMENT',
      eventClassifierCode: 'ACT',
      eventDateTime: '2026-11-20T10:00:00+08:00',
      shipmentEventTypeCode: 'CONF',
      documentID: 'NGB709951',
      documentTypeCode: 'BKG',
    });
    expect(event.status, event.text).toBe(201);
    expect(event.json<{ shipmentId: string }>().shipmentId).toBe(booking.shipmentId);

    // Each step is in the trail, in the organisation that took it.
    const { rows } = await sql<{ organisation_id: string; action: string }>`
      select organisation_id, action from audit.entries
      where object_type = 'booking' and object_id = ${requested.id} order by seq`.execute(ctx.hub.db.kysely);
    expect(rows).toEqual([
      { organisation_id: shipper.organisationId, action: 'logistics.booking.request' },
      { organisation_id: forwarder.organisationId, action: 'logistics.booking.confirm' },
    ]);
  });

  it('declines with a reason, and lets the shipper cancel while the request waits', async () => {
    const toDecline = await request();
    const declined = await step(forwarder, toDecline.id, 'decline', { reason: 'No space on that sailing' });
    expect(declined.status, declined.text).toBe(200);
    expect(declined.json<Booking>()).toMatchObject({
      status: 'declined',
      declineReason: 'No space on that sailing',
      shipmentId: null,
    });
    const toCancel = await request();
    const cancelled = await step(shipper, toCancel.id, 'cancel');
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.json<Booking>()).toMatchObject({ status: 'cancelled', myRole: 'shipper' });
    const forwarderView = await call(forwarder, 'GET', bookings(forwarder, `/${toCancel.id}`));
    expect(forwarderView.json<Booking>().status).toBe('cancelled');
  });

  it('refuses every step the other party takes (403) and every step after the booking left requested (409), creating nothing', async () => {
    const open = await request();
    const shipments = await count('logistics.shipments');
    for (const [party, name, payload, code] of [
      [shipper, 'confirm', confirmationBody(carrier.organisationId), 'logistics.booking_forwarder_only'],
      [shipper, 'decline', { reason: 'x' }, 'logistics.booking_forwarder_only'],
      [forwarder, 'cancel', undefined, 'logistics.booking_shipper_only'],
    ] as const) {
      const res = await step(party, open.id, name, payload);
      expect(res.status, `${name}: ${res.text}`).toBe(403);
      expect(res.json<Problem>().code).toBe(code);
    }
    expect(await statusOf(open.id)).toBe('requested');

    const confirmed = await request();
    expect(
      (await step(forwarder, confirmed.id, 'confirm', confirmationBody(carrier.organisationId))).status,
    ).toBe(200);
    const declined = await request();
    expect((await step(forwarder, declined.id, 'decline', { reason: 'Full' })).status).toBe(200);
    const cancelled = await request();
    expect((await step(shipper, cancelled.id, 'cancel')).status).toBe(200);
    const after = await count('logistics.shipments');
    for (const [booking, status] of [
      [confirmed, 'confirmed'],
      [declined, 'declined'],
      [cancelled, 'cancelled'],
    ] as const) {
      for (const [party, name, payload] of [
        [
          forwarder,
          'confirm',
          confirmationBody(carrier.organisationId, { carrierBookingReference: 'AGAIN' }),
        ],
        [forwarder, 'decline', { reason: 'Too late' }],
        [shipper, 'cancel', undefined],
      ] as const) {
        const res = await step(party, booking.id, name, payload);
        expect(res.status, `${name} on ${status}: ${res.text}`).toBe(409);
        expect(res.contentType).toContain('application/problem+json');
        expect(res.json<Problem>()).toMatchObject({
          code: 'logistics.booking_wrong_state',
          currentStatus: status,
        });
      }
      expect(await statusOf(booking.id)).toBe(status);
    }
    // Only the one confirmation made a shipment.
    expect(after).toBe(shipments + 1);
    expect(await count('logistics.shipments')).toBe(after);
  });

  it('shows a booking to its shipper and forwarder only: anyone else gets 404, as for none at all', async () => {
    const booking = await request();
    const theirs = await call(outsider, 'GET', bookings(outsider, `/${booking.id}`));
    expect(theirs.status).toBe(404);
    expect(theirs.json<Problem>().code).toBe('logistics.booking_not_found');
    const madeUp = await call(outsider, 'GET', bookings(outsider, '/bkg_01JD5Z3K8Q6V2W9XKM4T7B1N0C'));
    expect(madeUp.status).toBe(404);
    expect(madeUp.json<Problem>().code).toBe(theirs.json<Problem>().code);
    expect((await call(outsider, 'GET', bookings(outsider))).json<{ items: unknown[] }>().items).toEqual([]);
    // Acting on it from its own organisation: the same 404, and the booking stays as it was.
    for (const [name, payload] of [
      ['confirm', confirmationBody(carrier.organisationId)],
      ['decline', { reason: 'Not mine to decline' }],
      ['cancel', undefined],
    ] as const) {
      const res = await step(outsider, booking.id, name, payload);
      expect(res.status, `${name}: ${res.text}`).toBe(404);
      expect(res.json<Problem>().code).toBe('logistics.booking_not_found');
    }
    // Under the forwarder's organisation the outsider is no member: 404 as well.
    const onForwarder = await call(outsider, 'GET', bookings(forwarder, `/${booking.id}`));
    expect(onForwarder.status).toBe(404);
    // The carrier named on a confirmed booking's shipment is no party of the booking itself.
    expect((await call(carrier, 'GET', bookings(carrier, `/${booking.id}`))).status).toBe(404);
    expect(await statusOf(booking.id)).toBe('requested');
  });

  it('refuses a bad request with field reasons and stores nothing', async () => {
    const before = await count('logistics.bookings');
    const url = bookings(shipper);
    const cases: [Json, string[]][] = [
      [
        {
          legs: [
            { mode: 'road', origin: 'CNHGH', destination: 'CNNGB', departureDate: '2020-01-01' },
            { mode: 'sea', origin: 'CNNGB', destination: 'NLZZZ', departureDate: '2027-02-30' },
          ],
        },
        [
          'legs.0.departureDate logistics.date_in_past',
          'legs.1.departureDate kernel.invalid_format',
          'legs.1.destination kernel.unknown_code',
        ],
      ],
      [{ equipment: [{ sizeType: 'XXXX', count: 1 }] }, ['equipment.0.sizeType kernel.invalid_format']],
      [
        { cargo: [{ hsCode: '950300', description: 'x', packages: 1, grossWeightKg: '0' }] },
        ['cargo.0.grossWeightKg kernel.invalid_format'],
      ],
      [
        { forwarderOrganisationId: bank.organisationId },
        ['forwarderOrganisationId logistics.not_a_forwarder'],
      ],
      [
        { forwarderOrganisationId: shipper.organisationId },
        ['forwarderOrganisationId logistics.booking_own_organisation'],
      ],
      [
        { forwarderOrganisationId: 'org_01JD5Z3K8Q6V2W9XKM4T7B1N0C' },
        ['forwarderOrganisationId logistics.unknown_organisation'],
      ],
      [{ equipment: [{ sizeType: '22G1', count: 0 }] }, ['equipment.0.count kernel.too_short']],
    ];
    for (const [extra, expected] of cases) {
      const res = await call(shipper, 'POST', url, bookingBody(orderId, forwarder.organisationId, extra));
      expect(res.status, res.text).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(fieldCodes(res).sort()).toEqual(expected);
    }
    // An order the requester is not the seller or the buyer of.
    const theirs = await call(
      outsider,
      'POST',
      bookings(outsider),
      bookingBody(orderId, forwarder.organisationId),
    );
    expect(theirs.status).toBe(400);
    expect(fieldCodes(theirs)).toEqual(['orderIds.0 logistics.unknown_order']);
    expect(await count('logistics.bookings')).toBe(before);
  });

  it('refuses a confirmation with bad legs or containers, leaving the booking requested and no shipment', async () => {
    const booking = await request();
    const shipments = await count('logistics.shipments');
    const res = await step(
      forwarder,
      booking.id,
      'confirm',
      confirmationBody(carrier.organisationId, {
        containers: [{ number: 'APZU4812091', sizeType: '45G1' }],
        carrierOrganisationId: 'org_01JD5Z3K8Q6V2W9XKM4T7B1N0C',
      }),
    );
    expect(res.status, res.text).toBe(400);
    expect(fieldCodes(res).sort()).toEqual([
      'carrierOrganisationId logistics.unknown_organisation',
      'containers.0.number kernel.invalid_check_digit',
    ]);
    expect(await statusOf(booking.id)).toBe('requested');
    expect(await count('logistics.shipments')).toBe(shipments);
  });
});
