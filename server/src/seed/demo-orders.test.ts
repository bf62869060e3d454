import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub } from '../../test/support/test-hub.ts';
import { loadUserRoles } from '../platform/access/index.ts';
import { demoOrganisations } from './demo-organisations.ts';
import { seedDemoData } from './seed-demo-data.ts';

describe('demo orders', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  beforeAll(async () => {
    ctx = await createTestHub();
  });
  afterAll(async () => ctx.close());

  const organisationOf = async (nameEn: string) => {
    const email = demoOrganisations.find((org) => org.nameEn === nameEn)?.owner.email ?? '';
    const userId = (await ctx.hub.identity.findUserIdByEmail(email)) ?? '';
    return [...(await loadUserRoles(ctx.hub.db.kysely, userId)).keys()][0] ?? '';
  };

  it('seeds an accepted order shared with the forwarder and an offered one, once', async () => {
    await seedDemoData(ctx.hub);
    await seedDemoData(ctx.hub);
    const yiwu = await organisationOf('Yiwu Small Commodities Import & Export Co., Ltd.');
    const elbe = await organisationOf('Elbe Handelshaus GmbH');
    const ningbo = await organisationOf('Ningbo Hailian International Freight Forwarding Co., Ltd.');
    expect(await ctx.hub.trade.countOrders(yiwu)).toBe(2);
    expect(await ctx.hub.trade.countOrders(elbe)).toBe(2);
    expect(await ctx.hub.trade.countOrders(ningbo)).toBe(1);
    const orders = await ctx.hub.db.kysely
      .withTables<{ 'trade.orders': { id: string; status: string; awaiting_side: string | null } }>()
      .selectFrom('trade.orders')
      .select(['id', 'status', 'awaiting_side'])
      .orderBy('id')
      .execute();
    expect(orders.map((o) => [o.status, o.awaiting_side])).toEqual([
      ['accepted', null],
      ['offered', 'buyer'],
    ]);
    const accepted = await ctx.hub.trade.getOrder(ningbo, orders[0]?.id ?? '');
    expect(accepted.myRole).toBe('shared');
    expect(accepted.content.total).toEqual({ amount: '8560.00', currency: 'EUR' });
    expect(accepted.history.map((h) => [h.action, h.byOrganisationId])).toEqual([
      ['create', yiwu],
      ['offer', yiwu],
      ['counter', elbe],
      ['accept', yiwu],
      ['share', yiwu],
    ]);
  });
});
