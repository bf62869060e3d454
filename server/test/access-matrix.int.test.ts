import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoParcels } from '../src/modules/customs/index.ts';
import type { RouteAccess } from '../src/platform/http/index.ts';
import { createParty, createTestHub, type Party, rememberSecret } from './support/test-hub.ts';

const sampleOrderContent = {
  buyerReference: 'INTRUDER-PO',
  currency: 'USD',
  seller: { name: 'Intruder', country: 'CN' },
  buyer: { name: 'Intruder', country: 'DE', email: 'intruder@party.example' },
  incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB' } },
  paymentTerms: 'T/T',
  lines: [
    {
      descriptionEn: 'x',
      hsCode: '950300',
      quantity: '1',
      unitCode: 'H87',
      unitPrice: { amount: '1.00', currency: 'USD' },
    },
  ],
};

// A body that passes validation for each write route, so that what answers is the access decision
// and not the schema. A new write route without a sample here fails the matrix on purpose.
const sampleBodies: Record<string, unknown> = {
  'POST /api/auth/login': { email: 'nobody@party.example', password: 'wrong password' },
  'POST /api/auth/register': {
    email: 'matrix-new@party.example',
    displayName: 'New',
    password: 'long enough pw',
  },
  'POST /api/auth/logout': undefined,
  'PATCH /api/me': { locale: 'en' },
  'POST /api/orgs': { nameZh: '矩阵公司', nameEn: 'Matrix Ltd', kind: 'importer', country: 'DE' },
  'PATCH /api/orgs/:orgId': { nameEn: 'Renamed by an intruder' },
  'PATCH /api/orgs/:orgId/members/:userId': { role: 'viewer' },
  'DELETE /api/orgs/:orgId/members/:userId': undefined,
  'POST /api/orgs/:orgId/invitations': { email: 'intruder@party.example', role: 'admin' },
  'DELETE /api/orgs/:orgId/invitations/:invitationId': undefined,
  'POST /api/invitations/accept': { token: 'x'.repeat(43), displayName: 'X', password: 'long enough pw' },
  'POST /api/orgs/:orgId/api-keys': { name: 'intruder key', scopes: ['read'] },
  'DELETE /api/orgs/:orgId/api-keys/:keyId': undefined,
  'POST /api/orgs/:orgId/keys/rotate': {},
  'POST /api/orgs/:orgId/keys/:keyId/revoke': { reason: 'key_compromise' },
  'POST /api/orgs/:orgId/documents': { documentType: 'Other', documentNumber: 'INTRUDER-1', subject: {} },
  'POST /api/orgs/:orgId/documents/batch': {
    documents: [{ documentType: 'Other', documentNumber: 'INTRUDER-2', subject: {} }],
  },
  'POST /api/orgs/:orgId/documents/:documentId/revoke': { reason: 'revoked by an intruder' },
  'POST /api/orgs/:orgId/documents/:documentId/suspend': { reason: 'suspended by an intruder' },
  'POST /api/orgs/:orgId/documents/:documentId/unsuspend': undefined,
  'POST /api/orgs/:orgId/log/entries': { entries: ['AQID'] },
  'POST /api/orgs/:orgId/documents/drafts': {
    kind: 'packing_list',
    documentNumber: 'INTRUDER-D',
    subject: {},
  },
  'PUT /api/orgs/:orgId/documents/drafts/:draftId': { version: 1, documentNumber: 'INTRUDER-D', subject: {} },
  'POST /api/orgs/:orgId/documents/drafts/:draftId/issue': {},
  'POST /api/orgs/:orgId/transferable-records': { documentId: 'doc_intruder', holderOrganisationId: 'org_x' },
  'POST /api/orgs/:orgId/transferable-records/:recordId/actions': {
    action: 'transfer_holder',
    toOrganisationId: 'org_x',
    expectedHead: '0'.repeat(64),
  },
  'POST /api/orgs/:orgId/orders': { content: sampleOrderContent },
  'PUT /api/orgs/:orgId/orders/:orderId': { version: 1, content: sampleOrderContent },
  'POST /api/orgs/:orgId/orders/:orderId/actions': { action: 'cancel', version: 1, note: 'by an intruder' },
  'POST /api/orgs/:orgId/orders/:orderId/shares': { organisationId: 'org_intruder', role: 'bank' },
  'DELETE /api/orgs/:orgId/orders/:orderId/shares/:organisationId': undefined,
  'POST /api/orgs/:orgId/orders/:orderId/documents': { kind: 'commercial_invoice' },
  'POST /api/orgs/:orgId/orders/import/ubl': {},
  'POST /api/orgs/:orgId/order-invitations/:token/claim': undefined,
  'POST /api/orgs/:orgId/customs/parcels/:parcelId/reveal': { reason: 'an intruder wants to see' },
  'POST /api/orgs/:orgId/customs/parcels/:parcelId/inspection': {
    outcome: 'release',
    note: 'by an intruder',
  },
};

type Fixture = Party & {
  invitationId: string;
  apiKeyId: string;
  apiKey: string;
  signingKeyId: string;
  documentId: string;
  draftId: string;
  orderId: string;
  parcelId: string;
  customsMessageId: string;
};

type Credential = { label: string; headers: (party: Fixture) => Record<string, string> };

const credentials: Credential[] = [
  { label: 'session', headers: (p) => ({ cookie: p.cookie }) },
  { label: 'API key', headers: (p) => ({ authorization: `Bearer ${p.apiKey}` }) },
];

const withObjects = (party: Fixture, b: Fixture, access: Extract<RouteAccess, { kind: 'organisation' }>) => {
  const values: Record<string, string> = { [access.param]: party.organisationId };
  const objectOf: Record<string, (f: Fixture) => string> = {
    user: (f) => f.userId,
    invitation: (f) => f.invitationId,
    api_key: (f) => f.apiKeyId,
    signing_key: (f) => f.signingKeyId,
    document: (f) => f.documentId,
    document_draft: (f) => f.draftId,
    order: (f) => f.orderId,
    parcel: (f) => f.parcelId,
    customs_message: (f) => f.customsMessageId,
  };
  for (const [param, type] of Object.entries(access.objects ?? {})) {
    const pick = objectOf[type];
    if (pick === undefined) {
      throw new Error(`the matrix has no fixture for object type ${type}: add one`);
    }
    values[param] = pick(b);
  }
  return values;
};

const fillPath = (url: string, values: Record<string, string>) =>
  url.replaceAll(/:(\w+)/g, (_match, name: string) => values[name] ?? 'unknown-param');

describe('cross-organisation access matrix', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let a: Fixture;
  let b: Fixture;

  const fixture = async (label: string): Promise<Fixture> => {
    const party = await createParty(ctx.hub, label);
    const invitation = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/invitations`,
      headers: { cookie: party.cookie },
      payload: { email: `${label.toLowerCase()}-invitee@party.example`, role: 'member' },
    });
    const key = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/api-keys`,
      headers: { cookie: party.cookie },
      payload: { name: `${label} ERP`, scopes: ['read', 'write'] },
    });
    expect(invitation.statusCode).toBe(201);
    expect(key.statusCode).toBe(201);
    const apiKey = key.json<{ secret: string; apiKey: { id: string } }>();
    rememberSecret(apiKey.secret);
    const signingKeys = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${party.organisationId}/keys`,
      headers: { cookie: party.cookie },
    });
    expect(signingKeys.statusCode).toBe(200);
    const document = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/documents`,
      headers: { cookie: party.cookie },
      payload: {
        documentType: 'CommercialInvoice',
        documentNumber: `${label}-INV-1`,
        subject: { total: '1.00' },
      },
    });
    expect(document.statusCode).toBe(201);
    const draft = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/documents/drafts`,
      headers: { cookie: party.cookie },
      payload: { kind: 'packing_list', documentNumber: `${label}-PL-1`, subject: {} },
    });
    expect(draft.statusCode).toBe(201);
    const order = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/orders`,
      headers: { cookie: party.cookie },
      payload: {
        content: {
          ...sampleOrderContent,
          seller: { organisationId: party.organisationId, name: label, country: 'CN' },
        },
      },
    });
    expect(order.statusCode, order.body).toBe(201);
    const [parcel] = generateDemoParcels({ count: 1, seed: label.length, prefix: label.toUpperCase() });
    const customs = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/customs/ceb/batch?org=${party.organisationId}`,
      headers: { cookie: party.cookie },
      payload: { messages: [parcel?.order] },
    });
    expect(customs.statusCode, customs.body).toBe(200);
    const received = customs.json<{
      outcomes: { status: string; messageId: string; parcelIds: string[] }[];
    }>().outcomes[0];
    expect(received?.status).toBe('accepted');

    return {
      ...party,
      invitationId: invitation.json<{ invitation: { id: string } }>().invitation.id,
      apiKeyId: apiKey.apiKey.id,
      apiKey: apiKey.secret,
      signingKeyId: signingKeys.json<{ items: { id: string }[] }>().items[0]?.id ?? 'no signing key',
      documentId: document.json<{ id: string }>().id,
      draftId: draft.json<{ id: string }>().id,
      orderId: order.json<{ id: string }>().id,
      parcelId: received?.parcelIds[0] ?? 'no parcel',
      customsMessageId: received?.messageId ?? 'no message',
    };
  };

  beforeAll(async () => {
    // A small web bundle, so the static-file and single-page routes are part of the matrix too.
    const webDist = mkdtempSync(join(tmpdir(), 'tradehub-web-'));
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>tradehub</title>');
    writeFileSync(join(webDist, 'assets', 'app-1234.js'), 'export {};');
    ctx = await createTestHub({ webDistDir: webDist });
    a = await fixture('Alpha');
    b = await fixture('Bravo');
  });
  afterAll(async () => ctx.close());

  const apiRoutes = () => ctx.hub.routes.filter((route) => route.method !== 'HEAD');

  it('finds every route, and every route declares who may call it', () => {
    const routes = apiRoutes();
    // The hub has at least the identity, codes, meta and health routes; an empty list would make
    // every other assertion here vacuous.
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes
      .filter((route) => route.config?.access === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  for (const credential of credentials) {
    it(`answers 404 to organisation A (${credential.label}) for every object of organisation B`, async () => {
      const checked: string[] = [];
      for (const route of apiRoutes()) {
        const access = route.config?.access;
        if (access?.kind !== 'organisation') {
          continue;
        }
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) {
          const key = `${method} ${route.url}`;
          if (method !== 'GET') {
            expect(Object.hasOwn(sampleBodies, key), `sample body for ${key}`).toBe(true);
          }
          const payload = sampleBodies[key];
          // B's organisation in the path, with B's objects.
          const onB = await ctx.hub.app.inject({
            method: method as 'GET',
            url: fillPath(String(route.url), withObjects(b, b, access)),
            headers: credential.headers(a),
            ...(payload === undefined ? {} : { payload: payload as object }),
          });
          expect(onB.statusCode, `${key} on B's organisation: ${onB.body}`).toBe(404);
          expect(onB.headers['content-type']).toContain('application/problem+json');
          expect(onB.body).not.toContain(b.email);
          checked.push(`${key} (B's organisation)`);
          if (Object.keys(access.objects ?? {}).length > 0) {
            // A's own organisation in the path, but B's object: still nothing of B's is reachable.
            const onMixed = await ctx.hub.app.inject({
              method: method as 'GET',
              url: fillPath(String(route.url), withObjects(a, b, access)),
              headers: credential.headers(a),
              ...(payload === undefined ? {} : { payload: payload as object }),
            });
            // API keys may not manage members or keys at all (403); a person gets 404.
            expect([403, 404], `${key} with B's object: ${onMixed.body}`).toContain(onMixed.statusCode);
            checked.push(`${key} (B's object under A)`);
          }
        }
      }
      expect(checked.length).toBeGreaterThanOrEqual(10);
    });
  }

  it('never shows B anything of A on the routes that act on the caller itself', async () => {
    const checked: string[] = [];
    for (const route of apiRoutes()) {
      const access = route.config?.access;
      if (access === undefined || access.kind === 'organisation' || route.method !== 'GET') {
        continue;
      }
      if (String(route.url).includes(':') || String(route.url).includes('*')) {
        continue;
      }
      const res = await ctx.hub.app.inject({
        method: 'GET',
        url: String(route.url),
        headers: { cookie: b.cookie },
      });
      expect(res.statusCode, `${route.url}: ${res.body}`).toBeLessThan(500);
      expect(res.body).not.toContain(a.organisationId);
      expect(res.body).not.toContain(a.email);
      checked.push(String(route.url));
    }
    expect(checked).toContain('/api/orgs');
    expect(checked).toContain('/api/me');
  });

  it('serves the web bundle: known assets, the app for page paths, 404 for unknown assets and API paths', async () => {
    const asset = await ctx.hub.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const page = await ctx.hub.app.inject({ method: 'GET', url: '/org/profile' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>tradehub</title>');
    expect((await ctx.hub.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const api = await ctx.hub.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it("left B's data untouched", async () => {
    const org = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}`,
      headers: { authorization: `Bearer ${b.apiKey}` },
    });
    expect(org.statusCode).toBe(200);
    expect(org.json<{ nameEn: string }>().nameEn).toBe('Bravo Ltd');
    const invitations = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}/invitations`,
      headers: { cookie: b.cookie },
    });
    expect(invitations.json<{ items: { status: string }[] }>().items.map((i) => i.status)).toEqual([
      'pending',
    ]);
    const members = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}/members`,
      headers: { cookie: b.cookie },
    });
    expect(members.json<{ items: { email: string }[] }>().items.map((m) => m.email)).toEqual([b.email]);
  });

  it("left B's signing keys untouched: one key, still active", async () => {
    const keys = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}/keys`,
      headers: { cookie: b.cookie },
    });
    expect(keys.json<{ items: { id: string; status: string }[] }>().items).toEqual([
      expect.objectContaining({ id: b.signingKeyId, status: 'active' }),
    ]);
  });

  it("left B's documents untouched: one document, still active", async () => {
    const documents = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}/documents`,
      headers: { cookie: b.cookie },
    });
    expect(documents.json<{ items: { id: string; status: string }[] }>().items).toEqual([
      expect.objectContaining({ id: b.documentId, status: 'active' }),
    ]);
  });
});
