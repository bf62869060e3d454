import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUserRoles } from '../src/platform/access/index.ts';
import { organisationOf, yiwuName } from '../src/seed/demo-orders.ts';
import { demoOrganisations, demoPassword } from '../src/seed/demo-organisations.ts';
import { DEMO_SYNTHETIC_FACTS } from '../src/seed/demo-statistics.ts';
import { seedDemoData } from '../src/seed/seed-demo-data.ts';
import { createTestHub } from './support/test-hub.ts';

describe('demo seed', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  beforeAll(async () => {
    ctx = await createTestHub();
  });
  afterAll(async () => ctx.close());

  it('finishes an owner left without an organisation by an interrupted run, and changes nothing the second time', async () => {
    const first = demoOrganisations[0];
    if (first === undefined) {
      throw new Error('the demo has organisations');
    }
    // An earlier run stopped between creating the owner and the organisation.
    const owner = await ctx.hub.identity.createUser({ ...first.owner, password: demoPassword });
    const seeded = await seedDemoData(ctx.hub);
    expect(seeded.created).toBe(demoOrganisations.length);
    expect((await loadUserRoles(ctx.hub.db.kysely, owner.id)).size).toBe(1);
    expect((await seedDemoData(ctx.hub)).created).toBe(0);
    // Two whole demo seeds (13 organisations, their signed documents, parcels, facts and the expo):
    // about 20 s on a quiet 2-core machine, more while other test files share the cores.
  }, 120_000);

  it('leaves the exporter a shipment under way with its events, a delay exception and a warehouse, once', async () => {
    const yiwu = await organisationOf(ctx.hub, yiwuName);
    if (yiwu === undefined) {
      throw new Error('the seed made the Yiwu exporter');
    }
    const shipments = await ctx.hub.logistics.listShipments({ organisationId: yiwu, limit: 10 });
    expect(shipments.items).toHaveLength(1);
    const shipment = await ctx.hub.logistics.getShipment(yiwu, shipments.items[0]?.id as string);
    expect(shipment.events).toHaveLength(6);
    const exceptions = await sql<{ kind: string; state: string }>`
      select kind, state from logistics.exceptions where shipment_id = ${shipment.id}`.execute(
      ctx.hub.db.kysely,
    );
    expect(exceptions.rows).toEqual([{ kind: 'delay', state: 'open' }]);
    const facts = await sql<{
      n: string;
    }>`select count(*)::text as n from stats.facts where source = 'synthetic'`.execute(ctx.hub.db.kysely);
    expect(Number(facts.rows[0]?.n)).toBeGreaterThan(DEMO_SYNTHETIC_FACTS * 0.8);
    // The seed ran twice in the test above: nothing was added the second time.
    expect((await ctx.hub.logistics.listShipments({ organisationId: yiwu, limit: 10 })).items).toHaveLength(
      1,
    );
  });
});
