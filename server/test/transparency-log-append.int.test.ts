import { AppError } from '@tradehub/kernel';
import {
  fromBase64,
  leafHash,
  openCheckpoint,
  parseTlogProof,
  parseVerifierKey,
  verifyInclusion,
} from '@tradehub/verifier';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub, type Hub } from '../src/app.ts';
import { createArgon2PasswordHasher } from '../src/modules/identity/index.ts';
import { createLogger } from '../src/platform/logging/index.ts';
import { createTestDatabase, type TestDatabase } from './support/test-db.ts';
import { createParty, type Party, rememberSecret } from './support/test-hub.ts';

const BATCH_MAX = 4;
const REFUSED_FIRST_BYTE = 0xff;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
let counter = 0;
/** A distinct entry body (never starting with the refused byte). */
const entry = (length = 266) => {
  counter += 1;
  const body = new Uint8Array(length).fill(counter % 200);
  if (length >= 4) {
    new DataView(body.buffer).setUint32(0, counter);
  }
  return body;
};

type Pending = { status: 'pending'; entries: { leafHash: string; queueId: string }[] };
type Integrated = {
  status: 'integrated';
  size: number;
  entries: { index: number; leafHash: string; tlogProof: string }[];
};

describe('appending to the transparency log over HTTP', () => {
  let db: TestDatabase;
  let hub: Hub;
  let party: Party;
  let readKey: string;
  let writeKey: string;
  // The tree size once setup is done (creating an organisation commits to the log too).
  let base: number;

  const post = (url: string, payload: unknown, headers: Record<string, string> = { cookie: party.cookie }) =>
    hub.app.inject({ method: 'POST', url, headers, payload: payload as object });
  const appendUrl = (wait = false) =>
    `/api/orgs/${party.organisationId}/log/entries${wait ? '?wait=integrated' : ''}`;
  const logRows = async () => {
    const { rows } = await sql<{ n: string }>`
      select (select count(*) from transparency_log.pending) + (select count(*) from transparency_log.entries) as n
    `.execute(db.kysely);
    return Number(rows[0]?.n);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await buildHub({
      config: {
        publicUrl: 'http://localhost:8080',
        bodyLimitBytes: 1024 * 1024,
        writeRateMax: 10_000,
        webDistDir: '/nonexistent',
        // The timer never fires during the test: only a full batch (poke) or integrateNow integrates.
        logBatchMax: BATCH_MAX,
        logIntervalMs: 3_600_000,
        logMonitorIntervalMs: 0,
      },
      db,
      logger: createLogger({ level: 'warn', destination: { write: () => {} } }),
      passwords: createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
      checkLogEntry: async (_organisationId, body) =>
        body[0] === REFUSED_FIRST_BYTE
          ? new AppError('http.forbidden', 'Not signed by a current key.')
          : undefined,
    });
    party = await createParty(hub, 'Ledger');
    const key = async (scopes: string[]) => {
      const response = await post(`/api/orgs/${party.organisationId}/api-keys`, {
        name: `log ${scopes}`,
        scopes,
      });
      expect(response.statusCode).toBe(201);
      const secret = response.json<{ secret: string }>().secret;
      rememberSecret(secret);
      return secret;
    };
    readKey = await key(['read']);
    writeKey = await key(['read', 'write']);
    base = await hub.transparencyLog.sequencer.integrateNow();
    expect(await logRows()).toBe(base);
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
  });

  it('queues entries and answers 202 pending; a full batch is integrated without waiting for the timer', async () => {
    const first = [entry(), entry()];
    const response = await post(appendUrl(), { entries: first.map(base64) });
    expect(response.statusCode, response.body).toBe(202);
    const pending = response.json<Pending>();
    expect(pending.status).toBe('pending');
    expect(pending.entries.map((e) => e.leafHash)).toEqual(first.map((body) => base64(leafHash(body))));
    // Two of four: below the size bound, and the timer is an hour away.
    expect(hub.transparencyLog.sequencer.knownSize()).toBe(base);
    expect(await logRows()).toBe(base + 2);
    const second = await post(
      appendUrl(),
      { entries: [entry(), entry()].map(base64) },
      {
        authorization: `Bearer ${writeKey}`,
      },
    );
    expect(second.statusCode).toBe(202);
    await expect(hub.transparencyLog.sequencer.waitUntilIntegrated(base + 4, 30_000)).resolves.toBe(true);
    expect((await hub.transparencyLog.latestCheckpoint())?.size).toBe(base + 4);
  });

  it('with ?wait=integrated answers 200 with each index and a tlog-proof that verifies offline', async () => {
    const bodies = [entry(), entry(100), entry(), entry(1)];
    const response = await post(appendUrl(true), { entries: bodies.map(base64) });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<Integrated>();
    expect(result.status).toBe('integrated');
    expect(result.size).toBe(base + 8);
    expect(result.entries.map((e) => e.index)).toEqual([4, 5, 6, 7].map((i) => base + i));
    const vkey = parseVerifierKey(hub.transparencyLog.verifierKey);
    if (!vkey.ok) {
      throw new Error(vkey.message);
    }
    result.entries.forEach((answer, i) => {
      const parsed = parseTlogProof(answer.tlogProof);
      if (!parsed.ok) {
        throw new Error(parsed.message);
      }
      expect(hex(parsed.proof.extra ?? new Uint8Array())).toBe(hex(bodies[i] as Uint8Array));
      const opened = openCheckpoint(parsed.proof.checkpoint, vkey.key);
      if (!opened.ok) {
        throw new Error(opened.message);
      }
      expect(
        verifyInclusion({
          leafHash: leafHash(bodies[i] as Uint8Array),
          index: answer.index,
          treeSize: opened.checkpoint.size,
          proof: parsed.proof.hashes,
          rootHash: opened.checkpoint.rootHash,
        }),
      ).toEqual({ ok: true });
    });
  });

  it('waits for the checkpoint that covers a partial batch (here: one integrated on demand)', async () => {
    const body = entry();
    const answer = post(appendUrl(true), { entries: [base64(body)] });
    // The request is waiting: one entry is below the size bound. Integrating now releases it.
    await expect.poll(async () => (await logRows()) - base - 8).toBe(1);
    await hub.transparencyLog.sequencer.integrateNow();
    const response = await answer;
    expect(response.statusCode).toBe(200);
    expect(response.json<Integrated>().entries.map((e) => e.index)).toEqual([base + 8]);
    await expect(hub.transparencyLog.findEntriesByLeafHash(leafHash(body))).resolves.toEqual([base + 8]);
  });

  it('answers 202 pending when no checkpoint covers the entries within the wait', {
    timeout: 40_000,
  }, async () => {
    const response = await post(appendUrl(true), { entries: [base64(entry())] });
    expect(response.statusCode).toBe(202);
    expect(response.json<Pending>().status).toBe('pending');
    await hub.transparencyLog.sequencer.integrateNow();
  });

  it('refuses oversized appends with 413 problem+json and appends nothing', async () => {
    const before = await logRows();
    const cases: [unknown, number, string][] = [
      [
        { entries: Array.from({ length: 1001 }, () => base64(entry(1))) },
        413,
        'transparency-log.too_many_entries',
      ],
      [
        { entries: [base64(entry()), base64(new Uint8Array(65_536).fill(1))] },
        413,
        'transparency-log.entry_too_large',
      ],
      [{ entries: Array.from({ length: 800 }, () => base64(entry(1500))) }, 413, 'http.payload_too_large'],
      [{ entries: [base64(entry()), ''] }, 400, 'transparency-log.entry_empty'],
      [{ entries: [base64(entry()), 'QQ'] }, 400, 'transparency-log.entry_not_base64'],
      [{ entries: ['not base64!'] }, 400, 'http.validation_failed'],
      [{ entries: [] }, 400, 'http.validation_failed'],
      [{ entries: [base64(entry())], extra: 1 }, 400, 'http.validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await post(appendUrl(), payload);
      expect(response.statusCode, code).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<{ code: string }>().code).toBe(code);
    }
    expect(await logRows()).toBe(before);
    const wait = await post(`${appendUrl()}?wait=soon`, { entries: [base64(entry())] });
    expect(wait.statusCode).toBe(400);
    expect(await logRows()).toBe(before);
  });

  it('asks the injected entry check about every entry: one refusal appends none, naming the entry', async () => {
    const before = await logRows();
    const refused = entry();
    refused[0] = REFUSED_FIRST_BYTE;
    const response = await post(appendUrl(), { entries: [base64(entry()), base64(refused)] });
    expect(response.statusCode).toBe(403);
    const problem = response.json<{ code: string; errors: { field: string; code: string }[] }>();
    expect(problem.code).toBe('http.forbidden');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'entries.1', code: 'http.forbidden' })]);
    expect(await logRows()).toBe(before);
  });

  it('lets members and write keys append, not read-only keys, and audits each append', async () => {
    const before = await logRows();
    const readOnly = await post(
      appendUrl(),
      { entries: [base64(entry())] },
      { authorization: `Bearer ${readKey}` },
    );
    expect(readOnly.statusCode).toBe(403);
    expect(await logRows()).toBe(before);
    const { rows } = await sql<{ action: string; outcome: string; detail: { entries: number } | null }>`
      select action, outcome, detail from audit.entries
      where organisation_id = ${party.organisationId} and action = 'transparency-log.entries.append'
      order by seq`.execute(db.kysely);
    expect(rows.filter((row) => row.outcome === 'success').map((row) => row.detail?.entries)).toEqual([
      2, 2, 4, 1, 1,
    ]);
    expect(rows.filter((row) => row.outcome !== 'success').length).toBeGreaterThanOrEqual(7);
  });

  it('replays an append sent again with the same Idempotency-Key instead of appending twice', async () => {
    const payload = { entries: [base64(entry())] };
    const headers = { cookie: party.cookie, 'idempotency-key': 'append-once-1' };
    const first = await post(appendUrl(), payload, headers);
    const before = await logRows();
    const again = await post(appendUrl(), payload, headers);
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await logRows()).toBe(before);
    expect(fromBase64(first.json<Pending>().entries[0]?.leafHash ?? '')).toBeDefined();
  });
});
