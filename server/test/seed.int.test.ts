import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUserRoles } from '../src/platform/access/index.ts';
import { demoOrganisations, demoPassword } from '../src/seed/demo-organisations.ts';
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
  });
});
