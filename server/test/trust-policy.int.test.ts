import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countWitnessCosignatures, openCheckpoint, parseTrustPolicy } from '@tradehub/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub, type Hub } from '../src/app.ts';
import { createArgon2PasswordHasher } from '../src/modules/identity/index.ts';
import { ConfigError } from '../src/platform/config/index.ts';
import { createLogger } from '../src/platform/logging/index.ts';
import { createTestDatabase, type TestDatabase } from './support/test-db.ts';

const secretKey = new Uint8Array(32).fill(9);
const config = (dataDir: string, witnessQuorum?: number) => ({
  publicUrl: 'https://hub.example:8443',
  bodyLimitBytes: 1024 * 1024,
  writeRateMax: 10_000,
  webDistDir: '/nonexistent',
  secretKey,
  dataDir,
  witnesses: { kind: 'demo' as const },
  logMonitorIntervalMs: 0,
  ...(witnessQuorum === undefined ? {} : { witnessQuorum }),
});

// The hub with its two demo witnesses: what a verifier is told to trust, and what it then gets.
describe('the published trust policy and the demo witnesses', () => {
  let db: TestDatabase;
  let hub: Hub;
  const dataDir = mkdtempSync(join(tmpdir(), 'tradehub-trust-'));
  const logger = createLogger({ level: 'silent' });
  const passwords = createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await buildHub({ config: config(dataDir), db, logger, passwords });
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes a policy the verifier accepts: the log key, both witnesses, quorum 2, issuers attested', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/log/trust-policy' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const policy = response.json<{
      logs: { origin: string; vkeys: string[]; attestsIssuers: boolean }[];
      witnesses: { vkeys: string[]; quorum: number };
    }>();
    expect(policy.logs).toEqual([
      { origin: 'hub.example:8443/log', vkeys: [hub.transparencyLog.verifierKey], attestsIssuers: true },
    ]);
    expect(policy.witnesses.quorum).toBe(2);
    expect(policy.witnesses.vkeys.map((key) => key.split('+')[0])).toEqual([
      'customs.witness.hub.example-8443',
      'bank.witness.hub.example-8443',
    ]);
    const parsed = parseTrustPolicy(policy);
    expect(parsed.ok).toBe(true);
  });

  it('serves checkpoints that carry the log signature and both demo cosignatures', async () => {
    await hub.db.transaction((trx) =>
      hub.transparencyLog.queueEntries(trx, [new TextEncoder().encode('bill of lading 1')]),
    );
    await hub.transparencyLog.sequencer.integrateNow();
    const note = (await hub.app.inject({ method: 'GET', url: '/log/checkpoint' })).body;
    const policy = parseTrustPolicy(
      (await hub.app.inject({ method: 'GET', url: '/log/trust-policy' })).json(),
    );
    if (!policy.ok) {
      throw new Error(policy.message);
    }
    const logKey = policy.trust.logKeys.get('hub.example:8443/log')?.[0];
    if (logKey === undefined) {
      throw new Error('no log key in the policy');
    }
    expect(openCheckpoint(note, logKey, policy.trust.witnessKeys).ok).toBe(true);
    const counted = countWitnessCosignatures(note, policy.trust.witnessKeys, policy.trust.quorum);
    expect(counted).toMatchObject({ ok: true, count: 2, thresholdMet: true });
    const size = Number(note.split('\n')[1]);
    expect(await hub.transparencyLog.latestWitnessedSize(2)).toBe(size);
  });

  it("publishes the hub's did:web document naming the log and the policy", async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/.well-known/did.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/did+json');
    const document = response.json<{ id: string; service: { type: string; serviceEndpoint: string }[] }>();
    expect(document.id).toBe('did:web:hub.example%3A8443');
    expect(document.service.map((s) => [s.type, s.serviceEndpoint])).toEqual([
      ['TransparencyLog', 'https://hub.example:8443/log'],
      ['TrustPolicy', 'https://hub.example:8443/log/trust-policy'],
    ]);
  });

  it('refuses to start with a quorum more witnesses than there are', async () => {
    const other = await createTestDatabase();
    const otherDir = mkdtempSync(join(tmpdir(), 'tradehub-trust-'));
    try {
      await expect(buildHub({ config: config(otherDir, 3), db: other, logger, passwords })).rejects.toThrow(
        ConfigError,
      );
    } finally {
      await other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
