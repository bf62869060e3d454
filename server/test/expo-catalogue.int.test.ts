import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// The expo catalogue over HTTP (docs/expo-catalogue.md): showcases, products, certifications,
// services and events; every bad input of issue 11 that is the catalogue's; what buyers see
// (published only) and that no organisation reads or changes another's drafts by any route.

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let alpha: Party; // an exporter exhibiting
let bravo: Party; // another exporter, and the buyer side of the visibility checks
let organiser: Party; // runs an expo event

type Json = Record<string, unknown>;
type FieldErrors = { field: string; code: string }[];

const call = async (
  party: Party,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => {
  const res = await ctx.hub.app.inject({
    method,
    url,
    headers: { cookie: party.cookie, ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: res.statusCode, body: res.json<Json>(), type: res.headers['content-type'] ?? '' };
};
const own = (party: Party, path = '') => `/api/orgs/${party.organisationId}/expo${path}`;
const fieldCodes = (body: Json) => ((body.errors ?? []) as FieldErrors).map((e) => [e.field, e.code]);

const showcase = (nameEn: string) => ({
  displayNameZh: `${nameEn}（展商）`,
  displayNameEn: nameEn,
  introZh: '简介',
  introEn: 'Intro',
  country: 'CN',
  cityZh: '宁波',
  cityEn: 'Ningbo',
  unlocode: 'CNNGB',
  website: 'https://example.com',
  exportMarkets: ['DE', 'MY'],
});
const product = (overrides: Json = {}) => ({
  nameZh: 'LED 平板灯',
  nameEn: 'LED panel light',
  descriptionZh: '办公照明',
  descriptionEn: 'Office lighting',
  hsCode: '9405.42',
  images: [{ url: 'https://images.example/panel.jpg', altEn: 'panel' }],
  moq: '200',
  moqUnit: 'H87',
  price: { currency: 'USD', min: '8.50', max: '11.00' },
  leadTimeDays: 25,
  exportMarkets: ['DE'],
  ...overrides,
});

const created = async (party: Party, path: string, payload: object) => {
  const answer = await call(party, 'POST', own(party, path), payload);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};

beforeAll(async () => {
  ctx = await createTestHub();
  alpha = await createParty(ctx.hub, 'Alpha');
  bravo = await createParty(ctx.hub, 'Bravo');
  organiser = await createParty(ctx.hub, 'Organiser', { kind: 'regulator' });
});
afterAll(async () => ctx.close());

describe('exhibitor showcase', () => {
  it('is null before it is set up, then created, then changed only with the version read', async () => {
    expect((await call(alpha, 'GET', own(alpha, '/exhibitor'))).body).toEqual({ showcase: null });
    const first = await call(alpha, 'PUT', own(alpha, '/exhibitor'), showcase('Alpha Lighting'));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ version: 1, status: 'draft', unlocode: 'CNNGB' });
    const stale = await call(alpha, 'PUT', own(alpha, '/exhibitor'), { ...showcase('Alpha'), version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('expo.version_conflict');
    const published = await call(alpha, 'PUT', own(alpha, '/exhibitor'), {
      ...showcase('Alpha Lighting'),
      status: 'published',
      version: 1,
    });
    expect(published.body).toMatchObject({ version: 2, status: 'published' });
  });

  it('refuses an unknown country, export market or UN/LOCODE with field errors', async () => {
    const bad = await call(bravo, 'PUT', own(bravo, '/exhibitor'), {
      ...showcase('Bravo'),
      country: 'XX',
      exportMarkets: ['DE', 'QQ'],
      unlocode: 'C1@',
    });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(fieldCodes(bad.body)).toEqual(
      expect.arrayContaining([
        ['country', 'expo.unknown_country'],
        ['exportMarkets.1', 'expo.unknown_country'],
        ['unlocode', 'expo.unknown_unlocode'],
      ]),
    );
  });
});

describe('products', () => {
  let productId: string;

  it('need a showcase first', async () => {
    const answer = await call(bravo, 'POST', own(bravo, '/products'), product());
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('expo.catalogue_no_showcase');
  });

  it('refuse an HS code that does not exist and a price range with min above max, never with a 500', async () => {
    const unknownHs = await call(alpha, 'POST', own(alpha, '/products'), product({ hsCode: '999999' }));
    expect(unknownHs.status).toBe(400);
    expect(fieldCodes(unknownHs.body)).toEqual([['hsCode', 'expo.unknown_hs_code']]);
    const notInList = await call(alpha, 'POST', own(alpha, '/products'), product({ hsCode: '010199' }));
    expect(fieldCodes(notInList.body)).toEqual([['hsCode', 'expo.unknown_hs_code']]);
    const inverted = await call(
      alpha,
      'POST',
      own(alpha, '/products'),
      product({ price: { currency: 'USD', min: '12.00', max: '11.00' } }),
    );
    expect(inverted.status).toBe(400);
    expect(fieldCodes(inverted.body)).toEqual([['price.min', 'expo.price_min_above_max']]);
    const many = await call(
      alpha,
      'POST',
      own(alpha, '/products'),
      product({
        moq: '0',
        moqUnit: 'ZZZ',
        price: { currency: 'JPY', min: '1.5', max: '2' },
        exportMarkets: ['ZZ'],
      }),
    );
    expect(many.status).toBe(400);
    expect(fieldCodes(many.body)).toEqual(
      expect.arrayContaining([
        ['moq', 'expo.invalid_quantity'],
        ['moqUnit', 'expo.unknown_unit'],
        ['exportMarkets.0', 'expo.unknown_country'],
        ['price.min', 'expo.invalid_amount'],
      ]),
    );
    const currency = await call(
      alpha,
      'POST',
      own(alpha, '/products'),
      product({ price: { currency: 'ABC', min: '1', max: '2' } }),
    );
    expect(fieldCodes(currency.body)).toEqual([['price.currency', 'expo.unknown_currency']]);
    const insecureImage = await call(
      alpha,
      'POST',
      own(alpha, '/products'),
      product({ images: [{ url: 'http://x.example/a.jpg' }] }),
    );
    expect(insecureImage.status).toBe(400);
    const nineImages = await call(
      alpha,
      'POST',
      own(alpha, '/products'),
      product({ images: Array.from({ length: 9 }, (_, i) => ({ url: `https://x.example/${i}.jpg` })) }),
    );
    expect(nineImages.status).toBe(400);
  });

  it('answers any odd HS code, price or quantity with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        async (hs, amount, moq) => {
          const answer = await call(
            alpha,
            'POST',
            own(alpha, '/products'),
            product({ hsCode: hs, moq, price: { currency: 'USD', min: amount, max: '99999999.99' } }),
          );
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  });

  it('are created as drafts, keep money exact, and replay a retried create', async () => {
    const key = { 'idempotency-key': 'expo-catalogue-create-1' };
    const first = await call(alpha, 'POST', own(alpha, '/products'), product(), key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await call(alpha, 'POST', own(alpha, '/products'), product(), key);
    expect(again.body.id).toBe(first.body.id);
    productId = first.body.id as string;
    expect(productId).toMatch(/^epr_/);
    expect(first.body).toMatchObject({
      status: 'draft',
      hsCode: '940542',
      hsChapter: '94',
      moq: '200',
      price: { currency: 'USD', min: '8.50', max: '11.00' },
      version: 1,
    });
    const rows = await sql<{ price_min_minor: string }>`select price_min_minor from expo.products
      where id = ${productId}`.execute(ctx.hub.db.kysely);
    expect(rows.rows[0]?.price_min_minor).toBe('850');
  });

  it('are changed with the version read, and checked again as a whole', async () => {
    const patched = await call(alpha, 'PATCH', own(alpha, `/products/${productId}`), {
      version: 1,
      moq: '150.5',
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, moq: '150.5', nameEn: 'LED panel light' });
    const stale = await call(alpha, 'PATCH', own(alpha, `/products/${productId}`), {
      version: 1,
      moq: '100',
    });
    expect(stale.status).toBe(409);
    const inverted = await call(alpha, 'PATCH', own(alpha, `/products/${productId}`), {
      version: 2,
      price: { currency: 'USD', min: '20', max: '11' },
    });
    expect(fieldCodes(inverted.body)).toEqual([['price.min', 'expo.price_min_above_max']]);
  });

  it('carry certifications: self-declared, or refused when the credential is not the exhibitor’s', async () => {
    const ce = await call(alpha, 'PUT', own(alpha, `/products/${productId}/certifications/CE`), {});
    expect(ce.status, JSON.stringify(ce.body)).toBe(200);
    expect(ce.body.certifications).toEqual([
      { scheme: 'CE', credentialDocumentId: null, verification: 'self_declared', verifiedAt: null },
    ]);
    const foreign = await call(alpha, 'PUT', own(alpha, `/products/${productId}/certifications/RoHS`), {
      credentialDocumentId: 'doc_not_held',
    });
    expect(foreign.status).toBe(400);
    expect(fieldCodes(foreign.body)).toEqual([['credentialDocumentId', 'expo.unknown_credential']]);
    const badScheme = await call(
      alpha,
      'PUT',
      own(alpha, `/products/${productId}/certifications/%24%24`),
      {},
    );
    expect(badScheme.status).toBe(400);
    await call(alpha, 'PUT', own(alpha, `/products/${productId}/certifications/RoHS`), {});
    const dropped = await call(alpha, 'DELETE', own(alpha, `/products/${productId}/certifications/RoHS`));
    expect((dropped.body.certifications as { scheme: string }[]).map((c) => c.scheme)).toEqual(['CE']);
  });

  it('are verified while a credential the exhibitor holds is valid, and revoked when it is revoked', async () => {
    const issued = await ctx.hub.documents.issueOne(null, alpha.organisationId, {
      documentType: 'InspectionCertificate',
      documentNumber: 'ALPHA-ROHS-1',
      subject: { scheme: 'RoHS', productName: 'LED panel light' },
    });
    const documentId = issued.id;
    const backed = await call(alpha, 'PUT', own(alpha, `/products/${productId}/certifications/RoHS`), {
      credentialDocumentId: documentId,
    });
    expect(backed.status, JSON.stringify(backed.body)).toBe(200);
    const rohs = () =>
      call(alpha, 'GET', own(alpha, `/products/${productId}`)).then((answer) =>
        (answer.body.certifications as { scheme: string; verification: string }[]).find(
          (c) => c.scheme === 'RoHS',
        ),
      );
    expect(await rohs()).toMatchObject({ verification: 'verified', credentialDocumentId: documentId });
    // Bravo cannot back its claims with Alpha's credential.
    const borrowed = await call(bravo, 'PUT', own(bravo, `/products/${productId}/certifications/RoHS`), {
      credentialDocumentId: documentId,
    });
    expect(borrowed.status).toBe(404);
    const revoked = await call(
      alpha,
      'POST',
      `/api/orgs/${alpha.organisationId}/documents/${documentId}/revoke`,
      {
        reason: 'superseded',
      },
    );
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    // A buyer's read checks the credential again, and the owner's list then shows it too.
    await call(alpha, 'POST', own(alpha, `/products/${productId}/publish`));
    const seen = await call(bravo, 'GET', `/api/expo/products/${productId}`);
    expect(
      (seen.body.certifications as { scheme: string; verification: string }[]).find(
        (c) => c.scheme === 'RoHS',
      ),
    ).toMatchObject({
      verification: 'revoked',
    });
    expect(await rohs()).toMatchObject({ verification: 'revoked' });
    await call(alpha, 'DELETE', own(alpha, `/products/${productId}/certifications/RoHS`));
    await call(alpha, 'POST', own(alpha, `/products/${productId}/withdraw`));
  });

  it('are seen by other organisations only while published', async () => {
    const publicProduct = () => call(bravo, 'GET', `/api/expo/products/${productId}`);
    const publicList = async () =>
      ((await call(bravo, 'GET', '/api/expo/products?hsChapter=94')).body.items as { id: string }[]).map(
        (p) => p.id,
      );
    const exhibitorPage = () => call(bravo, 'GET', `/api/expo/exhibitors/${alpha.organisationId}`);

    expect((await publicProduct()).status).toBe(404);
    expect(await publicList()).not.toContain(productId);
    expect((await exhibitorPage()).body.products).toEqual([]);

    const published = await call(alpha, 'POST', own(alpha, `/products/${productId}/publish`));
    expect(published.body.status).toBe('published');
    expect((await call(alpha, 'POST', own(alpha, `/products/${productId}/publish`))).body.code).toBe(
      'expo.catalogue_status_not_allowed',
    );
    const seen = await publicProduct();
    expect(seen.status).toBe(200);
    expect(seen.body.exhibitor).toMatchObject({
      organisationId: alpha.organisationId,
      displayNameEn: 'Alpha Lighting',
    });
    expect(await publicList()).toContain(productId);
    expect(((await exhibitorPage()).body.products as { id: string }[]).map((p) => p.id)).toEqual([productId]);
    const byCountry = await call(bravo, 'GET', '/api/expo/exhibitors?country=CN&hsChapter=94');
    expect((byCountry.body.items as { organisationId: string }[]).map((e) => e.organisationId)).toContain(
      alpha.organisationId,
    );
    const otherChapter = await call(bravo, 'GET', '/api/expo/exhibitors?hsChapter=01');
    expect(otherChapter.body.items).toEqual([]);

    await call(alpha, 'POST', own(alpha, `/products/${productId}/withdraw`));
    expect((await publicProduct()).status).toBe(404);
    expect(await publicList()).not.toContain(productId);
    // The owner still reads its withdrawn product.
    expect((await call(alpha, 'GET', own(alpha, `/products/${productId}`))).body.status).toBe('withdrawn');
    await call(alpha, 'POST', own(alpha, `/products/${productId}/publish`));
  });

  it("answers 404 to another organisation on every route of A's product", async () => {
    await call(bravo, 'PUT', own(bravo, '/exhibitor'), showcase('Bravo Goods'));
    const paths: ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string, object?][] = [
      ['GET', `/products/${productId}`],
      ['PATCH', `/products/${productId}`, { version: 1, nameEn: 'mine now' }],
      ['POST', `/products/${productId}/publish`],
      ['POST', `/products/${productId}/withdraw`],
      ['PUT', `/products/${productId}/certifications/CE`, {}],
      ['DELETE', `/products/${productId}/certifications/CE`],
    ];
    for (const [method, path, payload] of paths) {
      // Bravo's own organisation in the path, Alpha's product: not found.
      const mixed = await call(bravo, method, own(bravo, path), payload);
      expect(mixed.status, `${method} ${path}`).toBe(404);
      // Alpha's organisation in the path: Bravo is no member.
      const foreign = await call(bravo, method, own(alpha, path), payload);
      expect(foreign.status, `${method} ${path} under A`).toBe(404);
    }
    for (const path of ['/exhibitor', '/products', '/services']) {
      expect((await call(bravo, 'GET', own(alpha, path))).status).toBe(404);
    }
    expect((await call(bravo, 'PUT', own(alpha, '/exhibitor'), showcase('Taken'))).status).toBe(404);
    expect((await call(bravo, 'POST', own(alpha, '/products'), product())).status).toBe(404);
    const listed = await call(bravo, 'GET', own(bravo, '/products'));
    expect(listed.body.items).toEqual([]);
    // Bravo's showcase is a draft: nobody else sees its page.
    expect((await call(alpha, 'GET', `/api/expo/exhibitors/${bravo.organisationId}`)).status).toBe(404);
  });
});

describe('services', () => {
  it('check the EBOPS 2010 category and the language tags, publish, and stay the owner’s', async () => {
    const ebops = await call(bravo, 'GET', '/api/expo/ebops');
    expect((ebops.body.items as { code: string; zh: string }[]).find((i) => i.code === 'SI2')?.zh).toBe(
      '计算机服务',
    );
    const bad = await call(alpha, 'POST', own(alpha, '/services'), {
      nameZh: '代运营',
      nameEn: 'Store operation',
      ebopsCode: 'SZ9',
      gatsModes: ['mode1'],
      languages: ['en', 'not a tag'],
    });
    expect(bad.status).toBe(400);
    expect(fieldCodes(bad.body)).toEqual([
      ['ebopsCode', 'expo.unknown_ebops_code'],
      ['languages.1', 'expo.invalid_language'],
    ]);
    const badMode = await call(alpha, 'POST', own(alpha, '/services'), {
      nameZh: '代运营',
      nameEn: 'Store operation',
      ebopsCode: 'SJ34',
      gatsModes: ['mode5'],
    });
    expect(badMode.status).toBe(400);
    const service = await created(alpha, '/services', {
      nameZh: '跨境电商代运营',
      nameEn: 'Cross-border store operation',
      ebopsCode: 'SJ34',
      gatsModes: ['mode1', 'mode3'],
      languages: ['zh-cn', 'en'],
      clientReferences: [{ clientName: 'Klang Valley Trading', country: 'MY', year: 2025 }],
    });
    expect(service).toMatchObject({ status: 'draft', languages: ['zh-CN', 'en'] });
    const id = service.id as string;
    expect((await call(bravo, 'GET', `/api/expo/services/${id}`)).status).toBe(404);
    expect(
      (await call(bravo, 'PATCH', own(bravo, `/services/${id}`), { version: 1, nameEn: 'x' })).status,
    ).toBe(404);
    expect((await call(bravo, 'POST', own(alpha, `/services/${id}/publish`))).status).toBe(404);
    await call(alpha, 'POST', own(alpha, `/services/${id}/publish`));
    expect((await call(bravo, 'GET', `/api/expo/services/${id}`)).status).toBe(200);
    const patched = await call(alpha, 'PATCH', own(alpha, `/services/${id}`), {
      version: 2,
      ebopsCode: 'SI22',
    });
    expect(patched.body).toMatchObject({ ebopsCode: 'SI22', version: 3 });
    const page = await call(bravo, 'GET', `/api/expo/exhibitors/${alpha.organisationId}`);
    expect((page.body.services as { id: string }[]).map((s) => s.id)).toEqual([id]);
  });
});

describe('events', () => {
  let eventId: string;
  let hallId: string;

  it('refuse a time zone Intl does not know and an end before the start', async () => {
    const bad = await call(organiser, 'POST', own(organiser, '/events'), {
      kind: 'annual_expo',
      nameZh: '博览会',
      nameEn: 'Expo',
      startsOn: '2026-12-20',
      endsOn: '2026-12-18',
      timeZone: 'Mars/Olympus',
    });
    expect(bad.status).toBe(400);
    expect(fieldCodes(bad.body)).toEqual([
      ['timeZone', 'expo.unknown_time_zone'],
      ['endsOn', 'expo.ends_before_start'],
    ]);
  });

  it('gather halls, booths given to published exhibitors, and a schedule', async () => {
    const event = await created(organiser, '/events', {
      kind: 'annual_expo',
      nameZh: '2026 全球数字贸易博览会',
      nameEn: '2026 Global Digital Trade Expo',
      startsOn: '2026-12-18',
      endsOn: '2026-12-20',
      timeZone: 'Asia/Shanghai',
      unlocode: 'CNHGH',
    });
    eventId = event.id as string;
    expect(eventId).toMatch(/^eev_/);
    const hall = await created(organiser, `/events/${eventId}/halls`, {
      nameZh: '1 号馆',
      nameEn: 'Hall 1',
      hsChapters: ['94', '85'],
    });
    hallId = hall.id as string;
    expect(hall.hsChapters).toEqual(['85', '94']);
    const notExhibiting = await call(organiser, 'POST', own(organiser, `/events/${eventId}/booths`), {
      hallId,
      code: '1A-01',
      exhibitorOrganisationId: bravo.organisationId,
    });
    expect(fieldCodes(notExhibiting.body)).toEqual([['exhibitorOrganisationId', 'expo.not_exhibiting']]);
    const unknownHall = await call(organiser, 'POST', own(organiser, `/events/${eventId}/booths`), {
      hallId: 'ehl_nope',
      code: '1A-01',
    });
    expect(fieldCodes(unknownHall.body)).toEqual([['hallId', 'expo.unknown_hall']]);
    const booth = await created(organiser, `/events/${eventId}/booths`, {
      hallId,
      code: '1A-01',
      exhibitorOrganisationId: alpha.organisationId,
    });
    expect(booth.exhibitor).toMatchObject({
      organisationId: alpha.organisationId,
      displayNameEn: 'Alpha Lighting',
    });
    const twice = await call(organiser, 'POST', own(organiser, `/events/${eventId}/booths`), {
      hallId,
      code: '1A-01',
    });
    expect(twice.body.code).toBe('expo.catalogue_booth_taken');
    const free = await created(organiser, `/events/${eventId}/booths`, { hallId, code: '1A-02' });
    const assigned = await call(
      organiser,
      'PUT',
      own(organiser, `/events/${eventId}/booths/${free.id}/exhibitor`),
      {
        exhibitorOrganisationId: alpha.organisationId,
      },
    );
    expect(assigned.status).toBe(200);
    const inverted = await call(organiser, 'POST', own(organiser, `/events/${eventId}/sessions`), {
      titleZh: '开幕式',
      titleEn: 'Opening',
      startsAt: '2026-12-18T10:00:00+08:00',
      endsAt: '2026-12-18T09:00:00+08:00',
    });
    expect(fieldCodes(inverted.body)).toEqual([['endsAt', 'expo.ends_before_start']]);
    const session = await created(organiser, `/events/${eventId}/sessions`, {
      hallId,
      titleZh: '开幕式',
      titleEn: 'Opening',
      startsAt: '2026-12-18T09:30:00+08:00',
      endsAt: '2026-12-18T10:30:00+08:00',
    });
    expect(session.startsAt).toBe('2026-12-18T01:30:00.000Z');
  });

  it('are visible to others once published; only the organiser changes them', async () => {
    expect((await call(alpha, 'GET', `/api/expo/events/${eventId}`)).status).toBe(404);
    expect(
      ((await call(alpha, 'GET', '/api/expo/events')).body.items as { id: string }[]).map((e) => e.id),
    ).not.toContain(eventId);
    const own_ = await call(organiser, 'GET', `/api/expo/events/${eventId}`);
    expect(own_.body).toMatchObject({ isOrganiser: true, status: 'draft' });
    for (const [method, path, payload] of [
      ['POST', `/events/${eventId}/halls`, { nameZh: '馆', nameEn: 'Hall' }],
      ['POST', `/events/${eventId}/booths`, { hallId, code: 'X-1' }],
      [
        'POST',
        `/events/${eventId}/sessions`,
        { titleZh: 'a', titleEn: 'a', startsAt: '2026-12-18T09:30:00Z', endsAt: '2026-12-18T10:30:00Z' },
      ],
      ['POST', `/events/${eventId}/publish`, undefined],
    ] as const) {
      expect((await call(alpha, method, own(alpha, path), payload)).status, path).toBe(404);
      expect((await call(alpha, method, own(organiser, path), payload)).status, path).toBe(404);
    }
    await call(organiser, 'POST', own(organiser, `/events/${eventId}/publish`));
    const seen = await call(alpha, 'GET', `/api/expo/events/${eventId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ isOrganiser: false, timeZone: 'Asia/Shanghai', status: 'published' });
    expect(
      (seen.body.booths as { exhibitor: { displayNameEn: string } | null }[]).map(
        (b) => b.exhibitor?.displayNameEn,
      ),
    ).toEqual(['Alpha Lighting', 'Alpha Lighting']);
    expect(seen.body.sessions).toHaveLength(1);
    const page = await call(bravo, 'GET', `/api/expo/exhibitors/${alpha.organisationId}`);
    expect((page.body.booths as { code: string }[]).map((b) => b.code)).toEqual(['1A-01', '1A-02']);
  });
});

describe('demo catalogue', () => {
  it('seeds showcases, products, services and the expo once, and nothing the second time', async () => {
    const hub = ctx.hub;
    const yiwu = await createParty(hub, 'Yiwu');
    const ningbo = await createParty(hub, 'Ningbo');
    const platform = await createParty(hub, 'Platform', { kind: 'ecommerce_platform' });
    const commerce = await createParty(hub, 'Commerce', { kind: 'regulator' });
    const audit = { audit: async () => {} };
    const parties = {
      yiwu: yiwu.organisationId,
      ningbo: ningbo.organisationId,
      platform: platform.organisationId,
      organiser: commerce.organisationId,
    };
    const counts = async () =>
      (
        await sql<{ products: string; services: string; events: string; booths: string }>`select
          (select count(*) from expo.products) as products, (select count(*) from expo.services) as services,
          (select count(*) from expo.events) as events, (select count(*) from expo.booths) as booths`.execute(
          hub.db.kysely,
        )
      ).rows[0];
    const before = await counts();
    const first = await hub.expo.catalogue.seedDemo(audit, parties);
    expect(first).toEqual({ offerings: 19, event: true });
    const after = await counts();
    expect(Number(after?.products) - Number(before?.products)).toBe(16);
    expect(await hub.expo.catalogue.seedDemo(audit, parties)).toEqual({ offerings: 0, event: false });
    expect(await counts()).toEqual(after);
    const leds = await call(
      yiwu,
      'GET',
      `/api/expo/products?organisationId=${ningbo.organisationId}&hsChapter=94`,
    );
    expect((leds.body.items as unknown[]).length).toBeGreaterThanOrEqual(5);
    const events = (await call(yiwu, 'GET', '/api/expo/events')).body.items as {
      id: string;
      nameEn: string;
    }[];
    const expo = events.find((e) => e.nameEn === '2026 Global Digital Trade Expo');
    const detail = await call(yiwu, 'GET', `/api/expo/events/${expo?.id}`);
    expect(detail.body.halls).toHaveLength(2);
    expect(
      (detail.body.booths as { exhibitor: { organisationId: string } | null }[]).filter(
        (b) => b.exhibitor?.organisationId === ningbo.organisationId,
      ),
    ).toHaveLength(1);
  });
});
