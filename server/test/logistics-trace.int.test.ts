import { randomUUID } from 'node:crypto';
import { parseTlogProof, type Trace, type TraceReport, verifyTrace } from '@tradehub/verifier';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// The verifiable trace over HTTP: every accepted event extends its shipment's hash chain, each
// ingest commits the moved heads to the transparency log in one TRACE_BATCH entry, and the
// exported tradehub-trace/v1 verifies offline; a stored event altered, deleted or moved in the
// database is named by the verifier.

type Json = Record<string, unknown>;

const orderContent = (seller: Party) => ({
  buyerReference: 'PO-TRACE-1',
  currency: 'USD',
  seller: { organisationId: seller.organisationId, name: 'Shipper', country: 'CN' },
  buyer: { name: 'Buyer GmbH', country: 'DE', email: 'buyer@trace.example' },
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

const shipmentCodes = ['RECE', 'CONF', 'ISSU', 'APPR', 'SURR', 'RELS'];

/** A DCSA shipment event about a transport document, with a fresh eventID. */
const event = (transportDocument: string, n: number): Json => ({
  eventID: randomUUID(),
  eventCreatedDateTime: '2026-01-09T14:12:56+01:00',
  eventType: 'SHIPMENT',
  eventClassifierCode: 'ACT',
  eventDateTime: `2026-01-${String(10 + (n % 18)).padStart(2, '0')}T07:41:00+08:00`,
  shipmentEventTypeCode: shipmentCodes[n % shipmentCodes.length],
  documentID: transportDocument,
  documentTypeCode: 'TRD',
});

describe('logistics: the verifiable trace', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let shipper: Party;
  let carrier: Party;
  let outsider: Party;
  let orderId: string;
  let trustPolicy: unknown;

  const call = async (party: Party, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await ctx.hub.app.inject({
      method,
      url,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, text: response.body, json: <T>() => response.json<T>() };
  };
  const sendBatch = async (events: Json[]) => {
    const res = await call(carrier, 'POST', `/api/logistics/events/batch?org=${carrier.organisationId}`, {
      events,
    });
    expect(res.status, res.text).toBe(200);
    return res.json<{ outcomes: { eventID: string; status: string }[] }>().outcomes;
  };
  const newShipment = async (transportDocument: string) => {
    const created = await call(shipper, 'POST', `/api/orgs/${shipper.organisationId}/logistics/shipments`, {
      reference: `REF-${transportDocument}`,
      orderIds: [orderId],
      carrierOrganisationId: carrier.organisationId,
      transportDocumentReference: transportDocument,
      legs: [
        {
          mode: 'sea',
          origin: 'CNNGB',
          destination: 'NLRTM',
          plannedDeparture: '2026-12-01T08:00:00+08:00',
          plannedArrival: '2027-01-05T06:00:00+01:00',
        },
      ],
      cargo: [{ hsCode: '950300', description: 'Toy bricks', packages: 120, grossWeightKg: '2450.500' }],
    });
    expect(created.status, created.text).toBe(201);
    return created.json<{ id: string }>().id;
  };
  const exportTrace = async (shipmentId: string, party: Party = shipper) => {
    await ctx.hub.transparencyLog.sequencer.integrateNow();
    const res = await call(
      party,
      'GET',
      `/api/orgs/${party.organisationId}/logistics/shipments/${shipmentId}/trace`,
    );
    expect(res.status, res.text).toBe(200);
    return res.json<Trace>();
  };
  const verify = (trace: unknown): TraceReport => verifyTrace(trace, trustPolicy);
  const db = () => ctx.hub.db.kysely;
  /** A shipment with `count` events, sent in two batches (two commitments). */
  const shipmentWithEvents = async (transportDocument: string, count: number) => {
    const shipmentId = await newShipment(transportDocument);
    const events = Array.from({ length: count }, (_, n) => event(transportDocument, n));
    await sendBatch(events.slice(0, 2));
    await sendBatch(events.slice(2));
    return { shipmentId, eventIds: events.map((e) => e.eventID as string) };
  };

  beforeAll(async () => {
    ctx = await createTestHub();
    shipper = await createParty(ctx.hub, 'TraceShipper', { kind: 'exporter' });
    carrier = await createParty(ctx.hub, 'TraceCarrier', { kind: 'carrier' });
    outsider = await createParty(ctx.hub, 'TraceOutsider', { kind: 'carrier' });
    const order = await call(shipper, 'POST', `/api/orgs/${shipper.organisationId}/orders`, {
      content: orderContent(shipper),
    });
    expect(order.status, order.text).toBe(201);
    orderId = order.json<{ id: string }>().id;
    const policy = await ctx.hub.app.inject({ method: 'GET', url: '/log/trust-policy' });
    expect(policy.statusCode, policy.body).toBe(200);
    trustPolicy = policy.json();
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('chains events in arrival order, commits one TRACE_BATCH per ingest across shipments, and verifies offline', async () => {
    const first = await newShipment('TDR-TRACE-A');
    const second = await newShipment('TDR-TRACE-B');
    const batch = [
      event('TDR-TRACE-A', 0),
      event('TDR-TRACE-B', 1),
      event('TDR-TRACE-A', 2),
      event('TDR-TRACE-B', 3),
      event('TDR-TRACE-A', 4),
    ];
    // Event time order differs from arrival order: the chain follows arrival.
    (batch[0] as Json).eventDateTime = '2026-01-20T00:00:00Z';
    const queuedBefore = await sql<{ n: number }>`
      select count(*)::int as n from logistics.trace_batches`.execute(db());
    await sendBatch(batch);
    const queuedAfter = await sql<{ n: number }>`
      select count(*)::int as n from logistics.trace_batches`.execute(db());
    expect((queuedAfter.rows[0]?.n ?? 0) - (queuedBefore.rows[0]?.n ?? 0)).toBe(1);
    // A replay adds nothing to the chain and commits nothing.
    const replayed = await sendBatch([batch[2] as Json]);
    expect(replayed[0]?.status).toBe('replayed');
    const queuedAfterReplay = await sql<{ n: number }>`
      select count(*)::int as n from logistics.trace_batches`.execute(db());
    expect(queuedAfterReplay.rows[0]?.n).toBe(queuedAfter.rows[0]?.n);
    await sendBatch([event('TDR-TRACE-A', 5)]);

    const trace = await exportTrace(first);
    expect(trace.type).toBe('tradehub-trace/v1');
    expect(trace.events.map((e) => e.index)).toEqual([0, 1, 2, 3]);
    expect(trace.events.slice(0, 3).map((e) => e.eventID)).toEqual(
      [batch[0], batch[2], batch[4]].map((e) => e?.eventID),
    );
    expect(trace.events[0]?.body).toEqual(batch[0]);
    expect(trace.commitments.map((c) => c.length)).toEqual([3, 4]);
    // The first ingest's entry holds both shipments' heads.
    expect(trace.commitments[0]?.batch.size).toBe(2);
    const report = verify(trace);
    expect(report.checks.filter((c) => c.verdict !== 'OK' && c.verdict !== 'SKIPPED')).toEqual([]);
    expect(report.verdict).toBe('VALID');
    expect(report.committedLength).toBe(4);
    expect(report.checks.find((c) => c.check === 'log_key')?.verdict).toBe('OK');
    expect(verify(await exportTrace(second)).verdict).toBe('VALID');
    // Without a trust policy the trace's own log key is used, and the report says so.
    const own = verifyTrace(trace, null);
    expect(own.verdict).toBe('VALID');
    expect(own.checks.find((c) => c.check === 'log_key')?.reason).toBe('log_key_from_trace');
  });

  it('refuses a TRACE_BATCH entry through the organisation append API: only the logistics module writes the kind', async () => {
    const { shipmentId } = await shipmentWithEvents('TDR-TRACE-K', 3);
    const trace = await exportTrace(shipmentId);
    const proof = parseTlogProof(trace.commitments[0]?.tlogProof ?? '');
    expect(proof.ok).toBe(true);
    const entry = proof.ok ? proof.proof.extra : undefined;
    expect(entry?.[1]).toBe(7);
    const res = await call(carrier, 'POST', `/api/orgs/${carrier.organisationId}/log/entries`, {
      entries: [Buffer.from(entry ?? new Uint8Array()).toString('base64')],
    });
    expect(res.status, res.text).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('transparency-log.entry_kind_reserved');
  });

  it('names an event whose stored body was altered', async () => {
    const { shipmentId, eventIds } = await shipmentWithEvents('TDR-TRACE-C', 5);
    expect(verify(await exportTrace(shipmentId)).verdict).toBe('VALID');
    const victim = eventIds[3] as string;
    await sql`
      update logistics.tracking_events
      set body = jsonb_set(body, '{shipmentEventTypeCode}', '"REJE"')
      where event_id = ${victim}`.execute(db());
    const report = verify(await exportTrace(shipmentId));
    expect(report.verdict).toBe('INVALID');
    expect(report.problem).toMatchObject({ kind: 'altered', index: 3, eventID: victim });
    expect(report.checks.find((c) => c.check === 'events')?.message).toContain(victim);
  });

  it('names the first rewritten event even when the stored chain hashes were recomputed to fit', async () => {
    const { shipmentId, eventIds } = await shipmentWithEvents('TDR-TRACE-D', 4);
    const trace = await exportTrace(shipmentId);
    // Whoever rewrites the database can recompute the chain; only the log's heads stay out of reach.
    const forged = structuredClone(trace) as { events: Trace['events'][number][] } & Trace;
    const altered = forged.events[2] as { body: Json };
    altered.body = { ...altered.body, shipmentEventTypeCode: 'REJE' };
    const { traceChainHash, traceEventHash, traceGenesis } = await import('@tradehub/verifier');
    let previous = traceGenesis(trace.shipment.id, trace.shipment.reference);
    forged.events = forged.events.map((e) => {
      previous = traceChainHash(previous, traceEventHash(e.body));
      return { ...e, chainHash: Buffer.from(previous).toString('hex') };
    });
    const report = verify(forged);
    expect(report.verdict).toBe('INVALID');
    expect(report.checks.find((c) => c.check === 'events')?.verdict).toBe('OK');
    expect(report.problem).toMatchObject({ kind: 'head_mismatch', index: 2, eventID: eventIds[2] });
  });

  it('names a deleted event, in the middle and at the end of the chain', async () => {
    const { shipmentId, eventIds } = await shipmentWithEvents('TDR-TRACE-E', 5);
    await sql`delete from logistics.tracking_events where event_id = ${eventIds[2] as string}`.execute(db());
    const middle = verify(await exportTrace(shipmentId));
    expect(middle.verdict).toBe('INVALID');
    expect(middle.problem).toMatchObject({ kind: 'missing', index: 2 });
    expect(middle.problem?.message).toContain(eventIds[3]);

    const tail = await shipmentWithEvents('TDR-TRACE-F', 4);
    await sql`delete from logistics.tracking_events where event_id = ${tail.eventIds[3] as string}`.execute(
      db(),
    );
    const cut = verify(await exportTrace(tail.shipmentId));
    expect(cut.verdict).toBe('INVALID');
    expect(cut.problem).toMatchObject({ kind: 'missing', index: 3 });
  });

  it('names a reordering of stored events', async () => {
    const { shipmentId, eventIds } = await shipmentWithEvents('TDR-TRACE-G', 5);
    // Swap the places of events 1 and 3 (through a free index: the pair is unique).
    await sql`
      update logistics.tracking_events set chain_index = -1 where event_id = ${eventIds[1] as string}`.execute(
      db(),
    );
    await sql`
      update logistics.tracking_events set chain_index = 1 where event_id = ${eventIds[3] as string}`.execute(
      db(),
    );
    await sql`
      update logistics.tracking_events set chain_index = 3 where event_id = ${eventIds[1] as string}`.execute(
      db(),
    );
    const report = verify(await exportTrace(shipmentId));
    expect(report.verdict).toBe('INVALID');
    expect(report.problem).toMatchObject({ kind: 'reordered', index: 1, eventID: eventIds[1] });
  });

  it('keeps one chain when ingests for the same shipment run concurrently', async () => {
    const shipmentId = await newShipment('TDR-TRACE-H');
    const sends = Array.from({ length: 8 }, (_, n) =>
      sendBatch([event('TDR-TRACE-H', 2 * n), event('TDR-TRACE-H', 2 * n + 1)]),
    );
    await Promise.all(sends);
    const trace = await exportTrace(shipmentId);
    expect(trace.events.map((e) => e.index)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(new Set(trace.commitments.map((c) => c.length)).size).toBe(8);
    expect(verify(trace).verdict).toBe('VALID');
  });

  it('reports events whose head is not in the log yet as not checked, never as valid', async () => {
    const { shipmentId, eventIds } = await shipmentWithEvents('TDR-TRACE-I', 3);
    const trace = await exportTrace(shipmentId);
    expect(trace.commitments.map((c) => c.length)).toEqual([2, 3]);
    // What the hub hands out while the second entry waits for the sequencer: its head left out.
    const early = { ...trace, commitments: trace.commitments.slice(0, 1) };
    const report = verify(early);
    expect(report.verdict).toBe('ERROR');
    expect(report.problem).toMatchObject({ kind: 'not_committed', index: 2, eventID: eventIds[2] });
  });

  it('answers 404 to an organisation that is no party of the shipment', async () => {
    const shipmentId = await newShipment('TDR-TRACE-J');
    const res = await call(
      outsider,
      'GET',
      `/api/orgs/${outsider.organisationId}/logistics/shipments/${shipmentId}/trace`,
    );
    expect(res.status, res.text).toBe(404);
    expect(res.json<{ code: string }>().code).toBe('logistics.shipment_not_found');
    // The carrier is a party and gets the same trace as the shipper.
    expect((await exportTrace(shipmentId, carrier)).shipment.id).toBe(shipmentId);
  });
});
