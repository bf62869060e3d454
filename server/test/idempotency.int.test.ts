import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party, rememberSecret } from './support/test-hub.ts';

describe('Idempotency-Key on writes', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let a: Party;
  let b: Party;
  beforeAll(async () => {
    ctx = await createTestHub();
    a = await createParty(ctx.hub, 'Idem');
    b = await createParty(ctx.hub, 'Other');
  });
  afterAll(async () => ctx.close());

  const createKey = (party: Party, key: string, name: string) =>
    ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/api-keys`,
      headers: { cookie: party.cookie, 'idempotency-key': key },
      payload: { name, scopes: ['read'] },
    });
  const keyNames = async (party: Party) =>
    (
      await ctx.hub.app.inject({
        method: 'GET',
        url: `/api/orgs/${party.organisationId}/api-keys`,
        headers: { cookie: party.cookie },
      })
    )
      .json<{ items: { name: string }[] }>()
      .items.map((item) => item.name);

  it('replays the first answer to a retry and runs the change once', async () => {
    const first = await createKey(a, 'retry-1', 'ERP');
    const again = await createKey(a, 'retry-1', 'ERP');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    rememberSecret(first.json<{ secret: string }>().secret);
    expect((await keyNames(a)).filter((name) => name === 'ERP')).toHaveLength(1);
  });

  it('answers 409 to the same key with a different request', async () => {
    await createKey(a, 'retry-2', 'Warehouse');
    const other = await createKey(a, 'retry-2', 'Something else');
    expect(other.statusCode).toBe(409);
    expect(other.json<{ code: string }>().code).toBe('http.idempotency_conflict');
  });

  it('keeps keys apart between callers, and lets a failed request be retried with its key', async () => {
    expect((await createKey(b, 'retry-1', 'ERP')).statusCode).toBe(201);
    const invalid = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${a.organisationId}/api-keys`,
      headers: { cookie: a.cookie, 'idempotency-key': 'retry-3' },
      payload: { name: '', scopes: ['read'] },
    });
    expect(invalid.statusCode).toBe(400);
    expect((await createKey(a, 'retry-3', 'Fixed')).statusCode).toBe(201);
  });

  it('runs a change once when two requests with one key arrive together', async () => {
    const results = await Promise.all([createKey(a, 'race-1', 'Racer'), createKey(a, 'race-1', 'Racer')]);
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    expect((await keyNames(a)).filter((name) => name === 'Racer')).toHaveLength(1);
  });

  it('refuses a malformed key with a field-level 400', async () => {
    const res = await createKey(a, 'bad key with spaces', 'X');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('Idempotency-Key');
  });

  it('stores the answer encrypted, never as sent', async () => {
    const created = await createKey(a, 'sealed-1', 'Sealed');
    const secret = created.json<{ secret: string }>().secret;
    rememberSecret(secret);
    const { sql } = await import('kysely');
    const rows = await sql<{
      sealed_response: string;
    }>`select sealed_response from idempotency.keys where key = 'sealed-1'`.execute(ctx.hub.db.kysely);
    expect(rows.rows[0]?.sealed_response.startsWith('v1.')).toBe(true);
    expect(rows.rows[0]?.sealed_response).not.toContain(secret);
  });
});
