import { leiCheckDigits, usccCheckCharacter } from '@tradehub/kernel';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// The duplicate-financing registry over HTTP: banks check and register invoices, two banks
// registering the same invoice at once end with exactly one registration, and a bank learns
// nothing about another bank's financing beyond "this invoice is (nearly) financed already".

type Registration = {
  id: string;
  status: string;
  faceAmount: { amount: string; currency: string };
  financedAmount: { amount: string; currency: string };
  reference: string | null;
  check: { answer: string; risk: string };
};
type CheckAnswer = { queryId: string; answer: string; risk: string };

const uscc = (first17: string) => `${first17}${usccCheckCharacter(first17)}`;
const sellerId = uscc('91330100MA2B3C4D5');
const buyerId = `529900T8BM49AURSDO${leiCheckDigits('529900T8BM49AURSDO')}`;

const invoice = (invoiceNumber: string, overrides: Record<string, unknown> = {}) => ({
  seller: { scheme: 'uscc', value: sellerId },
  buyer: { scheme: 'lei', value: buyerId },
  invoiceNumber,
  issueDate: '2026-03-12',
  amount: { amount: '125000.00', currency: 'USD' },
  ...overrides,
});

const base = (party: Party) => `/api/orgs/${party.organisationId}/finance/registry`;

describe('duplicate-financing registry', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let bankA: Party;
  let bankB: Party;
  let insurer: Party;
  let exporter: Party;

  const call = async (party: Party, method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await ctx.hub.app.inject({
      method,
      url,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: response.statusCode, text: response.body, json: <T>() => response.json<T>() };
  };
  const check = (party: Party, body: object) =>
    call(party, 'POST', `${base(party)}/checks`, { invoice: body });
  const register = (party: Party, body: object, financed = '100000.00', reference?: string) =>
    call(party, 'POST', `${base(party)}/registrations`, {
      invoice: body,
      financedAmount: { amount: financed, currency: 'USD' },
      ...(reference === undefined ? {} : { reference }),
    });
  const queriesOf = async (party: Party) => {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from finance.registry_queries where organisation_id = ${party.organisationId}`.execute(
      ctx.hub.db.kysely,
    );
    return Number(rows[0]?.n);
  };

  beforeAll(async () => {
    ctx = await createTestHub();
    bankA = await createParty(ctx.hub, 'BankA', { kind: 'bank' });
    bankB = await createParty(ctx.hub, 'BankB', { kind: 'bank' });
    insurer = await createParty(ctx.hub, 'Insurer', { kind: 'insurer' });
    exporter = await createParty(ctx.hub, 'Exporter', { kind: 'exporter' });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('lets exactly one of two banks registering the same invoice at once win; the other gets 409', async () => {
    for (let round = 0; round < 8; round += 1) {
      const body = invoice(`RACE-${round}`);
      const [first, second] = await Promise.all([register(bankA, body), register(bankB, body)]);
      const statuses = [first?.status, second?.status].sort();
      expect(statuses, `${first?.text} / ${second?.text}`).toEqual([201, 409]);
      const loser = first?.status === 409 ? first : second;
      const winner = first?.status === 201 ? first : second;
      expect(loser?.json<{ code: string }>().code).toBe('finance.already_financed');
      // The refusal names nothing of the winner or its registration.
      const winnerId = winner?.json<Registration>().id ?? 'no id';
      const winnerBank = first?.status === 201 ? bankA : bankB;
      expect(loser?.text).not.toContain(winnerId);
      expect(loser?.text).not.toContain(winnerBank.organisationId);
    }
    const { rows } = await sql<{ n: string }>`
      select count(distinct id) as n from finance.financing_registrations
      where status = 'active' and fingerprint is not null and id in (
        select id from finance.financing_registrations
        where financier_organisation_id in (${bankA.organisationId}, ${bankB.organisationId}))`.execute(
      ctx.hub.db.kysely,
    );
    expect(Number(rows[0]?.n)).toBe(8);
  });

  it('answers exact_match, similar for a renumbered, re-dated or padded copy, and no_match otherwise', async () => {
    const original = invoice('INV-0042');
    expect((await register(bankA, original)).status).toBe(201);

    const answerFor = async (body: object) => {
      const response = await check(bankB, body);
      expect(response.status, response.text).toBe(200);
      const { answer, risk } = response.json<CheckAnswer>();
      return { answer, risk };
    };
    // Another spelling of the same number is the same invoice.
    expect(await answerFor(invoice(' inv 0042 '))).toEqual({ answer: 'exact_match', risk: 'high' });
    expect(await answerFor(invoice('ＩＮＶ／００４２'))).toEqual({ answer: 'exact_match', risk: 'high' });
    // Renumbered: same parties, amount and date.
    expect(await answerFor(invoice('INV-9999'))).toEqual({ answer: 'similar', risk: 'high' });
    // Re-dated and re-priced: same seller and number.
    expect(
      await answerFor(
        invoice('INV-0042', { issueDate: '2026-04-01', amount: { amount: '99.00', currency: 'USD' } }),
      ),
    ).toEqual({ answer: 'similar', risk: 'high' });
    // Zero padding dropped, on another date and amount.
    expect(
      await answerFor(
        invoice('INV-42', { issueDate: '2026-05-20', amount: { amount: '7.00', currency: 'USD' } }),
      ),
    ).toEqual({ answer: 'similar', risk: 'medium' });
    // Another number, a slightly different amount, a few days later: near, so a low risk.
    expect(
      await answerFor(
        invoice('X-1', { issueDate: '2026-03-16', amount: { amount: '124000.00', currency: 'USD' } }),
      ),
    ).toEqual({ answer: 'similar', risk: 'low' });
    expect(
      await answerFor(
        invoice('X-2', { issueDate: '2026-09-01', amount: { amount: '5000.00', currency: 'USD' } }),
      ),
    ).toEqual({ answer: 'no_match', risk: 'none' });

    // A re-dated copy with the same seller and number cannot be registered either.
    const redated = await register(bankB, invoice('INV-0042', { issueDate: '2026-04-01' }));
    expect(redated.status, redated.text).toBe(409);
    // A renumbered copy can be (legitimate invoices may share parties, amount and date), with the warning.
    const renumbered = await register(bankB, invoice('INV-0043'));
    expect(renumbered.status, renumbered.text).toBe(201);
    expect(renumbered.json<Registration>().check).toEqual({ answer: 'similar', risk: 'high' });
  });

  it("tells another bank nothing about the first bank's financing: no id, name, amount or reference", async () => {
    const asked = invoice('PRIV-7', { amount: { amount: '76543.21', currency: 'USD' } });
    const registered = await register(bankA, asked, '65432.10', 'A-LOAN-77');
    expect(registered.status, registered.text).toBe(201);
    const registrationId = registered.json<Registration>().id;
    // The same invoice registered by the insurer instead: B's answer must not tell the two apart.
    const other = invoice('PRIV-8', { amount: { amount: '76543.21', currency: 'USD' } });
    expect((await register(insurer, other, '65432.10', 'I-POLICY-1')).status).toBe(201);

    const byB = await check(bankB, asked);
    const byBOther = await check(bankB, other);
    const byA = await check(bankA, asked);
    expect(byB.status).toBe(200);
    const strip = (text: string) => {
      const { queryId: _queryId, ...rest } = JSON.parse(text) as CheckAnswer;
      return rest;
    };
    expect(strip(byB.text)).toEqual({ answer: 'exact_match', risk: 'high' });
    expect(strip(byB.text)).toEqual(strip(byBOther.text));
    expect(strip(byB.text)).toEqual(strip(byA.text));
    expect(Object.keys(byB.json<object>()).sort()).toEqual(['answer', 'queryId', 'risk']);
    for (const secret of [
      registrationId,
      bankA.organisationId,
      insurer.organisationId,
      'BankA',
      'Insurer',
      '65432',
      '76543',
      'A-LOAN-77',
      'I-POLICY-1',
    ]) {
      expect(byB.text).not.toContain(secret);
      expect(byBOther.text).not.toContain(secret);
    }
    // The registering bank sees its own registration in full.
    expect(registered.json<Registration>()).toMatchObject({
      status: 'active',
      faceAmount: { amount: '76543.21', currency: 'USD' },
      financedAmount: { amount: '65432.10', currency: 'USD' },
      reference: 'A-LOAN-77',
    });
  });

  it('keeps a row in the query trail for every check and registration attempt, and the trail is append-only', async () => {
    const before = await queriesOf(bankB);
    await check(bankB, invoice('TRAIL-1'));
    await check(bankB, invoice('TRAIL-1'));
    await check(bankB, invoice('TRAIL-2'));
    expect((await register(bankA, invoice('TRAIL-3'))).status).toBe(201);
    expect((await register(bankB, invoice('TRAIL-3'))).status).toBe(409);
    expect(await queriesOf(bankB)).toBe(before + 4);
    const { rows } = await sql<{ kind: string; answer: string; fingerprints: string[]; actor_id: string }>`
      select kind, answer, fingerprints, actor_id from finance.registry_queries
      where organisation_id = ${bankB.organisationId} order by id desc limit 1`.execute(ctx.hub.db.kysely);
    expect(rows[0]).toMatchObject({
      kind: 'registration',
      answer: 'already_financed',
      actor_id: bankB.userId,
    });
    expect(rows[0]?.fingerprints[0]).toMatch(/^[0-9a-f]{64}$/);
    // No invoice field is kept in clear, in the trail or in the registrations.
    const { rows: dump } = await sql<{ t: string }>`
      select (select string_agg(q::text, ' ') from finance.registry_queries q) ||
             (select string_agg(r::text, ' ') from finance.financing_registrations r) as t`.execute(
      ctx.hub.db.kysely,
    );
    expect(dump[0]?.t).not.toContain('TRAIL');
    expect(dump[0]?.t).not.toContain(sellerId);
    await expect(sql`delete from finance.registry_queries`.execute(ctx.hub.db.kysely)).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses organisations that are not financiers with 403, and bad invoices with 400', async () => {
    const refused = [
      await check(exporter, invoice('EXP-1')),
      await register(exporter, invoice('EXP-1')),
      await call(exporter, 'GET', `${base(exporter)}/registrations`),
      await call(exporter, 'GET', `${base(exporter)}/registrations/frg_unknown`),
      await call(exporter, 'POST', `${base(exporter)}/registrations/frg_unknown/release`),
    ];
    for (const response of refused) {
      expect(response.status, response.text).toBe(403);
      expect(response.json<{ code: string }>().code).toBe('finance.not_a_financier');
    }
    expect(await queriesOf(exporter)).toBe(0);

    const bad = await check(bankA, invoice('BAD-1', { issueDate: '2026-02-30' }));
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'invoice.issueDate',
    ]);
    const overFinanced = await register(bankA, invoice('BAD-2'), '125000.01');
    expect(overFinanced.status).toBe(400);
    expect(overFinanced.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe(
      'finance.financed_exceeds_face',
    );
  });

  it('refuses an amount too large to store with 400, and writes nothing (no registration, no trail row)', async () => {
    const huge = `1${'0'.repeat(30)}.00`;
    const before = await queriesOf(bankA);
    const answer = await register(
      bankA,
      invoice('INV-HUGE-1', { amount: { amount: huge, currency: 'USD' } }),
      huge,
    );
    expect(answer.status, answer.text).toBe(400);
    expect(answer.json<{ code: string }>().code).toBe('http.validation_failed');
    expect(await queriesOf(bankA)).toBe(before);
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from finance.financing_registrations where financier_organisation_id = ${bankA.organisationId}
        and face_amount_minor > 1000000000000000`.execute(ctx.hub.db.kysely);
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it("answers bank B 404 for bank A's registrations through every route", async () => {
    const mine = await register(bankA, invoice('OWN-1'));
    expect(mine.status).toBe(201);
    const id = mine.json<Registration>().id;
    const attempts = [
      await call(bankB, 'GET', `${base(bankB)}/registrations/${id}`),
      await call(bankB, 'POST', `${base(bankB)}/registrations/${id}/release`),
      // Bank A's own paths, as bank B: B is no member of A.
      await call(bankB, 'GET', `${base(bankA)}/registrations/${id}`),
      await call(bankB, 'POST', `${base(bankA)}/registrations/${id}/release`),
      await call(bankB, 'GET', `${base(bankA)}/registrations`),
      await call(bankB, 'POST', `${base(bankA)}/checks`, { invoice: invoice('OWN-1') }),
      await call(bankB, 'POST', `${base(bankA)}/registrations`, {
        invoice: invoice('OWN-2'),
        financedAmount: { amount: '1.00', currency: 'USD' },
      }),
    ];
    for (const response of attempts) {
      expect(response.status, response.text).toBe(404);
    }
    const listed = await call(bankB, 'GET', `${base(bankB)}/registrations?limit=200`);
    expect(listed.json<{ items: Registration[] }>().items.map((r) => r.id)).not.toContain(id);
    // Still active: B's release did nothing.
    expect((await call(bankA, 'GET', `${base(bankA)}/registrations/${id}`)).json<Registration>().status).toBe(
      'active',
    );
  });

  it('releases a registration for its bank only once, after which the invoice may be financed again', async () => {
    // Its own parties, amount and date, so that no other test's registration is near it.
    const body = invoice('REL-1', {
      issueDate: '2025-07-01',
      amount: { amount: '3333.00', currency: 'USD' },
    });
    const registered = await register(bankA, body, '3000.00');
    const id = registered.json<Registration>().id;
    expect((await register(bankB, body, '3000.00')).status).toBe(409);
    const released = await call(bankA, 'POST', `${base(bankA)}/registrations/${id}/release`);
    expect(released.status, released.text).toBe(200);
    expect(released.json<Registration>().status).toBe('released');
    const again = await call(bankA, 'POST', `${base(bankA)}/registrations/${id}/release`);
    expect(again.status).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('finance.registration_not_active');
    expect((await check(bankB, body)).json<CheckAnswer>().answer).toBe('no_match');
    expect((await register(bankB, body, '3000.00')).status).toBe(201);
    const listed = await call(bankA, 'GET', `${base(bankA)}/registrations?status=released`);
    expect(listed.json<{ items: Registration[] }>().items.map((r) => r.id)).toEqual([id]);
  });
  describe('IP rights pledged through the expo IP registry', () => {
    // A CN invention patent held by the exporter and pledged to bank A; another right pledged to
    // bank B. Numbers with valid CNIPA check characters (ZC 0006-2003).
    const pledgedNumber = '202310555005.X';
    const otherNumber = '202310555006.4';
    let registrationA: string;
    let registrationB: string;

    const ipCheck = (party: Party, body: object, org: Party = party) =>
      call(party, 'POST', `${base(org)}/ip-assets/check`, body);
    const right = (registryNumber: string, overrides: Record<string, unknown> = {}) => ({
      kind: 'patent',
      jurisdiction: 'CN',
      registryNumber,
      ...overrides,
    });
    const pledgeRight = async (registryNumber: string, bank: Party) => {
      const asset = await call(exporter, 'POST', `/api/orgs/${exporter.organisationId}/expo/ip/assets`, {
        kind: 'patent',
        titleZh: '储能电池热管理方法',
        titleEn: `Battery thermal management ${registryNumber}`,
        registryNumber: `ZL${registryNumber}`,
        jurisdiction: 'CN',
        filingDate: '2023-01-10',
        grantDate: '2024-05-20',
        status: 'granted',
        visibility: 'draft',
      });
      expect(asset.status, asset.text).toBe(201);
      const assetId = asset.json<{ id: string }>().id;
      const pledged = await call(
        exporter,
        'POST',
        `/api/orgs/${exporter.organisationId}/expo/ip/assets/${assetId}/pledge`,
        {
          bankOrganisationId: bank.organisationId,
          securedAmount: { amount: '4321000.00', currency: 'CNY' },
          reference: `PLEDGE-${bank === bankA ? 'A' : 'B'}`,
        },
      );
      expect(pledged.status, pledged.text).toBe(201);
      const pledgeId = pledged.json<{ id: string }>().id;
      const { rows } = await sql<{ registration_id: string }>`
        select registration_id from expo.ip_pledges where id = ${pledgeId}`.execute(ctx.hub.db.kysely);
      return { pledgeId, registrationId: rows[0]?.registration_id ?? 'none' };
    };

    beforeAll(async () => {
      registrationA = (await pledgeRight(pledgedNumber, bankA)).registrationId;
      registrationB = (await pledgeRight(otherNumber, bankB)).registrationId;
    });

    it('answers exact_match for a pledged right in any spelling, no_match for another number, kind or jurisdiction', async () => {
      const answerFor = async (body: object) => {
        const response = await ipCheck(insurer, body);
        expect(response.status, response.text).toBe(200);
        const { answer, risk } = response.json<CheckAnswer>();
        return { answer, risk };
      };
      const pledged = { answer: 'exact_match', risk: 'high' };
      const free = { answer: 'no_match', risk: 'none' };
      for (const spelling of ['ZL202310555005.X', '2023 1 0555005.x', 'CN202310555005X', '202310555005-X']) {
        expect(await answerFor(right(spelling)), spelling).toEqual(pledged);
      }
      expect(await answerFor(right('202310555008.3'))).toEqual(free);
      expect(await answerFor(right(pledgedNumber, { jurisdiction: 'US' }))).toEqual(free);
      expect(await answerFor(right(pledgedNumber, { jurisdiction: 'cn', kind: 'utility_model' }))).toEqual(
        free,
      );
      // An invoice numbered like the patent is another asset altogether.
      const invoiceLikeIt = invoice(pledgedNumber, {
        issueDate: '2024-01-05',
        amount: { amount: '321.00', currency: 'USD' },
      });
      expect((await check(insurer, invoiceLikeIt)).json<CheckAnswer>()).toMatchObject(free);
    });

    it('tells the asking bank nothing beyond the answer, and keeps the question in the trail', async () => {
      const before = await queriesOf(bankB);
      const asked = await ipCheck(bankB, right(`ZL${pledgedNumber}`));
      expect(asked.status, asked.text).toBe(200);
      expect(Object.keys(asked.json<object>()).sort()).toEqual(['answer', 'queryId', 'risk']);
      for (const secret of [
        registrationA,
        bankA.organisationId,
        exporter.organisationId,
        '43210',
        'PLEDGE-A',
      ]) {
        expect(asked.text).not.toContain(secret);
      }
      expect(await queriesOf(bankB)).toBe(before + 1);
      const { rows } = await sql<{
        id: string;
        kind: string;
        asset_type: string;
        answer: string;
        risk: string;
        actor_id: string;
        fingerprints: string[];
      }>`select id, kind, asset_type, answer, risk, actor_id, fingerprints from finance.registry_queries
        where organisation_id = ${bankB.organisationId} order by id desc limit 1`.execute(ctx.hub.db.kysely);
      expect(rows[0]).toMatchObject({
        id: asked.json<CheckAnswer>().queryId,
        kind: 'check',
        asset_type: 'ip_asset',
        answer: 'exact_match',
        risk: 'high',
        actor_id: bankB.userId,
      });
      expect(rows[0]?.fingerprints).toHaveLength(1);
      expect(rows[0]?.fingerprints[0]).toMatch(/^[0-9a-f]{64}$/);
      // The pledge's registration is under the same fingerprint, and the number is in no finance table.
      const { rows: held } = await sql<{ fp: string }>`
        select encode(fingerprint, 'hex') as fp from finance.financing_registrations where id = ${registrationA}`.execute(
        ctx.hub.db.kysely,
      );
      expect(held.map((row) => row.fp)).toEqual(rows[0]?.fingerprints);
      const { rows: dump } = await sql<{ t: string }>`
        select (select string_agg(q::text, ' ') from finance.registry_queries q) ||
               (select string_agg(r::text, ' ') from finance.financing_registrations r) as t`.execute(
        ctx.hub.db.kysely,
      );
      expect(dump[0]?.t).not.toContain('202310555005');
      expect(dump[0]?.t).not.toContain('0555005');
    });

    it('refuses a non-financier as the invoice check does, and names unreadable fields', async () => {
      const before = await queriesOf(exporter);
      const refused = await ipCheck(exporter, right(pledgedNumber));
      const invoiceRefused = await check(exporter, invoice('EXP-IP-1'));
      expect(refused.status, refused.text).toBe(403);
      expect(refused.json<{ code: string }>().code).toBe('finance.not_a_financier');
      expect(refused.json<{ code: string }>().code).toBe(invoiceRefused.json<{ code: string }>().code);
      expect(invoiceRefused.status).toBe(403);
      // The exporter's own pledges are in the trail as registrations; its refused checks are not.
      expect(await queriesOf(exporter)).toBe(before);

      const bad = await ipCheck(bankA, right(' .- ', { jurisdiction: 'XX' }));
      expect(bad.status, bad.text).toBe(400);
      expect(
        bad
          .json<{ errors: { field: string; code: string }[] }>()
          .errors.map((e) => [e.field, e.code])
          .sort(),
      ).toEqual([
        ['jurisdiction', 'kernel.unknown_code'],
        ['registryNumber', 'kernel.required'],
      ]);
      const secret = await ipCheck(bankA, right(pledgedNumber, { kind: 'trade_secret_reference' }));
      expect(secret.status).toBe(400);
      expect(secret.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['kind']);
    });

    it("lists each bank's own IP pledges only; another bank's org path and registrations answer 404", async () => {
      type Listed = { items: (Registration & { assetType: string })[] };
      const listA = (await call(bankA, 'GET', `${base(bankA)}/registrations?limit=200`)).json<Listed>();
      const listB = (await call(bankB, 'GET', `${base(bankB)}/registrations?limit=200`)).json<Listed>();
      expect(listA.items.find((r) => r.id === registrationA)).toMatchObject({
        assetType: 'ip_asset',
        status: 'active',
        faceAmount: { amount: '4321000.00', currency: 'CNY' },
        financedAmount: { amount: '4321000.00', currency: 'CNY' },
        reference: 'PLEDGE-A',
      });
      expect(listA.items.map((r) => r.id)).not.toContain(registrationB);
      expect(listB.items.map((r) => r.id)).toContain(registrationB);
      expect(listB.items.map((r) => r.id)).not.toContain(registrationA);
      // Bank B, a member of B only, cannot ask through A's path, nor read or release A's pledge.
      const attempts = [
        await ipCheck(bankB, right(pledgedNumber), bankA),
        await call(bankB, 'GET', `${base(bankB)}/registrations/${registrationA}`),
        await call(bankB, 'POST', `${base(bankB)}/registrations/${registrationA}/release`),
      ];
      for (const response of attempts) {
        expect(response.status, response.text).toBe(404);
      }
      // Bank A releases the pledge in the IP registry, not here: the right stays held.
      const direct = await call(bankA, 'POST', `${base(bankA)}/registrations/${registrationA}/release`);
      expect(direct.status, direct.text).toBe(409);
      expect(direct.json<{ code: string }>().code).toBe('finance.registration_is_ip_pledge');
      expect((await ipCheck(bankB, right(pledgedNumber))).json<CheckAnswer>().answer).toBe('exact_match');
    });

    it('answers no_match once the bank releases the pledge', async () => {
      const pledges = await call(bankB, 'GET', `/api/orgs/${bankB.organisationId}/expo/ip/pledges`);
      const pledge = pledges
        .json<{ items: { id: string; registrationId: string | null }[] }>()
        .items.find((p) => p.registrationId === registrationB);
      expect(pledge).toBeDefined();
      expect((await ipCheck(bankA, right(otherNumber))).json<CheckAnswer>().answer).toBe('exact_match');
      const released = await call(
        bankB,
        'POST',
        `/api/orgs/${bankB.organisationId}/expo/ip/pledges/${pledge?.id}/release`,
        {},
      );
      expect(released.status, released.text).toBe(200);
      expect((await ipCheck(bankA, right(otherNumber))).json<CheckAnswer>().answer).toBe('no_match');
      const listed = await call(bankB, 'GET', `${base(bankB)}/registrations?status=released`);
      expect(listed.json<{ items: Registration[] }>().items.map((r) => r.id)).toContain(registrationB);
    });
  });
});
