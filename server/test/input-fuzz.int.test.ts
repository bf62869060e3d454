import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// Whatever a client sends, every route answers with a problem document or a success, never a 500
// and never a hang. Random JSON bodies, path segments and query strings go to every route, sent
// by a signed-in owner of the organisation in the path so that validation and handlers run.
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('\u0000', '9'.repeat(40), '../..', '%00', "' or 1=1 --", 'CNNGB', '91350100M000100Y43'),
);
const body = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom(
      'nameZh',
      'nameEn',
      'country',
      'uscc',
      'lei',
      'address',
      'role',
      'email',
      'scopes',
      'locale',
      'token',
    ),
    fc.oneof(text, fc.jsonValue()),
  ),
);

describe('random input never breaks a route', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let a: Party;
  beforeAll(async () => {
    ctx = await createTestHub();
    a = await createParty(ctx.hub, 'Fuzz');
  });
  afterAll(async () => ctx.close());

  it('answers every route and random input with a status below 500', async () => {
    const routes = ctx.hub.routes.filter(
      (route) =>
        route.method !== 'HEAD' && !String(route.url).startsWith('/docs') && route.url !== '/api/auth/logout',
    );
    let requests = 0;
    for (const route of routes) {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method) as 'GET' | 'POST';
      await fc.assert(
        fc.asyncProperty(body, text, text, async (payload, segment, query) => {
          const url = String(route.url)
            .replace(':orgId', a.organisationId)
            .replaceAll(/:(\w+)/g, () => encodeURIComponent(segment).slice(0, 200) || 'x');
          const res = await ctx.hub.app.inject({
            method,
            url: `${url}?limit=${encodeURIComponent(query)}&before=${encodeURIComponent(query)}&q=${encodeURIComponent(query)}`,
            headers: { cookie: a.cookie, 'content-type': 'application/json' },
            ...(method === 'GET' ? {} : { payload: JSON.stringify(payload) }),
          });
          requests += 1;
          expect(
            res.statusCode,
            `${method} ${route.url} ${JSON.stringify(payload)}: ${res.body}`,
          ).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.headers['content-type']).toContain('application/problem+json');
          }
        }),
        { numRuns: 25, seed: 20261126 },
      );
    }
    expect(routes.length).toBeGreaterThan(20);
    expect(requests).toBeGreaterThanOrEqual(routes.length * 25);
    // 25 random requests on each of 100+ routes: seconds on a quiet machine, several times that
    // on a busy CI runner; the limit only stops a hang.
  }, 180_000);
});
