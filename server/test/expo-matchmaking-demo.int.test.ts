import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUserRoles } from '../src/platform/access/index.ts';
import { demoPassword } from '../src/seed/demo-organisations.ts';
import { seedDemoData } from '../src/seed/seed-demo-data.ts';
import { createTestHub } from './support/test-hub.ts';

// The matchmaking demo after the whole seed: the Kuala Lumpur importer's older umbrella
// requirement is matched (the Yiwu umbrella first, explained), the Yiwu exporter sees it as a
// lead, the trends have a year of requirements, and a second run adds nothing.

describe('expo matchmaking demo', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  beforeAll(async () => {
    ctx = await createTestHub();
    await seedDemoData(ctx.hub);
  }, 600_000);
  afterAll(async () => ctx?.close());

  const signIn = async (email: string) => {
    const res = await ctx.hub.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: demoPassword },
    });
    const cookie = res.cookies.find((c) => c.name === 'th_session');
    if (cookie === undefined) {
      throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    }
    const userId = (await ctx.hub.identity.findUserIdByEmail(email)) ?? '';
    const orgId = [...(await loadUserRoles(ctx.hub.db.kysely, userId)).keys()][0] ?? '';
    return { cookie: `th_session=${cookie.value}`, orgId };
  };
  const get = async (who: { cookie: string }, url: string) => {
    const res = await ctx.hub.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Record<string, unknown>>();
  };

  it('matches the Kuala Lumpur importer’s umbrella requirement and shows Yiwu the lead', async () => {
    const aisyah = await signIn('aisyah.rahman@klangvalley-trading.example');
    const list = await get(aisyah, `/api/orgs/${aisyah.orgId}/expo/requirements`);
    const items = list.items as { id: string; title: string; status: string; matchCount: number }[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Folding umbrellas for Malaysian retail', status: 'open' });
    expect(items[0]?.matchCount).toBeGreaterThanOrEqual(1);
    const matches = await get(aisyah, `/api/orgs/${aisyah.orgId}/expo/requirements/${items[0]?.id}/matches`);
    const top = (
      matches.items as { product: { nameEn: string }; components: { key: string; reason: string }[] }[]
    )[0];
    expect(top?.product.nameEn).toBe('Folding umbrella');
    expect(top?.components.find((c) => c.key === 'hs')?.reason).toBe('hs_same_subheading');
    // The Yiwu showcase shares its hub track record, so the buyer is not told it is withheld.
    expect(['credit_score', 'credit_unknown']).toContain(
      top?.components.find((c) => c.key === 'credit')?.reason,
    );

    const chen = await signIn('chen.li@yiwu-commodities.example');
    const leads = await get(chen, `/api/orgs/${chen.orgId}/expo/leads`);
    expect((leads.items as { buyer: { name: string } }[]).map((lead) => lead.buyer.name)).toContain(
      'Klang Valley Trading Sdn. Bhd.',
    );
    // Never the LED/CE requirement the browser journey posts.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from expo.requirements
      where organisation_id = ${aisyah.orgId} and title ilike '%LED%'`.execute(ctx.hub.db.kysely);
    expect(rows[0]?.n).toBe(0);
  });

  it('gives the trends a year of requirements, and a second run adds none', async () => {
    const aisyah = await signIn('aisyah.rahman@klangvalley-trading.example');
    const trends = await get(aisyah, '/api/expo/trends?by=hs_chapter');
    const series = trends.requirements as { key: string; total: number; counts: number[] }[];
    const total = series.reduce((sum, s) => sum + s.total, 0);
    expect(total).toBeGreaterThanOrEqual(40);
    expect(series.map((s) => s.key)).toContain('94');
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from expo.requirements`.execute(ctx.hub.db.kysely))
        .rows[0]?.n;
    const before = await count();
    await seedDemoData(ctx.hub);
    expect(await count()).toBe(before);
  }, 300_000);
});
