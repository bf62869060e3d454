import { createDecipheriv, createPrivateKey, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { isAppError, sha256, utf8Encode } from '@tradehub/kernel';
import {
  actorHashOfEd25519Key,
  decodeEd25519Multikey,
  parseTradeLogEntry,
  TradeLogEntryKind,
  tradeLogEntryLeafHash,
  verifyTradeLogEntrySignature,
  ZERO_HASH,
} from '@tradehub/verifier';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub, type Hub } from '../src/app.ts';
import {
  createArgon2PasswordHasher,
  resolveDidWebUrl,
  type WriteContext,
} from '../src/modules/identity/index.ts';
import { createLogger } from '../src/platform/logging/index.ts';
import { demoOrganisations } from '../src/seed/demo-organisations.ts';
import { seedDemoData, systemWriteContext } from '../src/seed/seed-demo-data.ts';
import { createTestDatabase, type TestDatabase } from './support/test-db.ts';
import { createParty, type Party, rememberSecret, testLogDir, testPassword } from './support/test-hub.ts';

type KeyDto = {
  id: string;
  algorithm: string;
  status: 'active' | 'retired' | 'revoked';
  verificationMethod: string;
  publicKey: string;
  publicKeyMultibase: string | null;
  provider: string;
  createdAt: string;
  retiredAt: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
};

type DidDocumentDto = {
  '@context': string[];
  id: string;
  verificationMethod: {
    id: string;
    type: string;
    controller: string;
    publicKeyMultibase?: string;
    expires?: string;
    revoked?: string;
  }[];
  assertionMethod: string[];
};

const publicUrl = 'http://localhost:8080';
// Fixed start, moved forward by hand, so every time the keys record can be asserted exactly.
let clockMs = Date.parse('2026-05-01T08:00:00.000Z');
const now = () => new Date(clockMs);
const tick = (ms = 1000) => {
  clockMs += ms;
  return new Date(clockMs);
};

// Known to the test (unlike createTestHub's random one), so it can open sealed keys and prove
// that no private key ever reaches a log.
const secretKey = randomBytes(32);
const fastPasswords = createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

const startHub = async (db: TestDatabase, secret: Uint8Array, label: string): Promise<Hub> => {
  mkdirSync(testLogDir, { recursive: true });
  const logger = createLogger({
    level: 'debug',
    destination: pino.destination({
      dest: `${testLogDir}signing-keys-${label}-${process.pid}.log`,
      sync: true,
    }),
  });
  return buildHub({
    config: {
      publicUrl,
      bodyLimitBytes: 1024 * 1024,
      writeRateMax: 10_000,
      webDistDir: '/nonexistent',
      secretKey: secret,
    },
    db,
    logger,
    now,
    passwords: fastPasswords,
  });
};

const fromBase64Url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

describe('organisation signing keys', () => {
  let db: TestDatabase;
  let hub: Hub;
  let alpha: Party;
  let bravo: Party;

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await startHub(db, secretKey, 'main');
    alpha = await createParty(hub, 'KeyAlpha');
    bravo = await createParty(hub, 'KeyBravo');
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
  });

  const inject = (options: InjectOptions) => hub.app.inject(options);
  const listKeys = async (party: Party) => {
    const res = await inject({
      method: 'GET',
      url: `/api/orgs/${party.organisationId}/keys`,
      headers: { cookie: party.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ did: string; items: KeyDto[] }>();
  };
  const rotate = (party: Party, headers: Record<string, string> = { cookie: party.cookie }) =>
    inject({ method: 'POST', url: `/api/orgs/${party.organisationId}/keys/rotate`, headers, payload: {} });
  const revoke = (party: Party, keyId: string, payload: Record<string, unknown>) =>
    inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/keys/${keyId}/revoke`,
      headers: { cookie: party.cookie },
      payload,
    });
  const didDocument = async (organisationId: string) => {
    const res = await inject({ method: 'GET', url: `/org/${organisationId}/did.json` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<DidDocumentDto>();
  };
  /** Copies of an entry in the log, queued or integrated. */
  const logCopies = async (entry: Uint8Array) => {
    const { rows } = await sql<{ n: string }>`select
        (select count(*) from transparency_log.pending where body = ${entry})
      + (select count(*) from transparency_log.entries where body = ${entry}) as n`.execute(hub.db.kysely);
    return Number(rows[0]?.n);
  };
  const logSize = async () => {
    const { rows } = await sql<{ n: string }>`select
        (select count(*) from transparency_log.pending) + (select count(*) from transparency_log.entries) as n`.execute(
      hub.db.kysely,
    );
    return Number(rows[0]?.n);
  };

  /** Checks every key event of an organisation: a chain of signed KEY_ROTATION entries, each in the log. */
  const checkKeyEventChain = async (organisationId: string) => {
    const events = await hub.identity.signingKeys.keyEvents(organisationId);
    const history = await hub.identity.signingKeys.keyHistory(organisationId);
    const did = hub.identity.signingKeys.didOf(organisationId);
    let previous: Uint8Array = ZERO_HASH;
    for (const event of events) {
      const parsed = parseTradeLogEntry(event.entry);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) {
        continue;
      }
      const { entry } = parsed;
      expect(entry.kind).toBe(TradeLogEntryKind.KEY_ROTATION);
      expect(entry.recordId).toEqual(sha256(utf8Encode(`key/v1\n${did}`)));
      expect(entry.docHash).toEqual(sha256(utf8Encode(event.statement)));
      expect(entry.prevEntryHash).toEqual(previous);
      expect(entry.aux).toEqual(ZERO_HASH);
      const signer = history.find((key) =>
        Buffer.from(actorHashOfEd25519Key(key.publicKey)).equals(entry.actor),
      );
      expect(signer, "the entry names one of the organisation's keys as its actor").toBeDefined();
      expect(verifyTradeLogEntrySignature(entry, signer?.publicKey ?? new Uint8Array(32))).toBe(true);
      expect(JSON.parse(event.statement)).toMatchObject({ did, keyId: event.keyId, event: event.event });
      expect(event.leafHash).toEqual(tradeLogEntryLeafHash(event.entry));
      expect(await logCopies(event.entry)).toBe(1);
      previous = event.leafHash;
    }
    return { events, history };
  };

  it('gives a new organisation an active Ed25519 key with it, and commits the creation to the log', async () => {
    const { did, items } = await listKeys(alpha);
    expect(did).toBe(`did:web:localhost%3A8080:org:${alpha.organisationId}`);
    expect(items).toHaveLength(1);
    const [key] = items;
    expect(key).toMatchObject({
      algorithm: 'Ed25519',
      status: 'active',
      provider: 'local',
      verificationMethod: `${did}#${key?.id}`,
      retiredAt: null,
      revokedAt: null,
      revocationReason: null,
    });
    expect(decodeEd25519Multikey(key?.publicKeyMultibase)).toEqual({
      ok: true,
      value: fromBase64Url(key?.publicKey ?? ''),
    });
    const { events } = await checkKeyEventChain(alpha.organisationId);
    expect(events.map((e) => [e.event, e.keyId])).toEqual([['created', key?.id]]);
    const entry = parseTradeLogEntry(events[0]?.entry ?? new Uint8Array());
    expect(entry.ok && entry.entry.counterparty).toEqual(ZERO_HASH);
    expect(entry.ok && entry.entry.actor).toEqual(actorHashOfEd25519Key(fromBase64Url(key?.publicKey ?? '')));
  });

  it('signs through activeKey with the opened key, and finds keys by the actor hash of a log entry', async () => {
    const active = await hub.identity.signingKeys.activeKey(alpha.organisationId);
    const [listed] = (await listKeys(alpha)).items;
    expect(active.keyId).toBe(listed?.id);
    expect(active.verificationMethod).toBe(listed?.verificationMethod);
    const message = utf8Encode('a credential to sign');
    const signature = await active.sign(message);
    const { verify, createPublicKey } = await import('node:crypto');
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(active.publicKey).toString('base64url') },
      format: 'jwk',
    });
    expect(verify(null, message, publicKey, signature)).toBe(true);

    const actorHash = actorHashOfEd25519Key(active.publicKey);
    const found = await hub.identity.signingKeys.findKeyByActorHash(alpha.organisationId, actorHash);
    expect(found).toMatchObject({ keyId: active.keyId, status: 'active', revokedAt: null });
    // Scoped by organisation: Bravo cannot resolve Alpha's key, and an unknown hash finds nothing.
    expect(
      await hub.identity.signingKeys.findKeyByActorHash(bravo.organisationId, actorHash),
    ).toBeUndefined();
    expect(
      await hub.identity.signingKeys.findKeyByActorHash(alpha.organisationId, ZERO_HASH),
    ).toBeUndefined();
  });

  it('rotates: a new active key, the old one retired at the rotation time and still an assertion method', async () => {
    const before = (await listKeys(alpha)).items;
    const at = tick();
    const res = await rotate(alpha);
    expect(res.statusCode, res.body).toBe(201);
    const rotated = res.json<{ key: KeyDto; previous: KeyDto }>();
    expect(rotated.previous).toMatchObject({
      id: before[0]?.id,
      status: 'retired',
      retiredAt: at.toISOString(),
    });
    expect(rotated.key).toMatchObject({ status: 'active', createdAt: at.toISOString() });

    const { items } = await listKeys(alpha);
    expect(items.map((k) => [k.id, k.status])).toEqual([
      [rotated.key.id, 'active'],
      [before[0]?.id, 'retired'],
    ]);
    const { events } = await checkKeyEventChain(alpha.organisationId);
    const last = events.at(-1);
    expect([last?.event, last?.keyId]).toEqual(['rotated', rotated.key.id]);
    const entry = parseTradeLogEntry(last?.entry ?? new Uint8Array());
    expect(entry.ok && entry.entry.actor).toEqual(
      actorHashOfEd25519Key(fromBase64Url(rotated.key.publicKey)),
    );
    expect(entry.ok && entry.entry.counterparty).toEqual(
      actorHashOfEd25519Key(fromBase64Url(rotated.previous.publicKey)),
    );

    const document = await didDocument(alpha.organisationId);
    const did = hub.identity.signingKeys.didOf(alpha.organisationId);
    expect(document.verificationMethod.find((m) => m.id === `${did}#${before[0]?.id}`)).toMatchObject({
      expires: at.toISOString(),
    });
    expect(document.assertionMethod).toEqual([`${did}#${before[0]?.id}`, `${did}#${rotated.key.id}`]);
    // activeKey follows the rotation.
    expect((await hub.identity.signingKeys.activeKey(alpha.organisationId)).keyId).toBe(rotated.key.id);
    const retired = await hub.identity.signingKeys.findKeyByActorHash(
      alpha.organisationId,
      actorHashOfEd25519Key(fromBase64Url(rotated.previous.publicKey)),
    );
    expect(retired).toMatchObject({ status: 'retired', retiredAt: at });
  });

  it('revokes the active key as of its compromise, with a replacement made in the same transaction', async () => {
    const [active] = (await listKeys(alpha)).items;
    const compromisedAt = new Date(clockMs + 1);
    const at = tick();
    const res = await revoke(alpha, active?.id ?? '', {
      reason: 'key_compromise',
      compromisedAt: compromisedAt.toISOString(),
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<{ revoked: KeyDto; replacement: KeyDto }>();
    expect(result.revoked).toMatchObject({
      id: active?.id,
      status: 'revoked',
      revokedAt: compromisedAt.toISOString(),
      revocationReason: 'key_compromise',
    });
    expect(result.replacement).toMatchObject({ status: 'active', createdAt: at.toISOString() });

    const { items } = await listKeys(alpha);
    expect(items.filter((k) => k.status === 'active').map((k) => k.id)).toEqual([result.replacement.id]);
    const { events } = await checkKeyEventChain(alpha.organisationId);
    const last = events.at(-1);
    expect([last?.event, last?.keyId]).toEqual(['revoked', active?.id]);
    expect(JSON.parse(last?.statement ?? '{}')).toMatchObject({
      at: compromisedAt.toISOString(),
      reason: 'key_compromise',
    });
    // Signed by the replacement: the revoked key signs nothing more.
    const entry = parseTradeLogEntry(last?.entry ?? new Uint8Array());
    expect(entry.ok && entry.entry.actor).toEqual(
      actorHashOfEd25519Key(fromBase64Url(result.replacement.publicKey)),
    );
    expect(entry.ok && entry.entry.counterparty).toEqual(
      actorHashOfEd25519Key(fromBase64Url(active?.publicKey ?? '')),
    );

    const document = await didDocument(alpha.organisationId);
    const did = hub.identity.signingKeys.didOf(alpha.organisationId);
    expect(document.verificationMethod.find((m) => m.id === `${did}#${active?.id}`)).toMatchObject({
      revoked: compromisedAt.toISOString(),
    });
    expect(document.assertionMethod).not.toContain(`${did}#${active?.id}`);
    expect(document.assertionMethod).toContain(`${did}#${result.replacement.id}`);
  });

  it('revokes a retired key without touching the active one; the entry is signed by the active key', async () => {
    const keys = (await listKeys(alpha)).items;
    const retired = keys.find((k) => k.status === 'retired');
    const active = keys.find((k) => k.status === 'active');
    const at = tick();
    const res = await revoke(alpha, retired?.id ?? '', { reason: 'superseded' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      revoked: {
        id: retired?.id,
        status: 'revoked',
        revokedAt: at.toISOString(),
        retiredAt: retired?.retiredAt,
      },
      replacement: null,
    });
    expect((await listKeys(alpha)).items.filter((k) => k.status === 'active').map((k) => k.id)).toEqual([
      active?.id,
    ]);
    const { events } = await checkKeyEventChain(alpha.organisationId);
    const entry = parseTradeLogEntry(events.at(-1)?.entry ?? new Uint8Array());
    expect(entry.ok && entry.entry.actor).toEqual(
      actorHashOfEd25519Key(fromBase64Url(active?.publicKey ?? '')),
    );
  });

  it('refuses a second revocation, an impossible compromise time and an unknown key, naming the field', async () => {
    const keys = (await listKeys(alpha)).items;
    const revoked = keys.find((k) => k.status === 'revoked');
    const active = keys.find((k) => k.status === 'active');
    const again = await revoke(alpha, revoked?.id ?? '', { reason: 'unspecified' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'identity.signing_key_revoked' });

    const future = await revoke(alpha, active?.id ?? '', {
      reason: 'key_compromise',
      compromisedAt: new Date(clockMs + 60_000).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(future.headers['content-type']).toContain('application/problem+json');
    expect(future.json()).toMatchObject({
      code: 'identity.compromise_time_invalid',
      errors: [{ field: 'compromisedAt', code: 'identity.compromise_time_invalid' }],
    });
    const beforeKey = await revoke(alpha, active?.id ?? '', {
      reason: 'key_compromise',
      compromisedAt: new Date(Date.parse(active?.createdAt ?? '') - 1).toISOString(),
    });
    expect(beforeKey.statusCode).toBe(400);
    expect(beforeKey.json()).toMatchObject({ code: 'identity.compromise_time_invalid' });

    const badReason = await revoke(alpha, active?.id ?? '', { reason: 'lost_it' });
    expect(badReason.statusCode).toBe(400);
    expect(badReason.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain('reason');
    expect(
      (await revoke(alpha, 'skey_00000000000000000000000000', { reason: 'unspecified' })).statusCode,
    ).toBe(404);
    const sm2 = await inject({
      method: 'POST',
      url: `/api/orgs/${alpha.organisationId}/keys/rotate`,
      headers: { cookie: alpha.cookie },
      payload: { algorithm: 'RSA' },
    });
    expect(sm2.statusCode).toBe(400);
    // Nothing of the refused requests changed the active key.
    expect((await listKeys(alpha)).items.find((k) => k.status === 'active')?.id).toBe(active?.id);
  });

  it("keeps every key route to the organisation's own people: 404 across organisations, 403 for too small a role or an API key", async () => {
    const [bravoKey] = (await listKeys(bravo)).items;
    const crossList = await inject({
      method: 'GET',
      url: `/api/orgs/${bravo.organisationId}/keys`,
      headers: { cookie: alpha.cookie },
    });
    expect(crossList.statusCode).toBe(404);
    expect((await rotate(bravo, { cookie: alpha.cookie })).statusCode).toBe(404);
    const crossRevoke = await inject({
      method: 'POST',
      url: `/api/orgs/${bravo.organisationId}/keys/${bravoKey?.id}/revoke`,
      headers: { cookie: alpha.cookie },
      payload: { reason: 'key_compromise' },
    });
    expect(crossRevoke.statusCode).toBe(404);
    // Alpha's organisation in the path, Bravo's key: the key is not found there.
    const mixed = await revoke(alpha, bravoKey?.id ?? '', { reason: 'key_compromise' });
    expect(mixed.statusCode).toBe(404);
    expect((await listKeys(bravo)).items).toEqual([
      expect.objectContaining({ id: bravoKey?.id, status: 'active' }),
    ]);

    // A viewer reads the keys but cannot rotate them.
    const invited = await inject({
      method: 'POST',
      url: `/api/orgs/${bravo.organisationId}/invitations`,
      headers: { cookie: bravo.cookie },
      payload: { email: `viewer-${process.pid}@party.example`, role: 'viewer' },
    });
    const token = invited.json<{ acceptUrl: string }>().acceptUrl.split('/').at(-1) ?? '';
    rememberSecret(token);
    const accepted = await inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, displayName: 'Key Viewer', password: testPassword },
    });
    const viewerSession = accepted.cookies.find((c) => c.name === 'th_session')?.value ?? '';
    rememberSecret(viewerSession);
    const viewer = { cookie: `th_session=${viewerSession}` };
    expect(
      (await inject({ method: 'GET', url: `/api/orgs/${bravo.organisationId}/keys`, headers: viewer }))
        .statusCode,
    ).toBe(200);
    expect((await rotate(bravo, viewer)).statusCode).toBe(403);

    // An API key with write scope acts as an admin, but key management is for people.
    const apiKey = await inject({
      method: 'POST',
      url: `/api/orgs/${bravo.organisationId}/api-keys`,
      headers: { cookie: bravo.cookie },
      payload: { name: 'ERP', scopes: ['read', 'write'] },
    });
    const secret = apiKey.json<{ secret: string }>().secret;
    rememberSecret(secret);
    const bearer = { authorization: `Bearer ${secret}` };
    expect(
      (await inject({ method: 'GET', url: `/api/orgs/${bravo.organisationId}/keys`, headers: bearer }))
        .statusCode,
    ).toBe(200);
    expect((await rotate(bravo, bearer)).statusCode).toBe(403);
  });

  it('serves the did:web document publicly at the path the DID resolves to, and every key in it decodes', async () => {
    const { did, items } = await listKeys(alpha);
    const resolved = resolveDidWebUrl(did);
    expect(resolved.ok).toBe(true);
    const path = resolved.ok ? new URL(resolved.url).pathname : '';
    expect(path).toBe(`/org/${alpha.organisationId}/did.json`);
    const res = await inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/did+json');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const document = res.json<DidDocumentDto>();
    expect(document['@context']).toEqual([
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
    ]);
    expect(document.id).toBe(did);
    expect(document.verificationMethod).toHaveLength(items.length);
    for (const method of document.verificationMethod) {
      const key = items.find((k) => `${did}#${k.id}` === method.id);
      expect(key, method.id).toBeDefined();
      expect(method).toMatchObject({ type: 'Multikey', controller: did });
      expect(decodeEd25519Multikey(method.publicKeyMultibase)).toEqual({
        ok: true,
        value: fromBase64Url(key?.publicKey ?? ''),
      });
      expect(method.expires ?? null).toBe(key?.retiredAt ?? null);
      expect(method.revoked ?? null).toBe(key?.revokedAt ?? null);
    }
    expect(res.body).not.toContain(alpha.email);
    expect(res.body).not.toContain('KeyAlpha Person');

    const unknown = await inject({ method: 'GET', url: '/org/org_00000000000000000000000000/did.json' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('gives an organisation registered before keys existed its key on first use, once, audited as the system', async () => {
    const legacy = 'org_LEGACY0000000000000000001';
    await sql`insert into identity.organisations (id, name_zh, name_en, kind, country)
      values (${legacy}, '旧公司', 'Legacy Ltd', 'exporter', 'CN')`.execute(hub.db.kysely);
    expect(await hub.identity.signingKeys.keyHistory(legacy)).toEqual([]);
    // Reading the DID document creates nothing.
    expect((await didDocument(legacy)).verificationMethod).toEqual([]);
    expect(await hub.identity.signingKeys.keyHistory(legacy)).toEqual([]);

    const raced = await Promise.all(
      Array.from({ length: 5 }, () => hub.identity.signingKeys.activeKey(legacy)),
    );
    expect(new Set(raced.map((key) => key.keyId)).size).toBe(1);
    expect(await hub.identity.signingKeys.keyHistory(legacy)).toHaveLength(1);
    const { events } = await checkKeyEventChain(legacy);
    expect(events.map((e) => e.event)).toEqual(['created']);
    const { rows } = await sql<{
      actor_type: string;
      action: string;
    }>`select actor_type, action from audit.entries
      where organisation_id = ${legacy}`.execute(hub.db.kysely);
    expect(rows).toEqual([{ actor_type: 'system', action: 'identity.signing_key.create' }]);
    await expect(hub.identity.signingKeys.activeKey('org_00000000000000000000000000')).rejects.toMatchObject({
      code: 'http.not_found',
    });
  });

  it('commits nothing, not even the log entry, when a rotation or an organisation registration rolls back', async () => {
    const keysBefore = await hub.identity.signingKeys.keyHistory(alpha.organisationId);
    const eventsBefore = await hub.identity.signingKeys.keyEvents(alpha.organisationId);
    const sizeBefore = await logSize();
    const failingAudit: WriteContext = {
      actor: null,
      audit: async () => {
        throw new Error('the audit trail is unavailable');
      },
    };
    await expect(hub.identity.signingKeys.rotate(failingAudit, alpha.organisationId)).rejects.toThrow(
      'the audit trail is unavailable',
    );
    const keyToRevoke = keysBefore.find((key) => key.status === 'active');
    await expect(
      hub.identity.signingKeys.revoke(failingAudit, alpha.organisationId, keyToRevoke?.keyId ?? '', {
        reason: 'unspecified',
      }),
    ).rejects.toThrow('the audit trail is unavailable');
    expect(await hub.identity.signingKeys.keyHistory(alpha.organisationId)).toEqual(keysBefore);
    expect(await hub.identity.signingKeys.keyEvents(alpha.organisationId)).toEqual(eventsBefore);
    expect(await logSize()).toBe(sizeBefore);

    // An organisation refused for a taken credit code leaves no key and no entry behind.
    const uscc = '91330100MA2KEY001';
    const { usccCheckCharacter } = await import('@tradehub/kernel');
    const profile = {
      nameZh: '甲',
      nameEn: 'Dup A',
      kind: 'exporter',
      country: 'CN',
      uscc: `${uscc}${usccCheckCharacter(uscc)}`,
    };
    const first = await inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: bravo.cookie },
      payload: profile,
    });
    expect(first.statusCode, first.body).toBe(201);
    const sizeAfterFirst = await logSize();
    const { rows: keyCount } = await sql<{
      n: string;
    }>`select count(*) as n from identity.signing_keys`.execute(hub.db.kysely);
    const duplicate = await inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: bravo.cookie },
      payload: { ...profile, nameEn: 'Dup B' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(await logSize()).toBe(sizeAfterFirst);
    const { rows: keyCountAfter } = await sql<{
      n: string;
    }>`select count(*) as n from identity.signing_keys`.execute(hub.db.kysely);
    expect(keyCountAfter).toEqual(keyCount);
  });

  it('keeps exactly one active key through concurrent rotations, with one unbroken chain of entries', async () => {
    const charlie = await createParty(hub, 'KeyCharlie');
    const rotations = 8;
    const answers = await Promise.all(Array.from({ length: rotations }, () => rotate(charlie)));
    expect(answers.map((res) => res.statusCode)).toEqual(Array(rotations).fill(201));
    const { items } = await listKeys(charlie);
    expect(items).toHaveLength(rotations + 1);
    expect(items.filter((k) => k.status === 'active')).toHaveLength(1);
    // Each rotation retired the key the previous one made: the "previous" keys are all distinct.
    const previous = answers.map((res) => res.json<{ previous: KeyDto }>().previous.id);
    expect(new Set(previous).size).toBe(rotations);
    const { events } = await checkKeyEventChain(charlie.organisationId);
    expect(events.map((e) => e.event)).toEqual(['created', ...Array(rotations).fill('rotated')]);
    // The database itself refuses a second active key, whatever the code does.
    const active = items.find((k) => k.status === 'active');
    await expect(
      sql`insert into identity.signing_keys (id, organisation_id, algorithm, public_key, actor_hash, key_handle,
            provider, status, created_at)
          select 'skey_SECONDACTIVE0000000000000', organisation_id, algorithm, ${randomBytes(32)}, ${randomBytes(32)},
            key_handle, provider, 'active', now() from identity.signing_keys where id = ${active?.id}`.execute(
        hub.db.kysely,
      ),
    ).rejects.toThrow(/signing_keys_one_active/);
  });

  it('keeps key history forever: no deletes, no truncation, no rewritten keys, statuses only move forward', async () => {
    const keys = (await listKeys(alpha)).items;
    const revoked = keys.find((k) => k.status === 'revoked');
    const active = keys.find((k) => k.status === 'active');
    const refused = [
      sql`delete from identity.signing_keys where id = ${active?.id}`,
      sql`truncate identity.signing_keys cascade`,
      sql`update identity.signing_keys set public_key = ${randomBytes(32)} where id = ${active?.id}`,
      sql`update identity.signing_keys set key_handle = ${randomBytes(60)} where id = ${active?.id}`,
      sql`update identity.signing_keys set status = 'active', revoked_at = null, revocation_reason = null
            where id = ${revoked?.id}`,
      sql`update identity.signing_keys set revoked_at = now() where id = ${revoked?.id}`,
      sql`delete from identity.signing_key_events`,
      sql`update identity.signing_key_events set statement = '{}'`,
      sql`truncate identity.signing_key_events`,
    ];
    for (const statement of refused) {
      await expect(statement.execute(hub.db.kysely)).rejects.toThrow(/history|identity|append-only/);
    }
    // A retired key does not come back (and the unique index would refuse a second active one).
    const { rows: retired } = await sql<{ id: string }>`select id from identity.signing_keys
      where status = 'retired' limit 1`.execute(hub.db.kysely);
    expect(retired).toHaveLength(1);
    await expect(
      sql`update identity.signing_keys set status = 'active', retired_at = null
            where id = ${retired[0]?.id}`.execute(hub.db.kysely),
    ).rejects.toThrow(/only moves forward/);
    expect((await listKeys(alpha)).items).toEqual(keys);
  });

  it('answers 503 for a key sealed under another hub secret, and never signs with it', async () => {
    const other = await startHub(db, randomBytes(32), 'other-secret');
    try {
      await expect(other.identity.signingKeys.activeKey(alpha.organisationId)).rejects.toSatisfy(
        (error: unknown) => isAppError(error) && error.code === 'identity.signing_key_unavailable',
      );
      const retired = (await listKeys(alpha)).items.find((k) => k.status === 'retired');
      const active = (await listKeys(alpha)).items.find((k) => k.status === 'active');
      // Revoking a key that is not the active one needs the active key to sign the entry.
      if (retired !== undefined) {
        const res = await other.app.inject({
          method: 'POST',
          url: `/api/orgs/${alpha.organisationId}/keys/${retired.id}/revoke`,
          headers: { cookie: alpha.cookie },
          payload: { reason: 'unspecified' },
        });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ code: 'identity.signing_key_unavailable' });
      }
      expect((await listKeys(alpha)).items.find((k) => k.status === 'active')?.id).toBe(active?.id);
    } finally {
      await other.close();
    }
  });

  it('gives every demo organisation a key when seeded, and none twice', async () => {
    await seedDemoData(hub);
    await seedDemoData(hub);
    const { rows } = await sql<{ name_en: string; active: string; total: string }>`select o.name_en,
        count(*) filter (where k.status = 'active') as active, count(k.id) as total
      from identity.organisations o left join identity.signing_keys k on k.organisation_id = o.id
      where o.name_en in (${sql.join(demoOrganisations.map((org) => org.nameEn))})
      group by o.name_en`.execute(hub.db.kysely);
    expect(rows).toHaveLength(demoOrganisations.length);
    for (const row of rows) {
      expect([row.name_en, Number(row.active), Number(row.total)]).toEqual([row.name_en, 1, 1]);
    }
    // The system context the CLI and seed use can rotate too, audited as the system.
    const [demo] = demoOrganisations;
    const { rows: demoOrg } = await sql<{ id: string }>`select id from identity.organisations
      where name_en = ${demo?.nameEn}`.execute(hub.db.kysely);
    const rotated = await hub.identity.signingKeys.rotate(
      systemWriteContext('identity.signing_key.rotate', 'tradehub test'),
      demoOrg[0]?.id ?? '',
    );
    expect(rotated.previous?.status).toBe('retired');
  });

  it('adds an SM2 key beside the Ed25519 one on request, shown in the DID document as a JWK', async () => {
    const res = await inject({
      method: 'POST',
      url: `/api/orgs/${bravo.organisationId}/keys/rotate`,
      headers: { cookie: bravo.cookie },
      payload: { algorithm: 'SM2' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const sm2 = res.json<{ key: KeyDto; previous: KeyDto | null }>();
    expect(sm2.previous).toBeNull();
    expect(sm2.key).toMatchObject({ algorithm: 'SM2', status: 'active', publicKeyMultibase: null });
    const publicKey = fromBase64Url(sm2.key.publicKey);
    expect(publicKey).toHaveLength(65);
    const active = (await listKeys(bravo)).items.filter((k) => k.status === 'active');
    expect(active.map((k) => k.algorithm).sort()).toEqual(['Ed25519', 'SM2']);

    // Its creation is in the key chain, signed by the organisation's Ed25519 key.
    const { events } = await checkKeyEventChain(bravo.organisationId);
    expect([events.at(-1)?.event, events.at(-1)?.keyId]).toEqual(['created', sm2.key.id]);

    const document = await didDocument(bravo.organisationId);
    const method = document.verificationMethod.find((m) => m.id.endsWith(`#${sm2.key.id}`)) as
      | (DidDocumentDto['verificationMethod'][number] & { publicKeyJwk?: Record<string, string> })
      | undefined;
    expect(method).toMatchObject({
      type: 'JsonWebKey',
      publicKeyJwk: {
        kty: 'EC',
        crv: 'SM2',
        x: Buffer.from(publicKey.subarray(1, 33)).toString('base64url'),
        y: Buffer.from(publicKey.subarray(33)).toString('base64url'),
      },
    });
    expect(document['@context']).toContain('https://w3id.org/security/jwk/v1');

    const signer = await hub.identity.signingKeys.activeKey(bravo.organisationId, 'SM2');
    expect(signer.keyId).toBe(sm2.key.id);
    const signature = await signer.sign(utf8Encode('报关单 customs declaration'));
    expect(signature[0]).toBe(0x30); // a DER SM2Signature; its conformance is checked in keys/sm2.test.ts

    // Revoking the active SM2 key puts a new SM2 key in its place; the Ed25519 key is untouched.
    const revoked = await revoke(bravo, sm2.key.id, { reason: 'superseded' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<{ replacement: KeyDto }>().replacement).toMatchObject({
      algorithm: 'SM2',
      status: 'active',
    });
    const after = (await listKeys(bravo)).items.filter((k) => k.status === 'active');
    expect(after.find((k) => k.algorithm === 'Ed25519')?.id).toBe(
      active.find((k) => k.algorithm === 'Ed25519')?.id,
    );
    await checkKeyEventChain(bravo.organisationId);
  });

  it('keeps private keys and sealed handles out of every answer and every log line', async () => {
    const { rows } = await sql<{
      id: string;
      organisation_id: string;
      algorithm: string;
      key_handle: Uint8Array;
    }>`
      select id, organisation_id, algorithm, key_handle from identity.signing_keys`.execute(hub.db.kysely);
    expect(rows.length).toBeGreaterThan(10);
    const kek = Buffer.from(
      hkdfSync('sha256', secretKey, Buffer.from('tradehub'), Buffer.from('signing-key sealing v1'), 32),
    );
    let opened = 0;
    for (const row of rows) {
      const handle = Buffer.from(row.key_handle);
      // Keys made by the hub with the other secret (previous test) do not open here; skip them.
      try {
        const decipher = createDecipheriv('aes-256-gcm', kek, handle.subarray(1, 13));
        decipher.setAAD(
          Buffer.from(`tradehub signing key v1\n${row.algorithm}\n${row.organisation_id}\n${row.id}`, 'utf8'),
        );
        decipher.setAuthTag(handle.subarray(handle.length - 16));
        const der = Buffer.concat([
          decipher.update(handle.subarray(13, handle.length - 16)),
          decipher.final(),
        ]);
        const jwk = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
        const seed = Buffer.from(jwk.d ?? '', 'base64url');
        for (const form of [
          seed.toString('hex'),
          seed.toString('base64'),
          seed.toString('base64url'),
          der.toString('base64'),
        ]) {
          rememberSecret(form);
        }
        opened += 1;
      } catch {
        // sealed under the other test hub's secret
      }
      rememberSecret(handle.toString('base64url'));
      rememberSecret(handle.toString('base64'));
      rememberSecret(handle.toString('hex'));
    }
    expect(opened).toBeGreaterThan(10);
    const answer = await inject({
      method: 'GET',
      url: `/api/orgs/${alpha.organisationId}/keys`,
      headers: { cookie: alpha.cookie },
    });
    for (const row of rows) {
      expect(answer.body).not.toContain(Buffer.from(row.key_handle).toString('base64url'));
      expect(answer.body).not.toContain(Buffer.from(row.key_handle).toString('base64'));
    }
  });
});
