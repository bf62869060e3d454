import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party, rememberSecret } from './support/test-hub.ts';

// The DCSA T&T 2.2 subscription callback a carrier's publisher calls: no session, the
// Notification-Signature (HMAC-SHA256 of the raw body with the subscription secret) is the
// credential, and the events go through the same ingest as the batch route.

type Json = Record<string, unknown>;
type Problem = { code: string; index?: number; errors?: { field: string; code: string }[] };
type Callback = { id: string; callbackUrl: string; secret: string; organisationId: string };

const testEvent = (name: string): Json =>
  JSON.parse(
    readFileSync(
      new URL(`../src/modules/logistics/formats/dcsa-tnt/testdata/${name}.json`, import.meta.url),
      'utf8',
    ),
  );
const dcsaEvents = [testEvent('shipment-event'), testEvent('transport-event'), testEvent('equipment-event')];

const orderContent = (seller: Party) => ({
  buyerReference: 'PO-CB-1',
  currency: 'USD',
  seller: { organisationId: seller.organisationId, name: 'Shipper', country: 'CN' },
  buyer: { name: 'Buyer GmbH', country: 'DE', email: 'buyer@callback.example' },
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

const sign = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', Buffer.from(secret, 'base64')).update(body, 'utf8').digest('hex')}`;

/** A fresh copy of a test event under another eventID, so it is new to the hub. */
const renamed = (event: Json, eventID: string): Json => ({ ...event, eventID });

describe('logistics: DCSA event callbacks (subscription webhooks)', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let shipper: Party;
  let carrier: Party;
  let outsider: Party;
  let callback: Callback;

  const call = async (party: Party, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
    const response = await ctx.hub.app.inject({
      method,
      url,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, text: response.body, json: <T>() => response.json<T>() };
  };
  const callbacks = (party: Party, path = '') =>
    `/api/orgs/${party.organisationId}/logistics/event-callbacks${path}`;
  const createCallback = async (party: Party) => {
    const res = await call(party, 'POST', callbacks(party), { description: 'Carrier T&T 2.2 publisher' });
    expect(res.status, res.text).toBe(201);
    const created = res.json<Callback>();
    rememberSecret(created.secret);
    return created;
  };
  /** What a publisher sends: the body as serialised bytes, signed (null: unsigned), with DCSA's headers. */
  const deliver = (target: Callback, body: string, signature: string | null = sign(target.secret, body)) =>
    ctx.hub.app.inject({
      method: 'POST',
      url: new URL(target.callbackUrl).pathname,
      headers: {
        'content-type': 'application/json',
        'api-version': '2.2.0',
        'subscription-id': '8fbdc2d8-57c8-48b9-a04b-18fd8ec1d809',
        ...(signature === null ? {} : { 'notification-signature': signature }),
      },
      payload: body,
    });
  const stored = async () => {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from logistics.tracking_events`.execute(ctx.hub.db.kysely);
    // count(*) always answers one row; NaN would fail every comparison.
    return Number(rows[0]?.n);
  };
  const eventsSeenBy = async (party: Party) => {
    const res = await call(party, 'GET', `/api/orgs/${party.organisationId}/logistics/events`);
    expect(res.status, res.text).toBe(200);
    return res.json<Json[]>();
  };

  beforeAll(async () => {
    ctx = await createTestHub();
    shipper = await createParty(ctx.hub, 'CbShipper', { kind: 'exporter' });
    carrier = await createParty(ctx.hub, 'CbCarrier', { kind: 'carrier' });
    outsider = await createParty(ctx.hub, 'CbOutsider', { kind: 'carrier' });
    const order = await call(shipper, 'POST', `/api/orgs/${shipper.organisationId}/orders`, {
      content: orderContent(shipper),
    });
    expect(order.status, order.text).toBe(201);
    // The references the DCSA test events carry: booking ABC709951 and container APZU4812090.
    const shipment = await call(shipper, 'POST', `/api/orgs/${shipper.organisationId}/logistics/shipments`, {
      reference: 'CB-SHP-1',
      orderIds: [order.json<{ id: string }>().id],
      carrierOrganisationId: carrier.organisationId,
      carrierBookingReference: 'ABC709951',
      legs: [
        {
          mode: 'sea',
          origin: 'CNNGB',
          destination: 'NLRTM',
          plannedDeparture: '2027-03-03T08:00:00+08:00',
          plannedArrival: '2027-04-05T06:00:00+01:00',
        },
      ],
      containers: [{ number: 'APZU4812090', sizeType: '22G1' }],
      cargo: [{ hsCode: '950300', description: 'Toy bricks', packages: 120, grossWeightKg: '2450.500' }],
    });
    expect(shipment.status, shipment.text).toBe(201);
    callback = await createCallback(carrier);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('creates a callback with its URL and a 32-byte Base64 secret shown once, sealed at rest', async () => {
    expect(callback.callbackUrl).toBe(`http://localhost:8080/api/logistics/event-callbacks/${callback.id}`);
    expect(Buffer.from(callback.secret, 'base64')).toHaveLength(32);
    const listed = await call(carrier, 'GET', callbacks(carrier));
    expect(listed.status).toBe(200);
    expect(listed.json<{ items: Json[] }>().items).toEqual([
      expect.objectContaining({ id: callback.id, description: 'Carrier T&T 2.2 publisher' }),
    ]);
    expect(listed.text).not.toContain(callback.secret);
    const { rows } = await sql<{ secret_sealed: string }>`
      select secret_sealed from logistics.event_callbacks where id = ${callback.id}`.execute(
      ctx.hub.db.kysely,
    );
    expect(rows[0]?.secret_sealed).toMatch(/^v1\./);
    expect(rows[0]?.secret_sealed).not.toContain(callback.secret);
    // Another organisation lists none of it.
    expect((await call(outsider, 'GET', callbacks(outsider))).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('answers the HEAD check of an existing callback URL, and 404 for an unknown one', async () => {
    const head = await ctx.hub.app.inject({ method: 'HEAD', url: new URL(callback.callbackUrl).pathname });
    expect(head.statusCode).toBe(204);
    const unknown = await ctx.hub.app.inject({
      method: 'HEAD',
      url: '/api/logistics/event-callbacks/ecb_01JD5Z3K8Q6V2W9XKM4T7B1N0C',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('ingests the DCSA test events from a signed callback as sent by its organisation, and replays them', async () => {
    // Pretty-printed with a final newline: the signature covers the bytes as sent, not a re-serialisation.
    const body = `${JSON.stringify(dcsaEvents, null, 2)}\n`;
    const first = await deliver(callback, body);
    expect(first.statusCode, first.body).toBe(204);
    expect(first.body).toBe('');
    expect(first.headers['api-version']).toBe('2.2.0');
    expect(await stored()).toBe(3);
    const seen = await eventsSeenBy(shipper);
    expect(new Set(seen.map((e) => e.eventID))).toEqual(new Set(dcsaEvents.map((e) => e.eventID)));
    for (const event of dcsaEvents) {
      expect(seen.find((e) => e.eventID === event.eventID)).toEqual(event);
    }
    const { rows } = await sql<{ sender_organisation_id: string }>`
      select distinct sender_organisation_id from logistics.tracking_events`.execute(ctx.hub.db.kysely);
    expect(rows).toEqual([{ sender_organisation_id: carrier.organisationId }]);

    const replay = await deliver(callback, body);
    expect(replay.statusCode, replay.body).toBe(204);
    expect(await stored()).toBe(3);

    const audit = await sql<{ organisation_id: string; actor_type: string; detail: Json }>`
      select organisation_id, actor_type, detail from audit.entries
      where action = 'logistics.event_callback.receive' and outcome = 'success' order by seq`.execute(
      ctx.hub.db.kysely,
    );
    expect(audit.rows.map((r) => [r.organisation_id, r.actor_type, r.detail])).toEqual([
      [carrier.organisationId, 'anonymous', { accepted: 3, replayed: 0, callbackId: callback.id }],
      [carrier.organisationId, 'anonymous', { accepted: 0, replayed: 3, callbackId: callback.id }],
    ]);
  });

  it('refuses a missing, wrong or foreign signature and a tampered body with 401, storing nothing', async () => {
    const before = await stored();
    const fresh = [renamed(dcsaEvents[0] as Json, 'a0e5f0a4-3c1f-4f6b-9a7e-0c7f6a1d2b31')];
    const body = JSON.stringify(fresh);
    const other = await createCallback(outsider);
    const tampered = body.replace('"ACT"', '"EST"');
    expect(tampered).not.toBe(body);
    for (const [label, sentBody, signature] of [
      ['no signature', body, null],
      ['a made-up signature', body, `sha256=${'0'.repeat(64)}`],
      ["another callback's secret", body, sign(other.secret, body)],
      ['a tampered body', tampered, sign(callback.secret, body)],
      ['another signature type', body, sign(callback.secret, body).replace('sha256=', 'sha512=')],
    ] as const) {
      const res = await deliver(callback, sentBody, signature);
      expect(res.statusCode, `${label}: ${res.body}`).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<Problem>().code).toBe('logistics.callback_signature_invalid');
      expect(res.body).not.toContain(callback.secret);
    }
    expect(await stored()).toBe(before);
    // The same body, rightly signed, is accepted: what failed was the signature alone.
    expect((await deliver(callback, body)).statusCode).toBe(204);
    expect(await stored()).toBe(before + 1);
  });

  it('refuses a signed bundle with one bad event whole, naming its index; and events its organisation may not report on', async () => {
    const before = await stored();
    const bundle = JSON.stringify([
      renamed(dcsaEvents[1] as Json, 'b1c2d3e4-0000-4000-8000-000000000001'),
      {
        ...renamed(dcsaEvents[2] as Json, 'b1c2d3e4-0000-4000-8000-000000000002'),
        equipmentReference: 'APZU4812091',
      },
    ]);
    const bad = await deliver(callback, bundle);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json<Problem>()).toMatchObject({ code: 'http.validation_failed', index: 1 });
    expect(bad.json<Problem>().errors?.map((e) => `${e.field} ${e.code}`)).toEqual([
      'events.1.equipmentReference kernel.invalid_check_digit',
    ]);
    const notJson = await deliver(callback, '[{"eventID": ');
    expect(notJson.statusCode, notJson.body).toBe(400);
    expect(notJson.json<Problem>().code).toBe('http.malformed_json');
    const notArray = await deliver(callback, JSON.stringify(dcsaEvents[0]));
    expect(notArray.statusCode, notArray.body).toBe(400);
    // The outsider's callback is signed rightly, but the outsider is no party of the shipment.
    const other = await createCallback(outsider);
    const foreign = JSON.stringify([renamed(dcsaEvents[0] as Json, 'b1c2d3e4-0000-4000-8000-000000000003')]);
    const notTheirs = await deliver(other, foreign);
    expect(notTheirs.statusCode, notTheirs.body).toBe(404);
    expect(notTheirs.json<Problem>()).toMatchObject({ code: 'logistics.shipment_not_found', index: 0 });
    expect(await stored()).toBe(before);
  });

  it('refuses every call to a deleted callback with 404 and stores nothing; only its organisation deletes it', async () => {
    const doomed = await createCallback(carrier);
    const byOutsider = await call(outsider, 'DELETE', callbacks(outsider, `/${doomed.id}`));
    expect(byOutsider.status).toBe(404);
    expect(byOutsider.json<Problem>().code).toBe('logistics.event_callback_not_found');
    const deleted = await call(carrier, 'DELETE', callbacks(carrier, `/${doomed.id}`));
    expect(deleted.status, deleted.text).toBe(204);
    const before = await stored();
    const body = JSON.stringify([renamed(dcsaEvents[0] as Json, 'c0ffee00-0000-4000-8000-000000000001')]);
    const res = await deliver(doomed, body);
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json<Problem>().code).toBe('logistics.event_callback_not_found');
    const head = await ctx.hub.app.inject({ method: 'HEAD', url: new URL(doomed.callbackUrl).pathname });
    expect(head.statusCode).toBe(404);
    expect(await stored()).toBe(before);
    expect((await call(carrier, 'DELETE', callbacks(carrier, `/${doomed.id}`))).status).toBe(404);
    // The other callback of the carrier still works.
    expect((await deliver(callback, body)).statusCode).toBe(204);
  });
});
