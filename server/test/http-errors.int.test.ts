import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party, testPassword } from './support/test-hub.ts';

type ProblemBody = {
  type: string;
  status: number;
  code: string;
  detail: string;
  requestId: string;
  errors?: { field: string; code: string }[];
};

describe('bad input gets a clear problem+json answer', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let a: Party;
  beforeAll(async () => {
    ctx = await createTestHub({ bodyLimitBytes: 4096 });
    a = await createParty(ctx.hub, 'Errors');
  });
  afterAll(async () => ctx.close());

  const expectProblem = (
    res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T },
    status: number,
    code: string,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    const body = res.json<ProblemBody>();
    expect(body.status).toBe(status);
    expect(body.code).toBe(code);
    expect(body.type).toBe(`https://tradehub.dev/problems/${code}`);
    expect(body.requestId).toMatch(/^req_/);
    expect(res.headers['x-request-id']).toBe(body.requestId);
    return body;
  };

  it('names the field of an invalid USCC check digit (400)', async () => {
    const res = await ctx.hub.app.inject({
      method: 'PATCH',
      url: `/api/orgs/${a.organisationId}`,
      headers: { cookie: a.cookie },
      payload: { uscc: '91350100M000100Y44' },
    });
    const body = expectProblem(res, 400, 'http.validation_failed');
    expect(body.errors).toEqual([
      expect.objectContaining({ field: 'uscc', code: 'kernel.invalid_check_digit' }),
    ]);
  });

  it('names the field of an invalid LEI check digit (400) and saves nothing of the request', async () => {
    const res = await ctx.hub.app.inject({
      method: 'PATCH',
      url: `/api/orgs/${a.organisationId}`,
      headers: { cookie: a.cookie },
      payload: { nameEn: 'Should not be saved', lei: '5493001KJTIIGC8Y1R13' },
    });
    const body = expectProblem(res, 400, 'http.validation_failed');
    expect(body.errors).toEqual([
      expect.objectContaining({ field: 'lei', code: 'kernel.invalid_check_digit' }),
    ]);
    const org = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${a.organisationId}`,
      headers: { cookie: a.cookie },
    });
    expect(org.json<{ nameEn: string }>().nameEn).toBe('Errors Ltd');
  });

  it('accepts valid identifiers and normalises them', async () => {
    const res = await ctx.hub.app.inject({
      method: 'PATCH',
      url: `/api/orgs/${a.organisationId}`,
      headers: { cookie: a.cookie },
      payload: { uscc: ' 91350100m000100y43 ', lei: '5493001KJTIIGC8Y1R12', address: { unlocode: 'nlrtm' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      uscc: '91350100M000100Y43',
      lei: '5493001KJTIIGC8Y1R12',
      address: { unlocode: 'NLRTM' },
      unlocodeStatus: 'verified',
    });
  });

  it('marks a well-formed UN/LOCODE of a country missing from the data as unverified, and rejects unknown ones', async () => {
    const unverified = await ctx.hub.app.inject({
      method: 'PATCH',
      url: `/api/orgs/${a.organisationId}`,
      headers: { cookie: a.cookie },
      payload: { address: { unlocode: 'CNNGB' } },
    });
    expect(unverified.json()).toMatchObject({ address: { unlocode: 'CNNGB' }, unlocodeStatus: 'unverified' });
    const unknown = await ctx.hub.app.inject({
      method: 'PATCH',
      url: `/api/orgs/${a.organisationId}`,
      headers: { cookie: a.cookie },
      payload: { address: { unlocode: 'NLZZZ' } },
    });
    const body = expectProblem(unknown, 400, 'http.validation_failed');
    expect(body.errors?.[0]).toMatchObject({ field: 'address.unlocode', code: 'kernel.unknown_code' });
  });

  it('refuses a second organisation with the same USCC (409, naming the field)', async () => {
    const res = await ctx.hub.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: a.cookie },
      payload: {
        nameZh: '重复',
        nameEn: 'Duplicate',
        kind: 'exporter',
        country: 'CN',
        uscc: '91350100M000100Y43',
      },
    });
    const body = expectProblem(res, 409, 'identity.identifier_taken');
    expect(body.errors?.[0]?.field).toBe('uscc');
  });

  it('answers 409 to a duplicate e-mail', async () => {
    const res = await ctx.hub.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: a.email.toUpperCase(), displayName: 'Again', password: testPassword },
    });
    const body = expectProblem(res, 409, 'identity.email_taken');
    expect(body.errors?.[0]?.field).toBe('email');
  });

  it('answers 409, not 500, when two sign-ups race for one e-mail', async () => {
    const register = () =>
      ctx.hub.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email: 'racing@party.example', displayName: 'Racer', password: testPassword },
      });
    const statuses = (await Promise.all([register(), register(), register()]))
      .map((r) => r.statusCode)
      .sort();
    expect(statuses).toEqual([201, 409, 409]);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await ctx.hub.app.inject({
      method: 'PATCH',
      url: `/api/orgs/${a.organisationId}`,
      headers: { cookie: a.cookie, 'content-type': 'application/json' },
      payload: '{"nameEn": ',
    });
    expectProblem(res, 400, 'http.malformed_json');
  });

  it('answers an oversized body with 413', async () => {
    const res = await ctx.hub.app.inject({
      method: 'PATCH',
      url: `/api/orgs/${a.organisationId}`,
      headers: { cookie: a.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ nameEn: 'x'.repeat(10_000) }),
    });
    expectProblem(res, 413, 'http.payload_too_large');
  });

  it('refuses bodies that are not JSON (415)', async () => {
    const res = await ctx.hub.app.inject({
      method: 'PATCH',
      url: `/api/orgs/${a.organisationId}`,
      headers: { cookie: a.cookie, 'content-type': 'text/plain' },
      payload: 'nameEn=x',
    });
    expectProblem(res, 415, 'http.unsupported_media_type');
  });

  it('rejects unknown fields instead of ignoring them', async () => {
    const res = await ctx.hub.app.inject({
      method: 'PATCH',
      url: `/api/orgs/${a.organisationId}`,
      headers: { cookie: a.cookie },
      payload: { kind: 'bank' },
    });
    const body = expectProblem(res, 400, 'http.validation_failed');
    expect(body.errors?.[0]?.code).toBe('kernel.unknown_field');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await ctx.hub.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expectProblem(res, 404, 'http.not_found');
  });

  it('answers 401 without credentials and with a revoked or malformed API key', async () => {
    expectProblem(await ctx.hub.app.inject({ method: 'GET', url: '/api/me' }), 401, 'http.unauthenticated');
    const bogus = await ctx.hub.app.inject({
      method: 'GET',
      url: '/api/orgs',
      headers: { authorization: 'Bearer thk_not_a_key' },
    });
    expectProblem(bogus, 401, 'http.unauthenticated');
  });

  it('gives the same 401 for an unknown user and for a wrong password', async () => {
    const unknown = await ctx.hub.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody-here@party.example', password: testPassword },
    });
    const wrong = await ctx.hub.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: a.email, password: 'not the password' },
    });
    const unknownBody = expectProblem(unknown, 401, 'identity.invalid_credentials');
    const wrongBody = expectProblem(wrong, 401, 'identity.invalid_credentials');
    expect(unknownBody.detail).toBe(wrongBody.detail);
  });

  it('sets security headers', async () => {
    const res = await ctx.hub.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('serves the OpenAPI document and the browsable reference', async () => {
    const spec = await ctx.hub.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/orgs/{orgId}');
    const docs = await ctx.hub.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('reports health and readiness', async () => {
    expect((await ctx.hub.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await ctx.hub.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ok' });
  });
});

describe('login and write limits', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let a: Party;
  beforeAll(async () => {
    ctx = await createTestHub({ writeRateMax: 5 });
    a = await createParty(ctx.hub, 'Limits');
  });
  afterAll(async () => ctx.close());

  it('answers 429 after 10 failed logins a minute for one account, even with the right password', async () => {
    for (let i = 0; i < 10; i += 1) {
      const res = await ctx.hub.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: `10.0.0.${i + 1}`,
        payload: { email: a.email, password: `wrong ${i}` },
      });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await ctx.hub.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.1.1',
      payload: { email: a.email, password: testPassword },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json<ProblemBody>().code).toBe('identity.login_rate_limited');
  });

  it('answers 429 after 10 failed logins a minute from one address, whichever account', async () => {
    for (let i = 0; i < 10; i += 1) {
      await ctx.hub.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.7',
        payload: { email: `guess-${i}@party.example`, password: 'guess' },
      });
    }
    const blocked = await ctx.hub.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '192.0.2.7',
      payload: { email: 'another@party.example', password: 'guess' },
    });
    expect(blocked.statusCode).toBe(429);
  });

  it('limits writes per caller', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const res = await ctx.hub.app.inject({
        method: 'PATCH',
        url: '/api/me',
        headers: { cookie: a.cookie },
        payload: { displayName: `Name ${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const reads = await ctx.hub.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: a.cookie } });
    expect(reads.statusCode).toBe(200);
  });
});
