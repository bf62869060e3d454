import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party, rememberSecret, testPassword } from './support/test-hub.ts';

type AuditItem = {
  action: string;
  outcome: string;
  objectId: string | null;
  requestId: string;
  actor: { type: string };
};

describe('identity: organisations, members, invitations, API keys, audit trail', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let owner: Party;
  const inject = (options: InjectOptions) => ctx.hub.app.inject(options);

  beforeAll(async () => {
    ctx = await createTestHub();
    owner = await createParty(ctx.hub, 'Owner');
  });
  afterAll(async () => ctx.close());

  const audit = async (party: Party) => {
    const res = await inject({
      method: 'GET',
      url: `/api/orgs/${party.organisationId}/audit?limit=100`,
      headers: { cookie: party.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: AuditItem[]; nextCursor: string | null }>();
  };

  it('records a profile change in the audit trail with the request id', async () => {
    const res = await inject({
      method: 'PATCH',
      url: `/api/orgs/${owner.organisationId}`,
      headers: { cookie: owner.cookie },
      payload: { nameEn: 'Owner Trading Ltd', website: 'https://owner.example' },
    });
    expect(res.statusCode).toBe(200);
    const trail = await audit(owner);
    const entry = trail.items.find((item) => item.action === 'identity.organisation.update');
    expect(entry).toMatchObject({
      outcome: 'success',
      objectId: owner.organisationId,
      requestId: res.headers['x-request-id'],
    });
  });

  it('records a refused write as denied, without touching the data', async () => {
    const res = await inject({
      method: 'PATCH',
      url: `/api/orgs/${owner.organisationId}`,
      headers: { cookie: owner.cookie },
      payload: { lei: 'not-a-lei' },
    });
    expect(res.statusCode).toBe(400);
    const trail = await audit(owner);
    expect(trail.items[0]).toMatchObject({ action: 'identity.organisation.update', outcome: 'failed' });
  });

  it('invites a new person, who registers through the link and joins with the invited role', async () => {
    const invited = await inject({
      method: 'POST',
      url: `/api/orgs/${owner.organisationId}/invitations`,
      headers: { cookie: owner.cookie },
      payload: { email: 'new.colleague@party.example', role: 'viewer' },
    });
    expect(invited.statusCode).toBe(201);
    const { acceptUrl } = invited.json<{ acceptUrl: string }>();
    const token = acceptUrl.split('/').at(-1) ?? '';
    rememberSecret(token);
    const offer = await inject({ method: 'GET', url: `/api/invitations/${token}` });
    expect(offer.json()).toMatchObject({
      email: 'new.colleague@party.example',
      role: 'viewer',
      hasAccount: false,
    });
    const missingPassword = await inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token },
    });
    expect(missingPassword.statusCode).toBe(400);
    const accepted = await inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, displayName: 'New Colleague', password: testPassword },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      memberships: [{ organisationId: owner.organisationId, role: 'viewer' }],
    });
    const again = await inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, displayName: 'X', password: testPassword },
    });
    expect(again.statusCode).toBe(404);
    const cookie = `th_session=${accepted.cookies.find((c) => c.name === 'th_session')?.value}`;
    // A viewer reads the profile but cannot change it or read the audit trail.
    expect(
      (await inject({ method: 'GET', url: `/api/orgs/${owner.organisationId}`, headers: { cookie } }))
        .statusCode,
    ).toBe(200);
    const edit = await inject({
      method: 'PATCH',
      url: `/api/orgs/${owner.organisationId}`,
      headers: { cookie },
      payload: { nameEn: 'x' },
    });
    expect(edit.statusCode).toBe(403);
    expect(
      (await inject({ method: 'GET', url: `/api/orgs/${owner.organisationId}/audit`, headers: { cookie } }))
        .statusCode,
    ).toBe(403);
  });

  it('keeps at least one owner', async () => {
    const demote = await inject({
      method: 'PATCH',
      url: `/api/orgs/${owner.organisationId}/members/${owner.userId}`,
      headers: { cookie: owner.cookie },
      payload: { role: 'admin' },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json<{ code: string }>().code).toBe('identity.last_owner');
    const leave = await inject({
      method: 'DELETE',
      url: `/api/orgs/${owner.organisationId}/members/${owner.userId}`,
      headers: { cookie: owner.cookie },
    });
    expect(leave.statusCode).toBe(409);
  });

  it('keeps one owner when two owners demote each other at the same moment', async () => {
    const first = await createParty(ctx.hub, 'Duo');
    const invited = await inject({
      method: 'POST',
      url: `/api/orgs/${first.organisationId}/invitations`,
      headers: { cookie: first.cookie },
      payload: { email: 'second.owner@party.example', role: 'owner' },
    });
    const token = invited.json<{ acceptUrl: string }>().acceptUrl.split('/').at(-1) ?? '';
    rememberSecret(token);
    const accepted = await inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, displayName: 'Second Owner', password: testPassword },
    });
    const second = {
      userId: accepted.json<{ user: { id: string } }>().user.id,
      cookie: `th_session=${accepted.cookies.find((c) => c.name === 'th_session')?.value}`,
    };
    const demote = (by: { cookie: string }, userId: string) =>
      inject({
        method: 'PATCH',
        url: `/api/orgs/${first.organisationId}/members/${userId}`,
        headers: { cookie: by.cookie },
        payload: { role: 'admin' },
      });
    const results = await Promise.all([demote(first, second.userId), demote(second, first.userId)]);
    const statuses = results.map((r) => r.statusCode).sort();
    // One demotion wins; the other either finds itself no longer an owner-maker (403) or the last owner (409).
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const members = await inject({
      method: 'GET',
      url: `/api/orgs/${first.organisationId}/members`,
      headers: { cookie: first.cookie },
    });
    const owners = members.json<{ items: { role: string }[] }>().items.filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
  });

  it('creates an API key shown once, lets it act for the organisation, and revokes it', async () => {
    const created = await inject({
      method: 'POST',
      url: `/api/orgs/${owner.organisationId}/api-keys`,
      headers: { cookie: owner.cookie },
      payload: { name: 'ERP connector', scopes: ['read'] },
    });
    expect(created.statusCode).toBe(201);
    const { secret, apiKey } = created.json<{ secret: string; apiKey: { id: string; prefix: string } }>();
    rememberSecret(secret);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const listed = await inject({
      method: 'GET',
      url: `/api/orgs/${owner.organisationId}/api-keys`,
      headers: { cookie: owner.cookie },
    });
    expect(listed.body).not.toContain(secret);
    const headers = { authorization: `Bearer ${secret}` };
    expect(
      (await inject({ method: 'GET', url: `/api/orgs/${owner.organisationId}`, headers })).statusCode,
    ).toBe(200);
    // A read-only key cannot write, and no key can manage keys.
    const write = await inject({
      method: 'PATCH',
      url: `/api/orgs/${owner.organisationId}`,
      headers,
      payload: { nameEn: 'x' },
    });
    expect(write.statusCode).toBe(403);
    const revoke = await inject({
      method: 'DELETE',
      url: `/api/orgs/${owner.organisationId}/api-keys/${apiKey.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(revoke.statusCode).toBe(204);
    expect(
      (await inject({ method: 'GET', url: `/api/orgs/${owner.organisationId}`, headers })).statusCode,
    ).toBe(401);
    const actions = (await audit(owner)).items.map((item) => item.action);
    expect(actions).toEqual(expect.arrayContaining(['identity.api_key.create', 'identity.api_key.revoke']));
  });

  it('remembers the language per user', async () => {
    const res = await inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: owner.cookie },
      payload: { locale: 'en' },
    });
    expect(res.json()).toMatchObject({ user: { locale: 'en' } });
    const me = await inject({ method: 'GET', url: '/api/me', headers: { cookie: owner.cookie } });
    expect(me.json()).toMatchObject({ user: { locale: 'en' } });
  });

  it('pages the audit trail newest first', async () => {
    const first = await inject({
      method: 'GET',
      url: `/api/orgs/${owner.organisationId}/audit?limit=2`,
      headers: { cookie: owner.cookie },
    });
    const page = first.json<{ items: AuditItem[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const second = await inject({
      method: 'GET',
      url: `/api/orgs/${owner.organisationId}/audit?limit=2&before=${page.nextCursor}`,
      headers: { cookie: owner.cookie },
    });
    const next = second.json<{ items: AuditItem[] }>();
    expect(next.items).toHaveLength(2);
    expect(next.items.map((i) => i.requestId)).not.toContain(page.items[0]?.requestId);
  });

  it('ends the session at logout', async () => {
    const other = await createParty(ctx.hub, 'Leaver');
    const out = await inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: other.cookie } });
    expect(out.statusCode).toBe(204);
    expect(
      (await inject({ method: 'GET', url: '/api/me', headers: { cookie: other.cookie } })).statusCode,
    ).toBe(401);
  });

  it('keeps the audit trail append-only even against direct SQL', async () => {
    const { sql } = await import('kysely');
    await expect(
      sql`update audit.entries set outcome = 'success'`.execute(ctx.hub.db.kysely),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit.entries`.execute(ctx.hub.db.kysely)).rejects.toThrow(/append-only/);
  });

  it('publishes events through the outbox in the same transaction as the change', async () => {
    const { sql } = await import('kysely');
    const rows = await sql<{
      topic: string;
    }>`select topic from events.outbox where organisation_id = ${owner.organisationId} order by seq`.execute(
      ctx.hub.db.kysely,
    );
    expect(rows.rows.map((r) => r.topic)).toEqual(
      expect.arrayContaining([
        'identity.organisation.created',
        'identity.organisation.updated',
        'identity.api_key.created',
      ]),
    );
  });
});
