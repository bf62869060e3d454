import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub } from './support/test-hub.ts';

describe('smoke', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  beforeAll(async () => {
    ctx = await createTestHub();
  });
  afterAll(async () => ctx.close());

  it('registers a party and reads its organisation', async () => {
    const a = await createParty(ctx.hub, 'Alpha');
    const res = await ctx.hub.app.inject({ method: 'GET', url: `/api/orgs/${a.organisationId}`, headers: { cookie: a.cookie } });
    expect(res.statusCode, res.body).toBe(200);
  });
});
