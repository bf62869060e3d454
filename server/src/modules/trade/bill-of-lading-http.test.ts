import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from '../../../test/support/test-hub.ts';

type Json = Record<string, unknown>;
type OrderView = { id: string; version: number };

// The hub as it starts, with the real bill of lading generator: the order gives parties, goods and
// freight terms, the seller adds what the carrier said.
describe('trade: a bill of lading generated from an order over HTTP', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let yiwu: Party;
  let hamburg: Party;
  let outsider: Party;

  beforeAll(async () => {
    ctx = await createTestHub();
    yiwu = await createParty(ctx.hub, 'Yiwu');
    hamburg = await createParty(ctx.hub, 'Hamburg');
    outsider = await createParty(ctx.hub, 'Outsider');
  });
  afterAll(async () => ctx.close());

  const call = (party: Party, method: 'GET' | 'POST', path: string, payload?: unknown) =>
    ctx.hub.app.inject({
      method,
      url: `/api/orgs/${party.organisationId}${path}`,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });

  const acceptedOrder = async (): Promise<OrderView> => {
    const created = await call(yiwu, 'POST', '/orders', {
      content: {
        buyerReference: `PO-${Math.random().toString(36).slice(2, 8)}`,
        issueDate: '2026-11-20',
        currency: 'EUR',
        seller: {
          organisationId: yiwu.organisationId,
          name: 'Yiwu Ltd',
          country: 'CN',
          companyId: '91330782MA2D0C4X1K',
          addressLines: ['88 Futian Road'],
          city: 'Yiwu',
          postalCode: '322000',
          email: 'sales@yiwu.example',
        },
        buyer: {
          organisationId: hamburg.organisationId,
          name: 'Elbe Handelshaus GmbH',
          country: 'DE',
          companyId: 'DE123456789',
          addressLines: ['Am Sandtorkai 1'],
          city: 'Hamburg',
          postalCode: '20457',
        },
        incoterms: { rule: 'CIF', namedPlace: { unlocode: 'DEHAM', name: 'Hamburg' } },
        paymentTerms: '100% against copy of B/L',
        lines: [
          {
            descriptionEn: 'Plush toy bear, 30 cm',
            descriptionZh: '毛绒玩具熊，30厘米',
            hsCode: '950300',
            quantity: '1000',
            unitCode: 'H87',
            unitPrice: { amount: '2.50', currency: 'EUR' },
          },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json<OrderView>();
    const offered = await call(yiwu, 'POST', `/orders/${draft.id}/actions`, {
      action: 'offer',
      version: draft.version,
    });
    const accepted = await call(hamburg, 'POST', `/orders/${draft.id}/actions`, {
      action: 'accept',
      version: offered.json<OrderView>().version,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    return accepted.json<OrderView>();
  };

  const shipment = {
    transportDocumentReference: 'NGBHAM2600013',
    carrierCode: 'COSU',
    carrierBookingReference: 'COSU6312345671',
    termsAndConditions: 'Carriage subject to the carrier’s standard terms.',
    shippedOnBoardDate: '2026-12-02',
    transports: {
      plannedDepartureDate: '2026-12-02',
      plannedArrivalDate: '2027-01-08',
      portOfLoading: { UNLocationCode: 'CNNGB', locationName: 'Ningbo' },
      vesselVoyages: [{ vesselName: 'COSCO Shipping Aries', carrierExportVoyageNumber: '041W' }],
    },
    documentParties: {
      issuingParty: {
        partyName: 'COSCO Shipping Lines Co., Ltd.',
        address: { street: 'Dongdaming Road', streetNumber: '378', city: 'Shanghai', countryCode: 'CN' },
      },
    },
    containers: [
      {
        equipmentReference: 'CSQU3054383',
        seals: [{ number: 'CN1234567' }],
        cargoGrossWeight: { value: '3250.5', unit: 'KGM' },
        outerPackaging: { numberOfPackages: 100, description: 'Cartons' },
      },
    ],
  };

  it('names the shipment details it lacks, then issues the bill of lading for the seller only', async () => {
    const order = await acceptedOrder();
    const bare = await call(yiwu, 'POST', `/orders/${order.id}/documents`, { kind: 'bill_of_lading' });
    expect(bare.statusCode, bare.body).toBe(400);
    expect(bare.headers['content-type']).toContain('application/problem+json');
    expect(bare.json()).toMatchObject({
      errors: expect.arrayContaining([
        expect.objectContaining({ field: 'overrides.transportDocumentReference' }),
        expect.objectContaining({ field: 'overrides.containers' }),
      ]),
    });

    // Another organisation cannot issue from (or even see) the order.
    const foreign = await call(outsider, 'POST', `/orders/${order.id}/documents`, {
      kind: 'bill_of_lading',
      overrides: shipment,
    });
    expect(foreign.statusCode).toBe(404);

    const issued = await call(yiwu, 'POST', `/orders/${order.id}/documents`, {
      kind: 'bill_of_lading',
      overrides: shipment,
    });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({ kind: 'bill_of_lading' });
  });
});
