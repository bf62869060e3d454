import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesTradeEvents } from '../src/modules/expo/index.ts';
import { csvFxRateProvider } from '../src/modules/payments/index.ts';
import { factEventTopics } from '../src/modules/stats/index.ts';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// Services-trade records over HTTP (docs/expo-services-trade.md): a Zhejiang provider records
// service contracts with a client abroad and their deliveries (never beyond the contract value),
// each delivery becomes one statistics fact (parked while no rate is quoted); technology contracts
// are refused when prohibited, need a licence when restricted, and get a registration number. The
// provider and the client named on a contract read it; the commerce department reads all; no other
// organisation reads or changes anything.

type Json = Record<string, unknown>;
type FieldErrors = { field: string; code: string }[];

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let provider: Party; // Hangzhou provider (A)
let other: Party; // another provider (B)
let client: Party; // the client abroad, on the hub, named on A's contract
let commerce: Party; // the commerce department (a regulator)
let bank: Party; // quotes the day's rates

const chinaDay = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const today = chinaDay();

const call = async (
  party: Party,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  payload?: object,
) => {
  const res = await ctx.hub.app.inject({
    method,
    url: path.startsWith('/api/') ? path : `/api/orgs/${party.organisationId}/expo${path}`,
    headers: { cookie: party.cookie },
    ...(payload === undefined ? {} : { payload }),
  });
  return {
    status: res.statusCode,
    body: res.body === '' ? {} : res.json<Json>(),
    type: String(res.headers['content-type'] ?? ''),
  };
};
const codes = (body: Json) => ((body.errors ?? []) as FieldErrors).map((e) => [e.field, e.code]);

const contract = (reference: string, extra: object = {}) => ({
  reference,
  title: 'Cloud ERP implementation',
  client: { name: 'Kuala Lumpur Retail Sdn Bhd', country: 'MY' },
  ebopsCode: 'SI2',
  gatsMode: 'mode1',
  value: { amount: '10000.00', currency: 'USD' },
  startsOn: chinaDay(-30),
  endsOn: chinaDay(300),
  digitallyDelivered: true,
  evidence: [{ kind: 'file', sha256: 'a'.repeat(64), name: 'contract.pdf', sizeBytes: 123_456 }],
  ...extra,
});
const technology = (reference: string, extra: object = {}) => ({
  reference,
  direction: 'export',
  foreignParty: { name: 'Jakarta Tech PT', country: 'ID' },
  technologyName: 'Cross-border e-commerce order routing know-how',
  technologyFields: ['know_how', 'technical_services'],
  category: 'free',
  value: { amount: '250000.00', currency: 'USD' },
  paymentMethod: 'mixed',
  termStartsOn: chinaDay(),
  termEndsOn: chinaDay(3 * 365),
  ...extra,
});

const facts = async (contractId: string) =>
  (
    await sql<{
      source: string;
      source_ref: string;
      flow: string;
      kind: string;
      ebops: string;
      partner: string;
      digitally_delivered: boolean;
      content_type: string;
      amount_minor: string;
      currency: string;
    }>`
      select f.source, f.source_ref, f.flow, f.kind, f.ebops, f.partner, f.digitally_delivered, f.content_type,
        f.amount_minor::text, f.currency
      from stats.facts f join expo.service_deliveries d on d.id = f.source_ref
      where f.source = 'expo' and d.contract_id = ${contractId} order by f.source_ref`.execute(
      ctx.hub.db.kysely,
    )
  ).rows;

beforeAll(async () => {
  ctx = await createTestHub();
  provider = await createParty(ctx.hub, 'SvcProvider', { kind: 'exporter' });
  other = await createParty(ctx.hub, 'SvcOther', { kind: 'exporter' });
  client = await createParty(ctx.hub, 'SvcClient', { kind: 'importer' });
  commerce = await createParty(ctx.hub, 'SvcCommerce', { kind: 'regulator' });
  bank = await createParty(ctx.hub, 'SvcBank', { kind: 'bank' });
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('service contracts', () => {
  let contractId = '';

  it('records a contract and refuses bad input with field errors, never a 500', async () => {
    const created = await call(
      provider,
      'POST',
      '/service-contracts',
      contract('SVC-1', {
        client: { name: 'KL Retail', country: 'MY', organisationId: client.organisationId },
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      role: 'provider',
      status: 'active',
      value: { amount: '10000.00', currency: 'USD' },
      delivered: { amount: '0.00', currency: 'USD' },
      ebopsCode: 'SI2',
      version: 1,
    });
    expect(String(created.body.id)).toMatch(/^esc_/);
    contractId = String(created.body.id);

    const again = await call(provider, 'POST', '/service-contracts', contract('SVC-1'));
    expect([again.status, again.body.code]).toEqual([409, 'expo.service_reference_exists']);

    const bad = await call(
      provider,
      'POST',
      '/service-contracts',
      contract('SVC-BAD', {
        ebopsCode: 'SL9',
        client: { name: 'Domestic', country: 'CN', organisationId: 'org_doesnotexist' },
        startsOn: chinaDay(10),
        endsOn: chinaDay(1),
        value: { amount: '10.001', currency: 'USD' },
      }),
    );
    expect([bad.status, bad.body.code]).toEqual([400, 'expo.service_invalid']);
    expect(bad.type).toContain('application/problem+json');
    expect(codes(bad.body)).toEqual(
      expect.arrayContaining([
        ['value', 'expo.service_invalid_amount'],
        ['ebopsCode', 'expo.service_unknown_ebops'],
        ['client.country', 'expo.service_client_in_china'],
        ['client.organisationId', 'expo.service_unknown_organisation'],
        ['endsOn', 'expo.service_dates_reversed'],
      ]),
    );
    for (const body of [
      contract('SVC-X', { gatsMode: 'mode5' }),
      contract('SVC-X', { value: { amount: 10, currency: 'USD' } }),
      contract('SVC-X', { value: { amount: '1.00', currency: 'XXQ' } }),
      contract('SVC-X', { startsOn: '2026-02-30' }),
      contract('SVC-X', { evidence: [{ kind: 'file', sha256: 'nothex', name: 'x', sizeBytes: 1 }] }),
      contract('x'.repeat(10_000)),
      { reference: '!!!' },
    ]) {
      const answer = await call(provider, 'POST', '/service-contracts', body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    }
  });

  it('records deliveries up to the contract value and refuses one beyond it (409)', async () => {
    const first = await call(provider, 'POST', `/service-contracts/${contractId}/deliveries`, {
      deliveredOn: today,
      value: { amount: '6000.00', currency: 'USD' },
      evidence: [{ kind: 'document', documentId: 'doc_01HX0000000000000000000000' }],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(String(first.body.id)).toMatch(/^esd_/);
    const beyond = await call(provider, 'POST', `/service-contracts/${contractId}/deliveries`, {
      deliveredOn: today,
      value: { amount: '4000.01', currency: 'USD' },
    });
    expect([beyond.status, beyond.body.code]).toEqual([409, 'expo.service_delivery_exceeds_value']);
    const wrong = await call(provider, 'POST', `/service-contracts/${contractId}/deliveries`, {
      deliveredOn: chinaDay(5),
      value: { amount: '1.00', currency: 'EUR' },
    });
    expect(wrong.status).toBe(400);
    expect(codes(wrong.body)).toEqual(
      expect.arrayContaining([
        ['value.currency', 'expo.service_currency_mismatch'],
        ['deliveredOn', 'expo.service_delivery_in_future'],
      ]),
    );
    const rest = await call(provider, 'POST', `/service-contracts/${contractId}/deliveries`, {
      deliveredOn: today,
      value: { amount: '4000.00', currency: 'USD' },
    });
    expect(rest.status).toBe(201);
    const detail = await call(provider, 'GET', `/service-contracts/${contractId}`);
    expect(detail.body).toMatchObject({
      delivered: { amount: '10000.00' },
      remaining: { amount: '0.00' },
    });
    expect((detail.body.deliveries as unknown[]).length).toBe(2);
    // The value cannot drop below what was delivered, and a contract with deliveries is not deleted.
    const lower = await call(provider, 'PATCH', `/service-contracts/${contractId}`, {
      version: 1,
      value: { amount: '5000.00', currency: 'USD' },
    });
    expect([lower.status, lower.body.code]).toEqual([409, 'expo.service_value_below_delivered']);
    const deleted = await call(provider, 'DELETE', `/service-contracts/${contractId}`);
    expect([deleted.status, deleted.body.code]).toEqual([409, 'expo.service_has_deliveries']);
  });

  it('turns each delivery into one services-export fact, parked until the day has a rate', async () => {
    await ctx.hub.bus.dispatchPending();
    expect(await facts(contractId)).toEqual([]);
    const parked = (await ctx.hub.stats.parkedFacts()).filter(
      (p) => p.topic === factEventTopics.serviceDeliveryRecorded,
    );
    expect(parked.map((p) => p.reason)).toEqual(['no_rate', 'no_rate']);

    await ctx.hub.payments.loadFxQuotes(
      bank.organisationId,
      csvFxRateProvider('test-rates', 'from,to,rate\nUSD,CNY,7.1\n'),
      86_400,
    );
    expect(await ctx.hub.factIntake.retryNow()).toBe(2);
    // Redelivered events add nothing: the facts are keyed by the delivery.
    await sql`update events.outbox set dispatched_at = null, next_attempt_at = now() - interval '1 second'
      where topic = ${factEventTopics.serviceDeliveryRecorded}`.execute(ctx.hub.db.kysely);
    await ctx.hub.bus.dispatchPending();
    await ctx.hub.factIntake.retryNow();
    const stored = await facts(contractId);
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      flow: 'export',
      kind: 'services',
      ebops: 'SI',
      partner: 'MY',
      digitally_delivered: true,
      content_type: 'digital_technology',
      currency: 'USD',
    });
    expect(stored.map((f) => f.amount_minor).sort()).toEqual(['400000', '600000']);
  });

  it('completes a contract once, with history, and then takes no more deliveries', async () => {
    const done = await call(provider, 'PATCH', `/service-contracts/${contractId}`, {
      version: 1,
      status: 'completed',
      reason: 'all delivered',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const reopen = await call(provider, 'PATCH', `/service-contracts/${contractId}`, {
      version: 2,
      status: 'active',
    });
    expect([reopen.status, reopen.body.code]).toEqual([409, 'expo.service_contract_closed']);
    const stale = await call(provider, 'PATCH', `/service-contracts/${contractId}`, {
      version: 1,
      title: 'x',
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'expo.version_conflict']);
    const detail = await call(provider, 'GET', `/service-contracts/${contractId}`);
    expect((detail.body.history as { toStatus: string }[]).map((h) => h.toStatus)).toEqual([
      'active',
      'completed',
    ]);
  });

  it('replays a delivery sent twice with one Idempotency-Key, and refuses the key for another body', async () => {
    const created = await call(
      provider,
      'POST',
      '/service-contracts',
      contract('SVC-IDEM', { ebopsCode: 'SK1' }),
    );
    const id = String(created.body.id);
    const send = (amount: string) =>
      ctx.hub.app.inject({
        method: 'POST',
        url: `/api/orgs/${provider.organisationId}/expo/service-contracts/${id}/deliveries`,
        headers: { cookie: provider.cookie, 'idempotency-key': `svc-idem-${id}` },
        payload: { deliveredOn: today, value: { amount, currency: 'USD' } },
      });
    const first = await send('100.00');
    const again = await send('100.00');
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect((await send('200.00')).statusCode).toBe(409);
    const detail = await call(provider, 'GET', `/service-contracts/${id}`);
    expect(detail.body.delivered).toMatchObject({ amount: '100.00' });
  });

  it('lists with filters, and deletes a contract without deliveries', async () => {
    const second = await call(
      provider,
      'POST',
      '/service-contracts',
      contract('SVC-2', {
        ebopsCode: 'SJ',
        gatsMode: 'mode4',
        client: { name: 'Dubai Design FZ', country: 'AE' },
        digitallyDelivered: false,
      }),
    );
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const byEbops = await call(provider, 'GET', '/service-contracts?ebops=SI');
    expect((byEbops.body.items as { reference: string }[]).map((c) => c.reference)).toEqual(['SVC-1']);
    const byCountry = await call(provider, 'GET', '/service-contracts?clientCountry=AE&gatsMode=mode4');
    expect((byCountry.body.items as { reference: string }[]).map((c) => c.reference)).toEqual(['SVC-2']);
    const byText = await call(provider, 'GET', '/service-contracts?q=dubai%25');
    expect(byText.body.items).toEqual([]);
    const bad = await call(provider, 'GET', '/service-contracts?limit=0&clientCountry=XX');
    expect(bad.status).toBe(400);
    const deleted = await call(provider, 'DELETE', `/service-contracts/${String(second.body.id)}`);
    expect(deleted.status).toBe(204);
    expect((await call(provider, 'GET', `/service-contracts/${String(second.body.id)}`)).status).toBe(404);
  });

  it('lets the client named on a contract read it, and no other organisation read or change it', async () => {
    const asClient = await call(client, 'GET', `/service-contracts/${contractId}`);
    expect(asClient.status).toBe(200);
    expect(asClient.body.role).toBe('client');
    const clientList = await call(client, 'GET', '/service-contracts?role=client');
    expect((clientList.body.items as { id: string }[]).map((c) => c.id)).toEqual([contractId]);
    // The client cannot change it or record deliveries on it.
    const clientPatch = await call(client, 'PATCH', `/service-contracts/${contractId}`, {
      version: 2,
      title: 'x',
    });
    expect(clientPatch.status).toBe(404);

    const b = await call(other, 'POST', '/service-contracts', contract('SVC-B1'));
    const bId = String(b.body.id);
    // A under its own organisation path naming B's contract, and A on B's organisation path.
    for (const [method, path, payload] of [
      ['GET', `/service-contracts/${bId}`, undefined],
      ['PATCH', `/service-contracts/${bId}`, { version: 1, title: 'hijacked' }],
      ['DELETE', `/service-contracts/${bId}`, undefined],
      [
        'POST',
        `/service-contracts/${bId}/deliveries`,
        { deliveredOn: today, value: { amount: '1.00', currency: 'USD' } },
      ],
    ] as const) {
      expect((await call(provider, method, path, payload)).status, `${method} ${path}`).toBe(404);
      const onB = await ctx.hub.app.inject({
        method,
        url: `/api/orgs/${other.organisationId}/expo${path}`,
        headers: { cookie: provider.cookie },
        ...(payload === undefined ? {} : { payload }),
      });
      expect(onB.statusCode, `${method} on B's path`).toBe(404);
    }
    const aList = await call(provider, 'GET', '/service-contracts');
    expect((aList.body.items as { id: string }[]).map((c) => c.id)).not.toContain(bId);
    expect((await call(other, 'GET', `/service-contracts/${bId}`)).body.title).toBe(
      'Cloud ERP implementation',
    );
  });
});

describe('outside input', () => {
  it('keeps the statistics topic equal to the publisher’s', () => {
    expect(factEventTopics.serviceDeliveryRecorded).toBe(servicesTradeEvents.deliveryRecorded);
  });

  it('answers any JSON body with a 2xx or a 4xx problem, never a 500', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.constantFrom('SI2', 'mode1', 'USD', 'CN', '2026-01-01', 'restricted', 'prohibited', 'EX-R-LIDAR'),
    );
    const body = fc.record(
      {
        reference: fc.string({ minLength: 1, maxLength: 12 }),
        title: value,
        client: fc.record({ name: value, country: fc.constantFrom('MY', 'CN', 'xx', '') }),
        ebopsCode: value,
        gatsMode: value,
        value: fc.record({ amount: fc.oneof(value, fc.constantFrom('1.00', '-1', '1e5')), currency: value }),
        startsOn: value,
        endsOn: value,
        digitallyDelivered: value,
        direction: value,
        category: value,
        catalogueEntry: value,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('/service-contracts', '/technology-contracts'),
        async (payload, path) => {
          const answer = await call(provider, 'POST', path, payload);
          expect(answer.status < 500, JSON.stringify(answer.body)).toBe(true);
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe('technology import and export contracts', () => {
  it('registers a free technology with a registration number and history', async () => {
    const created = await call(provider, 'POST', '/technology-contracts', technology('TEC-1'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', category: 'free', registrationNumber: null });
    expect(String(created.body.id)).toMatch(/^etc_/);
    const registered = await call(
      provider,
      'POST',
      `/technology-contracts/${String(created.body.id)}/register`,
      {
        version: 1,
      },
    );
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    expect(String(registered.body.registrationNumber)).toMatch(/^\d{4}330000E\d{6}$/);
    expect(registered.body.registeredOn).toBe(today);
    expect((registered.body.history as { toStatus: string }[]).map((h) => h.toStatus)).toEqual([
      'draft',
      'registered',
    ]);
    const twice = await call(provider, 'POST', `/technology-contracts/${String(created.body.id)}/register`, {
      version: 2,
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'expo.technology_not_draft']);
  });

  it('refuses a prohibited technology (422) and stores nothing', async () => {
    const refused = await call(
      provider,
      'POST',
      '/technology-contracts',
      technology('TEC-P', {
        category: 'prohibited',
        catalogueEntry: 'EX-P-RARE-EARTH-REFINING',
      }),
    );
    expect([refused.status, refused.body.code]).toEqual([422, 'expo.technology_prohibited']);
    expect(JSON.stringify(refused.body)).toContain('EX-P-RARE-EARTH-REFINING');
    const list = await call(provider, 'GET', '/technology-contracts');
    expect((list.body.items as { reference: string }[]).map((c) => c.reference)).not.toContain('TEC-P');
  });

  it('needs a licence number before registering a restricted technology', async () => {
    const missing = await call(
      provider,
      'POST',
      '/technology-contracts',
      technology('TEC-R0', { category: 'restricted' }),
    );
    expect(codes(missing.body)).toEqual([['catalogueEntry', 'expo.technology_catalogue_required']]);
    const mismatch = await call(
      provider,
      'POST',
      '/technology-contracts',
      technology('TEC-R0', {
        category: 'restricted',
        catalogueEntry: 'IM-R-PRINTING-DYEING',
      }),
    );
    expect(codes(mismatch.body)).toEqual([['catalogueEntry', 'expo.technology_catalogue_mismatch']]);
    const created = await call(
      provider,
      'POST',
      '/technology-contracts',
      technology('TEC-R1', {
        category: 'restricted',
        catalogueEntry: 'EX-R-PERSONALISED-PUSH',
        paymentMethod: 'royalty',
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = String(created.body.id);
    const noLicence = await call(provider, 'POST', `/technology-contracts/${id}/register`, { version: 1 });
    expect([noLicence.status, noLicence.body.code]).toEqual([422, 'expo.technology_licence_required']);
    const withLicence = await call(provider, 'POST', `/technology-contracts/${id}/register`, {
      version: 1,
      licenceNumber: 'ZJ-TEL-2026-0042',
    });
    expect(withLicence.status, JSON.stringify(withLicence.body)).toBe(200);
    expect(withLicence.body).toMatchObject({ status: 'registered', licenceNumber: 'ZJ-TEL-2026-0042' });
    const cancelled = await call(provider, 'POST', `/technology-contracts/${id}/cancel`, {
      version: 2,
      reason: 'the licence was withdrawn',
    });
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('lets the foreign party named on a contract read it, and only read it', async () => {
    const created = await call(
      provider,
      'POST',
      '/technology-contracts',
      technology('TEC-F1', {
        foreignParty: { name: 'KL Retail', country: 'MY', organisationId: client.organisationId },
      }),
    );
    const id = String(created.body.id);
    const asForeign = await call(client, 'GET', `/technology-contracts/${id}`);
    expect([asForeign.status, asForeign.body.role]).toEqual([200, 'foreign_party']);
    expect((await call(client, 'POST', `/technology-contracts/${id}/register`, { version: 1 })).status).toBe(
      404,
    );
  });

  it("hides one organisation's technology contracts from another", async () => {
    const b = await call(other, 'POST', '/technology-contracts', technology('TEC-B1'));
    const bId = String(b.body.id);
    for (const [method, path, payload] of [
      ['GET', `/technology-contracts/${bId}`, undefined],
      ['POST', `/technology-contracts/${bId}/register`, { version: 1 }],
      ['POST', `/technology-contracts/${bId}/cancel`, { version: 1, reason: 'x' }],
    ] as const) {
      expect((await call(provider, method, path, payload)).status, `${method} ${path}`).toBe(404);
    }
    const list = await call(provider, 'GET', '/technology-contracts');
    expect((list.body.items as { id: string }[]).map((c) => c.id)).not.toContain(bId);
  });
});

describe("the commerce department's view", () => {
  it('reads every organisation’s records; an enterprise gets 403', async () => {
    const all = await call(commerce, 'GET', '/services-trade/all-service-contracts');
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const owners = new Set((all.body.items as { organisationId: string }[]).map((c) => c.organisationId));
    expect(owners).toEqual(new Set([provider.organisationId, other.organisationId]));
    const tech = await call(commerce, 'GET', '/services-trade/all-technology-contracts?status=registered');
    expect((tech.body.items as { role: string }[]).every((c) => c.role === 'regulator')).toBe(true);
    const enterprise = await call(provider, 'GET', '/services-trade/all-service-contracts');
    expect([enterprise.status, enterprise.body.code]).toEqual([403, 'expo.service_regulators_only']);
    const onCommerce = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${commerce.organisationId}/expo/services-trade/all-service-contracts`,
      headers: { cookie: provider.cookie },
    });
    expect(onCommerce.statusCode).toBe(404);
  });

  it('serves the technology catalogue selection to anyone, marked unverified', async () => {
    const res = await ctx.hub.app.inject({ method: 'GET', url: '/api/expo/technology-catalogue' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ entries: { verified: boolean }[] }>();
    expect(body.entries.length).toBeGreaterThanOrEqual(5);
    expect(body.entries.every((e) => e.verified === false)).toBe(true);
  });
});
