import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party, rememberSecret } from './support/test-hub.ts';

// The IP and technology-transfer registry over HTTP (docs/expo-ip-registry.md): assets with
// checked registry numbers, signed licences and assignments, pledges, listings, infringement
// watches and dispute intakes; and on every route, that one organisation cannot read or change
// another's (owner A, licensee B, bank, and C who is party to nothing).

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let a: Party;
let b: Party;
let c: Party;
let bank: Party;
let bank2: Party;
let apiKeyA: string;

type Json = Record<string, unknown>;
type FieldErrors = { field: string; code: string }[];

const url = (party: Party, path: string) => `/api/orgs/${party.organisationId}/expo/ip${path}`;
const call = async (
  who: Party | { cookie?: string; bearer?: string },
  method: 'GET' | 'POST' | 'PATCH',
  target: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => {
  const auth =
    'bearer' in who && who.bearer !== undefined
      ? { authorization: `Bearer ${who.bearer}` }
      : { cookie: (who as { cookie: string }).cookie };
  const res = await ctx.hub.app.inject({
    method,
    url: target,
    headers: { ...auth, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.json<Json>(), headers: res.headers };
};
const codes = (body: Json) => ((body.errors ?? []) as FieldErrors).map((e) => [e.field, e.code]);

const year = new Date().getUTCFullYear();
const patent = (overrides: Json = {}) => ({
  kind: 'patent',
  titleZh: '固态锂电池快充方法',
  titleEn: 'Fast charging of solid-state lithium cells',
  registryNumber: 'ZL201710601862.3',
  jurisdiction: 'CN',
  filingDate: '2017-08-01',
  grantDate: '2020-03-10',
  expiryDate: '2037-08-01',
  status: 'granted',
  ipcClasses: ['H01M 10/0525'],
  visibility: 'draft',
  ...overrides,
});
const licence = (overrides: Json = {}) => ({
  kind: 'licence',
  counterparty: { organisationId: b.organisationId },
  exclusivity: 'non_exclusive',
  territory: ['US'],
  fieldOfUse: 'Electric two-wheelers',
  termStart: `${year}-01-01`,
  termEnd: `${year + 3}-12-31`,
  royalty: { kind: 'percent', percent: '3.50' },
  ...overrides,
});
const hit = (overrides: Json = {}) => ({
  url: 'https://marketplace.example/item/123',
  marketplace: 'Example Market',
  country: 'DE',
  evidenceSha256: 'a'.repeat(64),
  observedAt: new Date(Date.now() - 3_600_000).toISOString(),
  ...overrides,
});

const createAsset = async (party: Party, body: Json) => {
  const res = await call(party, 'POST', url(party, '/assets'), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
};

let published: { id: string; version: number };
let draft: { id: string };

beforeAll(async () => {
  ctx = await createTestHub();
  a = await createParty(ctx.hub, 'IpOwner');
  b = await createParty(ctx.hub, 'IpLicensee');
  c = await createParty(ctx.hub, 'IpStranger');
  bank = await createParty(ctx.hub, 'IpBank', { kind: 'bank' });
  bank2 = await createParty(ctx.hub, 'IpBankTwo', { kind: 'bank' });
  const key = await ctx.hub.app.inject({
    method: 'POST',
    url: `/api/orgs/${a.organisationId}/api-keys`,
    headers: { cookie: a.cookie },
    payload: { name: 'infringement monitor', scopes: ['read', 'write'] },
  });
  expect(key.statusCode, key.body).toBe(201);
  apiKeyA = key.json<{ secret: string }>().secret;
  rememberSecret(apiKeyA);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('assets', () => {
  it('checks the CNIPA check character and kind digit, naming the field', async () => {
    const wrong = await call(a, 'POST', url(a, '/assets'), patent({ registryNumber: 'ZL202310123456.7' }));
    expect(wrong.status).toBe(400);
    expect(codes(wrong.body)).toContainEqual(['registryNumber', 'expo.ip_number_check_digit']);
    const design = await call(a, 'POST', url(a, '/assets'), patent({ kind: 'design', ipcClasses: [] }));
    expect(codes(design.body)).toContainEqual(['registryNumber', 'expo.ip_number_kind_mismatch']);
    const dates = await call(a, 'POST', url(a, '/assets'), patent({ grantDate: '2016-01-01' }));
    expect(codes(dates.body)).toContainEqual(['grantDate', 'expo.ip_date_order']);
    const nice = await call(a, 'POST', url(a, '/assets'), patent({ niceClasses: [9] }));
    expect(codes(nice.body)).toContainEqual(['niceClasses', 'expo.ip_classes_kind']);
    const notOwner = await call(
      a,
      'POST',
      url(a, '/assets'),
      patent({ owners: [{ organisationId: b.organisationId }, { personName: '张三' }] }),
    );
    expect(codes(notOwner.body)).toContainEqual(['owners', 'expo.ip_holder_not_owner']);
  });

  it('records a patent (canonical number), refuses the same right twice, replays an idempotent retry', async () => {
    const first = await call(a, 'POST', url(a, '/assets'), patent(), { 'idempotency-key': 'ip-asset-1' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.registryNumberCanonical).toBe('201710601862.3');
    const replay = await call(a, 'POST', url(a, '/assets'), patent(), { 'idempotency-key': 'ip-asset-1' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    const twice = await call(a, 'POST', url(a, '/assets'), patent({ registryNumber: '2017 1 0601862.3' }));
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('expo.ip_duplicate_asset');
    published = first.body as { id: string; version: number };
    draft = await createAsset(a, patent({ registryNumber: '202510149890.0', titleEn: 'A draft invention' }));
  });

  it('keeps a trade secret as a hash, never published, and invisible to others', async () => {
    const open = await call(
      a,
      'POST',
      url(a, '/assets'),
      patent({
        kind: 'trade_secret_reference',
        registryNumber: null,
        ipcClasses: [],
        secretDocumentSha256: 'b'.repeat(64),
        visibility: 'published',
      }),
    );
    expect(codes(open.body)).toContainEqual(['visibility', 'expo.ip_trade_secret_private']);
    const secret = await createAsset(
      a,
      patent({
        kind: 'trade_secret_reference',
        registryNumber: null,
        ipcClasses: [],
        secretDocumentSha256: 'b'.repeat(64),
      }),
    );
    expect((await call(b, 'GET', url(b, `/assets/${secret.id}`))).status).toBe(404);
    const mine = await call(a, 'GET', url(a, `/assets/${secret.id}`));
    expect((mine.body.asset as Json).secretDocumentSha256).toBe('b'.repeat(64));
    const publish = await call(a, 'PATCH', url(a, `/assets/${secret.id}`), {
      version: 1,
      visibility: 'published',
    });
    expect(codes(publish.body)).toContainEqual(['visibility', 'expo.ip_trade_secret_private']);
  });

  it('shows a draft to its holder only; publishing puts it in the registry for every signed-in organisation', async () => {
    expect((await call(b, 'GET', url(b, `/assets/${published.id}`))).status).toBe(404);
    expect((await call(b, 'GET', url(a, `/assets/${published.id}`))).status).toBe(404);
    expect((await call(c, 'GET', url(a, '/assets?scope=mine'))).status).toBe(404);
    const changed = await call(a, 'PATCH', url(a, `/assets/${published.id}`), {
      version: 1,
      visibility: 'published',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const stale = await call(a, 'PATCH', url(a, `/assets/${published.id}`), { version: 1, titleEn: 'x' });
    expect(stale.body.code).toBe('expo.version_conflict');
    expect(
      (await call(b, 'PATCH', url(b, `/assets/${published.id}`), { version: 2, titleEn: 'mine now' })).body
        .code,
    ).toBe('expo.ip_not_owner');
    const seen = await call(b, 'GET', url(b, `/assets/${published.id}`));
    expect(seen.status).toBe(200);
    expect(seen.body.watches).toEqual([]);
    const registry = await call(c, 'GET', url(c, '/assets?q=solid-state'));
    expect((registry.body.items as Json[]).map((i) => i.id)).toContain(published.id);
    expect((registry.body.items as Json[]).map((i) => i.id)).not.toContain(draft.id);
    const theirs = await call(c, 'GET', url(c, '/assets?scope=mine'));
    expect(theirs.body.items).toEqual([]);
  });
});

describe('licences and assignments', () => {
  let agreementId: string;

  it('refuses a licence of an asset the caller does not hold, with the reason', async () => {
    const other = await call(
      b,
      'POST',
      url(b, `/assets/${published.id}/agreements`),
      licence({ counterparty: { organisationId: c.organisationId } }),
    );
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('expo.ip_not_owner');
    expect(
      (
        await call(
          b,
          'POST',
          url(b, `/assets/${draft.id}/agreements`),
          licence({ counterparty: { organisationId: c.organisationId } }),
        )
      ).status,
    ).toBe(404);
    const bad = await call(
      a,
      'POST',
      url(a, `/assets/${published.id}/agreements`),
      licence({ territory: ['XX'], royalty: { kind: 'percent', percent: '0' } }),
    );
    expect(codes(bad.body)).toEqual(
      expect.arrayContaining([
        ['territory.0', 'expo.ip_territory'],
        ['royalty.percent', 'expo.ip_percent'],
      ]),
    );
    const self = await call(
      a,
      'POST',
      url(a, `/assets/${published.id}/agreements`),
      licence({ counterparty: { organisationId: a.organisationId } }),
    );
    expect(codes(self.body)).toContainEqual(['counterparty.organisationId', 'expo.ip_self_counterparty']);
  });

  it('issues a signed licence that both parties see and only the licensee accepts', async () => {
    const issued = await call(a, 'POST', url(a, `/assets/${published.id}/agreements`), licence());
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body).toMatchObject({
      status: 'awaiting_acceptance',
      myRole: 'grantor',
      royalty: { percent: '3.5' },
    });
    expect(String(issued.body.documentId)).toMatch(/^doc_/);
    agreementId = String(issued.body.id);
    expect((await call(b, 'GET', url(b, `/agreements/${agreementId}`))).body.myRole).toBe('counterparty');
    expect((await call(c, 'GET', url(c, `/agreements/${agreementId}`))).status).toBe(404);
    expect((await call(c, 'GET', url(c, `/agreements/${agreementId}/bundle`))).status).toBe(404);
    expect((await call(c, 'GET', url(c, '/agreements'))).body.items).toEqual([]);
    expect((await call(c, 'POST', url(c, `/agreements/${agreementId}/accept`), {})).status).toBe(404);
    expect((await call(a, 'POST', url(a, `/agreements/${agreementId}/accept`), {})).body.code).toBe(
      'expo.ip_not_counterparty',
    );
    const accepted = await call(b, 'POST', url(b, `/agreements/${agreementId}/accept`), {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect((await call(b, 'POST', url(b, `/agreements/${agreementId}/accept`), {})).body.code).toBe(
      'expo.ip_already_accepted',
    );
  });

  it('an exclusive licence excludes overlapping ones', async () => {
    const exclusive = await call(
      a,
      'POST',
      url(a, `/assets/${published.id}/agreements`),
      licence({
        counterparty: { name: 'Müller Antriebe GmbH' },
        exclusivity: 'exclusive',
        territory: ['DE'],
        royalty: { kind: 'lump_sum', amount: { amount: '50000.00', currency: 'EUR' } },
      }),
    );
    expect(exclusive.status, JSON.stringify(exclusive.body)).toBe(201);
    expect(exclusive.body.status).toBe('issued');
    const clash = await call(
      a,
      'POST',
      url(a, `/assets/${published.id}/agreements`),
      licence({ territory: ['DE', 'FR'] }),
    );
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('expo.ip_exclusive_conflict');
  });
});

describe('pledges', () => {
  let pledgeId: string;

  it('pledges a granted asset once, to a bank only; blocks a second pledge and an assignment', async () => {
    const notBank = await call(a, 'POST', url(a, `/assets/${published.id}/pledge`), {
      bankOrganisationId: b.organisationId,
      securedAmount: { amount: '1000000.00', currency: 'CNY' },
    });
    expect(codes(notBank.body)).toContainEqual(['bankOrganisationId', 'expo.ip_not_a_bank']);
    const badAmount = await call(a, 'POST', url(a, `/assets/${published.id}/pledge`), {
      bankOrganisationId: bank.organisationId,
      securedAmount: { amount: '1.005', currency: 'CNY' },
    });
    expect(codes(badAmount.body)).toContainEqual(['securedAmount.amount', 'expo.ip_amount']);
    const byOther = await call(b, 'POST', url(b, `/assets/${published.id}/pledge`), {
      bankOrganisationId: bank.organisationId,
      securedAmount: { amount: '1.00', currency: 'CNY' },
    });
    expect(byOther.body.code).toBe('expo.ip_not_owner');
    const pledged = await call(a, 'POST', url(a, `/assets/${published.id}/pledge`), {
      bankOrganisationId: bank.organisationId,
      securedAmount: { amount: '1000000.00', currency: 'CNY' },
      reference: 'LOAN-2026-001',
    });
    expect(pledged.status, JSON.stringify(pledged.body)).toBe(201);
    pledgeId = String(pledged.body.id);
    const again = await call(a, 'POST', url(a, `/assets/${published.id}/pledge`), {
      bankOrganisationId: bank.organisationId,
      securedAmount: { amount: '5.00', currency: 'CNY' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('expo.ip_pledged');
    const assign = await call(a, 'POST', url(a, `/assets/${published.id}/agreements`), {
      kind: 'assignment',
      counterparty: { organisationId: b.organisationId },
      territory: [],
      termStart: `${year}-06-01`,
      royalty: { kind: 'lump_sum', amount: { amount: '2000000.00', currency: 'CNY' } },
    });
    expect(assign.status).toBe(409);
    expect(assign.body.code).toBe('expo.ip_pledged');
    expect((await call(b, 'GET', url(b, `/assets/${published.id}`))).body.pledged).toBe(true);
  });

  it('the bank sees and releases its pledge; the holder and strangers cannot', async () => {
    const seen = await call(bank, 'GET', url(bank, '/pledges'));
    expect((seen.body.items as Json[]).map((p) => p.id)).toEqual([pledgeId]);
    expect((await call(c, 'GET', url(c, '/pledges'))).body.items).toEqual([]);
    expect((await call(a, 'POST', url(a, `/pledges/${pledgeId}/release`), {})).body.code).toBe(
      'expo.ip_not_pledgee',
    );
    expect((await call(c, 'POST', url(c, `/pledges/${pledgeId}/release`), {})).status).toBe(404);
    const released = await call(bank, 'POST', url(bank, `/pledges/${pledgeId}/release`), {});
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect((await call(bank, 'POST', url(bank, `/pledges/${pledgeId}/release`), {})).body.code).toBe(
      'expo.ip_pledge_released',
    );
  });

  it('an assignment accepted moves the asset, keeping the history; the assignor then holds nothing', async () => {
    const assign = await call(a, 'POST', url(a, `/assets/${published.id}/agreements`), {
      kind: 'assignment',
      counterparty: { organisationId: b.organisationId },
      territory: [],
      termStart: `${year}-06-01`,
      royalty: { kind: 'lump_sum', amount: { amount: '2000000.00', currency: 'CNY' } },
    });
    expect(assign.status, JSON.stringify(assign.body)).toBe(201);
    const pending = await call(a, 'POST', url(a, `/assets/${published.id}/pledge`), {
      bankOrganisationId: bank.organisationId,
      securedAmount: { amount: '5.00', currency: 'CNY' },
    });
    expect(pending.body.code).toBe('expo.ip_assignment_pending');
    const accepted = await call(b, 'POST', url(b, `/agreements/${String(assign.body.id)}/accept`), {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const page = await call(b, 'GET', url(b, `/assets/${published.id}`));
    const asset = page.body.asset as {
      isMine: boolean;
      holder: { organisationId: string };
      owners: { organisationId: string }[];
    };
    expect(asset.isMine).toBe(true);
    expect(asset.owners.map((o) => o.organisationId)).toEqual([b.organisationId]);
    expect((page.body.history as { kind: string }[]).map((h) => h.kind)).toEqual(
      expect.arrayContaining(['created', 'assigned_out', 'assigned_in', 'pledged', 'pledge_released']),
    );
    const relicense = await call(
      a,
      'POST',
      url(a, `/assets/${published.id}/agreements`),
      licence({ counterparty: { organisationId: c.organisationId } }),
    );
    expect(relicense.body.code).toBe('expo.ip_not_owner');
  });
});

describe('pledges through the finance registry', () => {
  type RegistrationRow = {
    id: string;
    asset_type: string;
    fp_type: string;
    financier_organisation_id: string;
    face_amount_minor: string;
    financed_amount_minor: string;
    currency: string;
    status: string;
    expires_at: Date;
    released_at: Date | null;
    reference: string | null;
  };
  const db = () => ctx.hub.db.kysely;
  const registrationsCount = async () =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from finance.financing_registrations
          where asset_type = 'ip_asset'`.execute(db())
      ).rows[0]?.n,
    );
  const registrationOf = async (pledgeId: string) => {
    const { rows } = await sql<RegistrationRow>`select r.id, r.asset_type, r.fp_type,
        r.financier_organisation_id, r.face_amount_minor::text as face_amount_minor,
        r.financed_amount_minor::text as financed_amount_minor, r.currency, r.status, r.expires_at,
        r.released_at, r.reference
      from expo.ip_pledges p join finance.financing_registrations r on r.id = p.registration_id
      where p.id = ${pledgeId}`.execute(db());
    return rows;
  };
  const trailOf = async (party: Party) => {
    const { rows } = await sql<{ kind: string; asset_type: string; answer: string; actor_id: string }>`
      select kind, asset_type, answer, actor_id from finance.registry_queries
      where organisation_id = ${party.organisationId} order by id`.execute(db());
    return rows;
  };
  const pledge = (party: Party, assetId: string, bankParty: Party, extra: Json = {}) =>
    call(party, 'POST', url(party, `/assets/${assetId}/pledge`), {
      bankOrganisationId: bankParty.organisationId,
      securedAmount: { amount: '800000.00', currency: 'CNY' },
      ...extra,
    });
  // One right (a CN invention patent), recorded by its holder A and, as the hub allows two
  // organisations to claim one number, by B too.
  const number = '202310555001.1';
  let heldByA: { id: string };
  let heldByB: { id: string };
  let firstPledgeId: string;

  it('registers the pledge in the finance registry in the same transaction, for the bank, number never in clear', async () => {
    heldByA = await createAsset(a, patent({ registryNumber: `ZL${number}`, titleEn: 'Pledged via finance' }));
    heldByB = await createAsset(b, patent({ registryNumber: `2023 1 0555001.1`, titleEn: 'Same right, B' }));
    const before = await registrationsCount();
    const trailBefore = (await trailOf(a)).length;
    const tooSoon = await pledge(a, heldByA.id, bank, { expiresOn: new Date().toISOString().slice(0, 10) });
    expect(codes(tooSoon.body)).toContainEqual(['expiresOn', 'expo.ip_pledge_term']);
    const notADay = await pledge(a, heldByA.id, bank, { expiresOn: `${year + 1}-02-30` });
    expect(codes(notADay.body)).toContainEqual(['expiresOn', 'expo.ip_date']);
    const pledged = await pledge(a, heldByA.id, bank, {
      expiresOn: `${year + 2}-06-30`,
      reference: 'IP-LOAN-9',
    });
    expect(pledged.status, JSON.stringify(pledged.body)).toBe(201);
    firstPledgeId = String(pledged.body.id);
    // The holder is not shown the bank's registration; the bank is.
    expect(pledged.body.registrationId).toBeNull();
    const asBank = ((await call(bank, 'GET', url(bank, '/pledges'))).body.items as Json[]).find(
      (p) => p.id === firstPledgeId,
    );
    expect(await registrationsCount()).toBe(before + 1);
    const [registration] = await registrationOf(firstPledgeId);
    expect(registration).toMatchObject({
      id: asBank?.registrationId,
      asset_type: 'ip_asset',
      fp_type: 'exact',
      financier_organisation_id: bank.organisationId,
      face_amount_minor: '80000000',
      financed_amount_minor: '80000000',
      currency: 'CNY',
      status: 'active',
      reference: 'IP-LOAN-9',
    });
    // The last second of the term's last day, China time.
    expect(registration?.expires_at.toISOString()).toBe(`${year + 2}-06-30T15:59:59.000Z`);
    // Kept in the registry's trail as the holder's registration; the number in no finance table.
    expect((await trailOf(a)).slice(trailBefore)).toEqual([
      { kind: 'registration', asset_type: 'ip_asset', answer: 'registered', actor_id: a.userId },
    ]);
    const { rows: dump } = await sql<{ t: string | null }>`
      select (select string_agg(q::text, ' ') from finance.registry_queries q) ||
             (select string_agg(r::text, ' ') from finance.financing_registrations r) as t`.execute(db());
    for (const spelling of ['202310555001', '2023105550011', '0555001']) {
      expect(dump[0]?.t).not.toContain(spelling);
    }
  });

  it('refuses the same right pledged to a second bank, by its holder or by anyone recording it', async () => {
    const before = await registrationsCount();
    const trailsBefore = [(await trailOf(a)).length, (await trailOf(b)).length] as const;
    const again = await pledge(a, heldByA.id, bank2);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('expo.ip_pledged');
    const byB = await pledge(b, heldByB.id, bank2);
    expect(byB.status, JSON.stringify(byB.body)).toBe(409);
    expect(byB.body.code).toBe('expo.ip_pledged');
    // The refusal names neither the bank nor the pledge.
    expect(JSON.stringify(byB.body)).not.toContain(bank.organisationId);
    expect(JSON.stringify(byB.body)).not.toContain(firstPledgeId);
    expect(await registrationsCount()).toBe(before);
    // No pledge row for B's copy; each refused attempt is in the registry's trail.
    expect((await call(b, 'GET', url(b, `/assets/${heldByB.id}`))).body.pledged).toBe(false);
    expect((await trailOf(a)).slice(trailsBefore[0]).map((q) => q.answer)).toEqual(['already_financed']);
    expect((await trailOf(b)).slice(trailsBefore[1])).toEqual([
      { kind: 'registration', asset_type: 'ip_asset', answer: 'already_financed', actor_id: b.userId },
    ]);
  });

  it('frees the right when the bank releases the pledge: a new pledge then succeeds', async () => {
    const released = await call(bank, 'POST', url(bank, `/pledges/${firstPledgeId}/release`), {});
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    const [registration] = await registrationOf(firstPledgeId);
    expect(registration?.status).toBe('released');
    expect(registration?.released_at).not.toBeNull();
    const byB = await pledge(b, heldByB.id, bank2);
    expect(byB.status, JSON.stringify(byB.body)).toBe(201);
    const [second] = await registrationOf(String(byB.body.id));
    expect(second).toMatchObject({ financier_organisation_id: bank2.organisationId, status: 'active' });
    // Without a term, a year from now.
    const inAYear = Date.now() + 365 * 24 * 3_600_000;
    expect(Math.abs((second?.expires_at.getTime() ?? 0) - inAYear)).toBeLessThan(120_000);
    // And A's copy of the right is held by B's pledge now.
    expect((await pledge(a, heldByA.id, bank)).body.code).toBe('expo.ip_pledged');
  });

  it('of two holders pledging one right to two banks at once, exactly one succeeds (a real race on PostgreSQL)', async () => {
    for (const raced of ['202310666001.9', '202310666002.3', '202310666003.8', '202310666004.2']) {
      const mine = await createAsset(a, patent({ registryNumber: raced, titleEn: `Raced A ${raced}` }));
      const theirs = await createAsset(
        c,
        patent({ registryNumber: `ZL${raced}`, titleEn: `Raced C ${raced}` }),
      );
      const results = await Promise.all([pledge(a, mine.id, bank), pledge(c, theirs.id, bank2)]);
      expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toEqual([
        201, 409,
      ]);
      expect(results.find((r) => r.status === 409)?.body.code).toBe('expo.ip_pledged');
      const { rows } = await sql<{ n: string }>`select count(*) as n from expo.ip_pledges
        where asset_id in (${mine.id}, ${theirs.id}) and status = 'active'`.execute(db());
      expect(Number(rows[0]?.n)).toBe(1);
    }
  });

  it('leaves no finance registration when an expo step fails, before or after the registry', async () => {
    const before = await registrationsCount();
    // Before: the right is not granted.
    const pending = await createAsset(
      a,
      patent({ registryNumber: '202310555003.0', status: 'pending', grantDate: null, titleEn: 'Pending' }),
    );
    const refused = await pledge(a, pending.id, bank);
    expect(refused.body.code).toBe('expo.ip_asset_not_in_force');
    // After: a pledge made before the registry knew pledges (no registration) still holds this
    // asset, so the expo row is refused once finance has registered the right: both roll back.
    const legacy = await createAsset(a, patent({ registryNumber: '202310555004.5', titleEn: 'Legacy' }));
    await sql`alter table expo.ip_pledges disable trigger ip_pledges_registration_required`.execute(db());
    try {
      await sql`insert into expo.ip_pledges (id, organisation_id, asset_id, bank_organisation_id,
          secured_amount_minor, currency, status, registered_at)
        values ('eig_legacy_1', ${a.organisationId}, ${legacy.id}, ${bank.organisationId}, 100, 'CNY',
          'active', now())`.execute(db());
    } finally {
      await sql`alter table expo.ip_pledges enable trigger ip_pledges_registration_required`.execute(db());
    }
    const blocked = await pledge(a, legacy.id, bank2);
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('expo.ip_pledged');
    expect(await registrationsCount()).toBe(before);
    // A new row without its registration is refused by the database itself.
    await expect(
      sql`insert into expo.ip_pledges (id, organisation_id, asset_id, bank_organisation_id,
          secured_amount_minor, currency, status, registered_at)
        values ('eig_legacy_2', ${a.organisationId}, ${pending.id}, ${bank.organisationId}, 100, 'CNY',
          'active', now())`.execute(db()),
    ).rejects.toThrow(/finance registration/);
    // The legacy pledge is released by its bank as before, with nothing to release in finance.
    const released = await call(bank, 'POST', url(bank, '/pledges/eig_legacy_1/release'), {});
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect((await pledge(a, legacy.id, bank2)).status).toBe(201);
    expect(await registrationsCount()).toBe(before + 1);
  });
});

describe('technology-transfer listings', () => {
  let listing: { id: string; version: number };
  let secondAsset: { id: string; version: number };

  it('lists only assets the caller holds, published before a published listing names them', async () => {
    secondAsset = await createAsset(
      a,
      patent({
        registryNumber: '202310123456.6',
        titleZh: '电解质膜制备工艺',
        titleEn: 'Electrolyte membrane process',
        visibility: 'published',
      }),
    );
    const foreign = await call(a, 'POST', url(a, '/listings'), {
      assetIds: [published.id],
      deal: 'licence',
      pitchZh: '试',
      pitchEn: 'x',
      asking: { kind: 'negotiable' },
      status: 'published',
    });
    expect(codes(foreign.body)).toContainEqual(['assetIds.0', 'expo.ip_not_own_asset']);
    const unpublished = await call(a, 'POST', url(a, '/listings'), {
      assetIds: [draft.id],
      deal: 'licence',
      pitchZh: '试',
      pitchEn: 'x',
      asking: { kind: 'negotiable' },
      status: 'published',
    });
    expect(codes(unpublished.body)).toContainEqual(['assetIds.0', 'expo.ip_asset_not_published']);
    const made = await call(a, 'POST', url(a, '/listings'), {
      assetIds: [secondAsset.id],
      deal: 'either',
      pitchZh: '高离子电导率固态电解质膜，适用于动力电池量产。',
      pitchEn: 'Solid electrolyte membrane with high ionic conductivity, ready for cell production.',
      fields: ['H01M', 'Batteries'],
      asking: { kind: 'royalty', percent: '4' },
      status: 'published',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    listing = made.body as { id: string; version: number };
  });

  it('is found by Chinese and English text, field and deal, by any organisation; changed by its owner only', async () => {
    for (const q of ['电解质', 'membrane conductivity', '动力']) {
      const found = await call(c, 'GET', url(c, `/listings?q=${encodeURIComponent(q)}`));
      expect(
        (found.body.items as Json[]).map((i) => i.id),
        q,
      ).toContain(listing.id);
    }
    const none = await call(c, 'GET', url(c, `/listings?q=${encodeURIComponent('光伏')}`));
    expect((none.body.items as Json[]).map((i) => i.id)).not.toContain(listing.id);
    const byField = await call(c, 'GET', url(c, '/listings?field=batteries&deal=sale'));
    expect((byField.body.items as Json[]).map((i) => i.id)).toContain(listing.id);
    expect(
      (await call(c, 'PATCH', url(c, `/listings/${listing.id}`), { version: 1, status: 'withdrawn' })).status,
    ).toBe(404);
    const withdrawn = await call(a, 'PATCH', url(a, `/listings/${listing.id}`), {
      version: 1,
      status: 'withdrawn',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect((await call(c, 'GET', url(c, `/listings/${listing.id}`))).status).toBe(404);
    expect((await call(a, 'GET', url(a, `/listings/${listing.id}`))).status).toBe(200);
    expect((await call(c, 'GET', url(c, '/listings?scope=mine'))).body.items).toEqual([]);
  });

  it('watches an asset; a monitoring key reports hits once each; alerts and intakes are the owner’s', async () => {
    const foreignWatch = await call(c, 'POST', url(c, `/assets/${secondAsset.id}/watches`), {
      jurisdictions: ['DE'],
      keywords: ['membrane'],
    });
    expect(foreignWatch.body.code).toBe('expo.ip_not_owner');
    const watch = await call(a, 'POST', url(a, `/assets/${secondAsset.id}/watches`), {
      jurisdictions: ['DE', 'US', 'EP'],
      keywords: ['solid electrolyte membrane'],
    });
    expect(watch.status, JSON.stringify(watch.body)).toBe(201);
    const watchId = String(watch.body.id);
    expect((await call(c, 'POST', url(c, `/watches/${watchId}/hits`), hit())).status).toBe(404);
    expect((await call(c, 'POST', url(a, `/watches/${watchId}/hits`), hit())).status).toBe(404);
    const future = await call(
      { bearer: apiKeyA },
      'POST',
      url(a, `/watches/${watchId}/hits`),
      hit({ observedAt: `${year + 1}-01-01T00:00:00Z` }),
    );
    expect(codes(future.body)).toContainEqual(['observedAt', 'expo.ip_observed_in_future']);
    const first = await call({ bearer: apiKeyA }, 'POST', url(a, `/watches/${watchId}/hits`), hit());
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.created).toBe(true);
    const again = await call({ bearer: apiKeyA }, 'POST', url(a, `/watches/${watchId}/hits`), hit());
    expect(again.body.created).toBe(false);
    const alert = first.body.alert as { id: string; reportedBy: string };
    expect((again.body.alert as { id: string }).id).toBe(alert.id);
    expect(alert.reportedBy).toMatch(/^api_key:/);
    expect(((await call(c, 'GET', url(c, '/watches'))).body.alerts as unknown[]).length).toBe(0);
    expect(((await call(a, 'GET', url(a, '/watches'))).body.alerts as unknown[]).length).toBe(1);
    expect((await call(c, 'POST', url(c, `/alerts/${alert.id}/dispute-intake`), {})).status).toBe(404);
    expect((await call(c, 'POST', url(c, `/alerts/${alert.id}/dismiss`), {})).status).toBe(404);
    const intake = await call(a, 'POST', url(a, `/alerts/${alert.id}/dispute-intake`), {
      respondentName: 'Copycat GmbH',
    });
    expect(intake.status, JSON.stringify(intake.body)).toBe(201);
    const caseFile = (intake.body.intake as { caseFile: Json }).caseFile;
    expect(caseFile.note).toMatch(/no dispute has been opened/);
    expect(caseFile.evidence).toEqual([expect.objectContaining({ sha256: 'a'.repeat(64) })]);
    const repeat = await call(a, 'POST', url(a, `/alerts/${alert.id}/dispute-intake`), {});
    expect(repeat.body.created).toBe(false);
    expect((await call(a, 'POST', url(a, `/alerts/${alert.id}/dismiss`), {})).body.code).toBe(
      'expo.ip_alert_closed',
    );
  });
});

describe('bad input', () => {
  it('answers 400 (never 500) to arbitrary asset and agreement bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            kind: fc.constantFrom('patent', 'trademark', 'design', 'nope'),
            titleZh: fc.string({ maxLength: 5 }),
            titleEn: fc.string({ maxLength: 5 }),
            registryNumber: fc.option(fc.string({ maxLength: 30 })),
            jurisdiction: fc.constantFrom('CN', 'EP', 'XX', 'cn'),
            status: fc.constantFrom('granted', 'pending', 'odd'),
            filingDate: fc.constantFrom('2020-02-30', '2020-01-01', 'x'),
            niceClasses: fc.array(fc.integer({ min: -2, max: 50 }), { maxLength: 3 }),
            visibility: fc.constantFrom('draft', 'published'),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const res = await call(a, 'POST', url(a, '/assets'), body);
          expect([201, 400, 409]).toContain(res.status);
        },
      ),
      { seed: 11, numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            kind: fc.constantFrom('licence', 'assignment', 'gift'),
            territory: fc.array(fc.constantFrom('DE', 'XX', 'de'), { maxLength: 2 }),
            termStart: fc.constantFrom('2026-13-01', `${year}-01-01`),
            royalty: fc.constantFrom(
              { kind: 'percent', percent: '1e2' },
              { kind: 'lump_sum', amount: { amount: '-1', currency: 'CNY' } },
              { kind: 'lump_sum', amount: { amount: '1.00', currency: 'ZZZ' } },
              { kind: 'none' },
            ),
            counterparty: fc.constantFrom({ organisationId: 'org_nothing' }, { name: 'X' }),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const res = await call(a, 'POST', url(a, `/assets/${draft.id}/agreements`), body);
          expect([201, 400, 409], JSON.stringify(res.body)).toContain(res.status);
        },
      ),
      { seed: 12, numRuns: 30 },
    );
  });
});
