import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  actorHashOfEd25519Key,
  signTradeLogEntry,
  type TitleChain,
  TradeLogEntryKind,
  titlePartyHash,
  verifyTitleChain,
  ZERO_HASH,
} from '@tradehub/verifier';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentsModule, type DocumentsDeps } from '../src/modules/documents/index.ts';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

type Json = Record<string, unknown>;
type RecordView = {
  id: string;
  documentId: string;
  currentDocumentId: string;
  documentNumber: string;
  status: string;
  issuerOrganisationId: string;
  holderOrganisationId: string;
  holderName: string;
  endorseeOrganisationId: string | null;
  headHash: string;
  actions: {
    seq: number;
    action: string;
    pintCode: string;
    byOrganisationId: string;
    toOrganisationId: string | null;
    entryHash: string;
    logIndex: number | null;
  }[];
};

const verifierBin = fileURLToPath(
  new URL('../../packages/verifier/bin/tradehub-verify.mjs', import.meta.url),
);

/** Runs tradehub-verify from source, as a process: the CLI entry a bank or buyer runs. */
const runVerifierCli = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [verifierBin, ...args],
      { env: { ...process.env, TRADEHUB_VERIFY_BUILT: '0' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });

describe('transferable records: the eBL journey over HTTP', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  // The carrier issues; Yiwu ships; the Hangzhou bank finances; Elbe buys; Delta has nothing to do with it.
  let carrier: Party;
  let yiwu: Party;
  let bank: Party;
  let elbe: Party;
  let delta: Party;
  let dir: string;

  beforeAll(async () => {
    ctx = await createTestHub();
    // Integration happens when a test says so: "is it in the log yet" is never a race with a timer.
    await ctx.hub.transparencyLog.sequencer.stop();
    carrier = await createParty(ctx.hub, 'ZhejiangRailExpress');
    yiwu = await createParty(ctx.hub, 'Yiwu');
    bank = await createParty(ctx.hub, 'HangzhouSilkRoadBank');
    elbe = await createParty(ctx.hub, 'ElbeHandelshaus');
    delta = await createParty(ctx.hub, 'Delta');
    dir = mkdtempSync(join(tmpdir(), 'tradehub-title-'));
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ctx.close();
  });

  const request = (party: Party, method: 'GET' | 'POST', url: string, payload?: Json) =>
    ctx.hub.app.inject({
      method,
      url,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload }),
    });
  const recordsUrl = (party: Party, path = '') =>
    `/api/orgs/${party.organisationId}/transferable-records${path}`;
  const act = (party: Party, record: RecordView, action: string, extra: Json = {}) =>
    request(party, 'POST', recordsUrl(party, `/${record.id}/actions`), {
      action,
      expectedHead: record.headHash,
      ...extra,
    });
  // Pending and integrated together, in one statement: the sum never changes under the sequencer.
  const queuedEver = async () =>
    Number(
      (
        await sql<{ n: string }>`select (select count(*) from transparency_log.pending) +
          (select count(*) from transparency_log.entries) as n`.execute(ctx.hub.db.kysely)
      ).rows[0]?.n,
    );
  const issueDocument = async (party: Party, documentType: string, documentNumber: string) => {
    const res = await request(party, 'POST', `/api/orgs/${party.organisationId}/documents`, {
      documentType,
      documentNumber,
      subject: {
        shipper: 'Yiwu Ltd',
        consignee: 'TO ORDER',
        portOfLoading: 'CNNGB',
        portOfDischarge: 'DEHAM',
        containers: ['MSKU1234565'],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const createRecord = async (documentId: string, holder: Party) => {
    const res = await request(carrier, 'POST', recordsUrl(carrier), {
      documentId,
      holderOrganisationId: holder.organisationId,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<RecordView>();
  };

  let record: RecordView;
  const heads: string[] = [];

  it('issues a bill of lading and makes it a transferable record held by the shipper', async () => {
    const documentId = await issueDocument(carrier, 'BillOfLading', 'BL-ZJRE-2026-0001');
    const before = await queuedEver();
    record = await createRecord(documentId, yiwu);
    expect(await queuedEver()).toBe(before + 1);
    expect(record).toMatchObject({
      id: expect.stringMatching(/^etr_/),
      documentId,
      documentNumber: 'BL-ZJRE-2026-0001',
      status: 'active',
      issuerOrganisationId: carrier.organisationId,
      holderOrganisationId: yiwu.organisationId,
      holderName: 'Yiwu Ltd',
      endorseeOrganisationId: null,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(record.actions).toEqual([
      expect.objectContaining({
        seq: 1,
        action: 'issue',
        pintCode: 'ISSUE',
        byOrganisationId: carrier.organisationId,
        toOrganisationId: yiwu.organisationId,
        entryHash: record.headHash,
        logIndex: null,
      }),
    ]);
    heads.push(record.headHash);
    // The shipper sees it among the records it holds.
    const held = await request(yiwu, 'GET', `${recordsUrl(yiwu)}?role=holder`);
    expect(held.json<{ items: RecordView[] }>().items.map((r) => r.id)).toEqual([record.id]);
  });

  it('refuses bad input with the field named, and a second record for the same document', async () => {
    const invoice = await issueDocument(carrier, 'CommercialInvoice', 'INV-ZJRE-1');
    const cases: [Json, number, string | undefined][] = [
      [{ documentId: invoice, holderOrganisationId: yiwu.organisationId }, 400, 'documentId'],
      [{ documentId: 'doc_nothing', holderOrganisationId: yiwu.organisationId }, 400, 'documentId'],
      [{ documentId: record.documentId, holderOrganisationId: 'org_nobody' }, 400, 'holderOrganisationId'],
      [{ documentId: record.documentId }, 400, 'holderOrganisationId'],
      [{ documentId: record.documentId, holderOrganisationId: yiwu.organisationId }, 409, undefined],
    ];
    const before = await queuedEver();
    for (const [body, status, field] of cases) {
      const res = await request(carrier, 'POST', recordsUrl(carrier), body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (field !== undefined) {
        expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
      }
    }
    const badAction = await request(yiwu, 'POST', recordsUrl(yiwu, `/${record.id}/actions`), {
      action: 'teleport',
      expectedHead: 'xyz',
    });
    expect(badAction.statusCode).toBe(400);
    expect(
      badAction
        .json<{ errors: { field: string }[] }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['action', 'expectedHead']);
    expect(await queuedEver()).toBe(before);
  });

  it('answers 403 to an organisation that sees the record but does not hold it, and appends nothing', async () => {
    const before = await queuedEver();
    const res = await act(carrier, record, 'transfer_holder', { toOrganisationId: bank.organisationId });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('documents.title_not_holder');
    expect(await queuedEver()).toBe(before);
  });

  it('moves title: shipper to bank, bank endorses to the buyer and transfers, the buyer surrenders, the carrier accepts', async () => {
    const step = async (party: Party, action: string, extra: Json = {}) => {
      const res = await act(party, record, action, extra);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(201);
      record = res.json<RecordView>();
      heads.push(record.headHash);
      return record;
    };
    expect(await step(yiwu, 'transfer_holder', { toOrganisationId: bank.organisationId })).toMatchObject({
      holderOrganisationId: bank.organisationId,
      status: 'active',
    });
    expect(await step(bank, 'endorse', { toOrganisationId: elbe.organisationId })).toMatchObject({
      holderOrganisationId: bank.organisationId,
      endorseeOrganisationId: elbe.organisationId,
    });
    expect(await step(bank, 'transfer_holder', { toOrganisationId: elbe.organisationId })).toMatchObject({
      holderOrganisationId: elbe.organisationId,
    });
    expect(await step(elbe, 'surrender_for_delivery')).toMatchObject({
      holderOrganisationId: carrier.organisationId,
      status: 'surrendered',
    });
    expect(await step(carrier, 'accept_surrender')).toMatchObject({
      holderOrganisationId: carrier.organisationId,
      status: 'accomplished',
    });
    expect(record.actions.map((a) => [a.action, a.pintCode, a.byOrganisationId, a.toOrganisationId])).toEqual(
      [
        ['issue', 'ISSUE', carrier.organisationId, yiwu.organisationId],
        ['transfer_holder', 'TRANSFER', yiwu.organisationId, bank.organisationId],
        ['endorse', 'ENDORSE', bank.organisationId, elbe.organisationId],
        ['transfer_holder', 'TRANSFER', bank.organisationId, elbe.organisationId],
        ['surrender_for_delivery', 'SURRENDER_FOR_DELIVERY', elbe.organisationId, carrier.organisationId],
        ['accept_surrender', 'SACC', carrier.organisationId, null],
      ],
    );
    // The past holders still see it, under `past`.
    const past = await request(yiwu, 'GET', `${recordsUrl(yiwu)}?role=past`);
    expect(past.json<{ items: RecordView[] }>().items.map((r) => r.id)).toEqual([record.id]);
  });

  it('refuses a second, conflicting action from an old head, and any action on an accomplished record', async () => {
    const before = await queuedEver();
    const old = { ...record, headHash: heads[heads.length - 2] as string };
    const stale = await act(carrier, old, 'reject_surrender');
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json<{ code: string }>().code).toBe('documents.title_stale_head');
    const closed = await act(carrier, record, 'transfer_holder', { toOrganisationId: yiwu.organisationId });
    expect(closed.statusCode, closed.body).toBe(409);
    expect(closed.json<{ code: string }>().code).toBe('documents.title_action_not_allowed');
    const formerHolder = await act(elbe, record, 'surrender_for_delivery');
    expect(formerHolder.statusCode, formerHolder.body).toBe(403);
    expect(await queuedEver()).toBe(before);
  });

  it('lets exactly one of two concurrent transfers from the same head succeed', async () => {
    const documentId = await issueDocument(carrier, 'BillOfLading', 'BL-ZJRE-2026-0002');
    const second = await createRecord(documentId, yiwu);
    const before = await queuedEver();
    const answers = await Promise.all([
      act(yiwu, second, 'transfer_holder', { toOrganisationId: bank.organisationId }),
      act(yiwu, second, 'transfer_holder', { toOrganisationId: elbe.organisationId }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const loser = answers.find((a) => a.statusCode === 409);
    expect(loser?.json<{ code: string }>().code).toBe('documents.title_stale_head');
    expect(await queuedEver()).toBe(before + 1);
    const winner = answers.find((a) => a.statusCode === 201)?.json<RecordView>();
    const now = await request(yiwu, 'GET', recordsUrl(yiwu, `/${second.id}`));
    expect(now.json<RecordView>()).toMatchObject({
      holderOrganisationId: winner?.holderOrganisationId,
      headHash: winner?.headHash,
    });
    expect(now.json<RecordView>().actions).toHaveLength(2);
  });

  it('lets the head move once when both actions passed every check before either committed', async () => {
    // Both calls read the record and the holder before either transaction starts (the key lookup
    // waits until both arrived), so only the compare-and-set on the head can keep them apart.
    const documentId = await issueDocument(carrier, 'BillOfLading', 'BL-ZJRE-2026-0003');
    const third = await createRecord(documentId, yiwu);
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const log = ctx.hub.transparencyLog;
    const deps: DocumentsDeps = {
      db: ctx.hub.db,
      now: () => new Date(),
      publicUrl: 'http://localhost:8080',
      secretKey: new Uint8Array(32),
      log: {
        queueEntries: log.queueEntries,
        indexOfLeafHash: async (leafHash) => (await log.findEntriesByLeafHash(leafHash))[0],
        tlogProof: async (index) => (await log.tlogProof(index)).text,
        entriesQueued: () => undefined,
      },
      activeKey: async (organisationId) => {
        arrived += 1;
        if (arrived === 2) {
          release();
        }
        await bothRead;
        return ctx.hub.identity.signingKeys.activeKey(organisationId);
      },
      didDocument: (organisationId) => ctx.hub.identity.signingKeys.didDocument(organisationId),
      organisationName: async (organisationId) =>
        (await ctx.hub.identity.organisationName(organisationId)) ?? '',
      afterCommit: () => undefined,
    };
    const documents = createDocumentsModule(deps);
    const before = await queuedEver();
    const outcomes = await Promise.allSettled(
      [bank, elbe].map((to) =>
        documents.recordTitleAction(null, yiwu.organisationId, third.id, {
          action: 'transfer_holder',
          toOrganisationId: to.organisationId,
          expectedHead: third.headHash,
        }),
      ),
    );
    expect(arrived).toBe(2);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'documents.title_stale_head' });
    expect(await queuedEver()).toBe(before + 1);
    const now = await request(yiwu, 'GET', recordsUrl(yiwu, `/${third.id}`));
    expect(now.json<RecordView>().actions).toHaveLength(2);
  });

  it('keeps title kinds out of the generic append API', async () => {
    const key = await ctx.hub.identity.signingKeys.activeKey(yiwu.organisationId);
    const before = await queuedEver();
    for (const kind of [
      TradeLogEntryKind.TRANSFER_HOLDER,
      TradeLogEntryKind.SURRENDER_ACCEPT,
      TradeLogEntryKind.AMEND,
    ]) {
      const entry = signTradeLogEntry(
        {
          kind,
          timeMs: Date.parse('2026-11-27T00:00:00Z'),
          recordId: new Uint8Array(32).fill(1),
          docHash: new Uint8Array(32).fill(2),
          prevEntryHash: Buffer.from(record.headHash, 'hex'),
          actor: actorHashOfEd25519Key(key.publicKey),
          counterparty: titlePartyHash(`did:web:localhost%3A8080:org:${yiwu.organisationId}`),
          aux: ZERO_HASH,
        },
        (message) => key.sign(message) as Uint8Array,
      );
      const res = await request(yiwu, 'POST', `/api/orgs/${yiwu.organisationId}/log/entries`, {
        entries: [Buffer.from(entry).toString('base64')],
      });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json<{ code: string }>().code).toBe('transparency-log.entry_kind_reserved');
    }
    expect(await queuedEver()).toBe(before);
  });

  it('exports a chain that tradehub-verify checks offline and that names the carrier as final holder', async () => {
    const early = await request(elbe, 'GET', recordsUrl(elbe, `/${record.id}/chain`));
    expect(early.statusCode, early.body).toBe(409);
    expect(early.headers['retry-after']).toBeDefined();
    await ctx.hub.transparencyLog.integratePending({ batchMax: 100_000 });
    const res = await request(elbe, 'GET', recordsUrl(elbe, `/${record.id}/chain`));
    expect(res.statusCode, res.body).toBe(200);
    const chain = res.json<TitleChain>();
    expect(chain.type).toBe('tradehub-title-chain/v1');
    expect(chain.actions).toHaveLength(6);
    const policy = (await ctx.hub.app.inject({ method: 'GET', url: '/log/trust-policy' })).json<Json>();
    const carrierDid = `did:web:localhost%3A8080:org:${carrier.organisationId}`;

    const report = await verifyTitleChain(res.body, policy);
    expect(report.checks.filter((c) => c.verdict === 'INVALID' || c.verdict === 'ERROR')).toEqual([]);
    expect(report.verdict).toBe('VALID');
    expect(report.currentHolder).toMatchObject({ did: carrierDid, name: 'ZhejiangRailExpress Ltd' });
    expect(report.status).toBe('accomplished');
    expect(report.actions.map((a) => a.logIndex)).toEqual(
      (await request(elbe, 'GET', recordsUrl(elbe, `/${record.id}`)))
        .json<RecordView>()
        .actions.map((a) => a.logIndex),
    );

    writeFileSync(join(dir, 'chain.json'), res.body);
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
    const cli = await runVerifierCli([join(dir, 'chain.json'), '--trust', join(dir, 'policy.json')]);
    expect(cli.code, cli.stderr + cli.stdout).toBe(0);
    expect(cli.stdout).toContain(`current holder: ZhejiangRailExpress Ltd ${carrierDid}`);
    expect(cli.stdout).toContain('status: accomplished');

    // One altered byte in one action's entry, and the CLI says INVALID (exit 1).
    const tampered = JSON.parse(res.body) as TitleChain;
    const proof = (tampered.actions[2] as { tlogProof: string }).tlogProof;
    const extra = /^extra (\S+)$/m.exec(proof)?.[1] as string;
    const bytes = Buffer.from(extra, 'base64');
    bytes[5] = (bytes[5] as number) ^ 1;
    (tampered.actions[2] as { tlogProof: string }).tlogProof = proof.replace(extra, bytes.toString('base64'));
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const bad = await runVerifierCli([join(dir, 'tampered.json'), '--trust', join(dir, 'policy.json')]);
    expect(bad.code, bad.stdout).toBe(1);
    expect(bad.stdout).toContain('INVALID');
  }, 120_000);

  it('takes a rejected surrender back and re-issues an amended bill of lading on the same record', async () => {
    const original = await issueDocument(carrier, 'BillOfLading', 'BL-ZJRE-2026-0004');
    let fourth = await createRecord(original, yiwu);
    const step = async (party: Party, action: string, extra: Json = {}) => {
      const res = await act(party, fourth, action, extra);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(201);
      fourth = res.json<RecordView>();
    };
    // Nothing to blank-endorse before an endorsement: the rules refuse, nothing is appended.
    const before = await queuedEver();
    const refused = await act(yiwu, fourth, 'blank_endorse');
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe('documents.title_action_not_allowed');
    expect(await queuedEver()).toBe(before);

    await step(yiwu, 'surrender_for_delivery');
    await step(carrier, 'reject_surrender');
    expect(fourth).toMatchObject({ holderOrganisationId: yiwu.organisationId, status: 'active' });
    await step(yiwu, 'surrender_for_delivery');
    const missing = await act(carrier, fourth, 'amend');
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'documentId',
    ]);
    const amended = await issueDocument(carrier, 'BillOfLading', 'BL-ZJRE-2026-0004-A1');
    await step(carrier, 'amend', { documentId: amended });
    expect(fourth).toMatchObject({
      documentId: original,
      currentDocumentId: amended,
      documentNumber: 'BL-ZJRE-2026-0004-A1',
      holderOrganisationId: yiwu.organisationId,
      status: 'active',
    });
    expect(fourth.actions.map((a) => a.action)).toEqual([
      'issue',
      'surrender_for_delivery',
      'reject_surrender',
      'surrender_for_delivery',
      'amend',
    ]);

    await ctx.hub.transparencyLog.integratePending({ batchMax: 100_000 });
    const res = await request(yiwu, 'GET', recordsUrl(yiwu, `/${fourth.id}/chain`));
    expect(res.statusCode, res.body).toBe(200);
    const chain = res.json<TitleChain>();
    expect(chain.documents).toHaveLength(2);
    const policy = (await ctx.hub.app.inject({ method: 'GET', url: '/log/trust-policy' })).json<Json>();
    const report = await verifyTitleChain(chain, policy);
    expect(report.checks.filter((c) => c.verdict === 'INVALID' || c.verdict === 'ERROR')).toEqual([]);
    expect(report.currentHolder?.did).toBe(`did:web:localhost%3A8080:org:${yiwu.organisationId}`);
    expect(report.status).toBe('active');
  });

  it('answers 404 on every route to an organisation with no relation to the record', async () => {
    const before = await queuedEver();
    const onOwnOrg = [
      await request(delta, 'GET', recordsUrl(delta, `/${record.id}`)),
      await request(delta, 'GET', recordsUrl(delta, `/${record.id}/chain`)),
      await act(delta, record, 'transfer_holder', { toOrganisationId: delta.organisationId }),
    ];
    const onOthers = [
      await request(delta, 'GET', recordsUrl(carrier)),
      await request(delta, 'GET', recordsUrl(carrier, `/${record.id}`)),
      await request(delta, 'GET', recordsUrl(carrier, `/${record.id}/chain`)),
      await request(delta, 'POST', recordsUrl(carrier), {
        documentId: record.documentId,
        holderOrganisationId: delta.organisationId,
      }),
      await request(delta, 'POST', recordsUrl(carrier, `/${record.id}/actions`), {
        action: 'transfer_holder',
        toOrganisationId: delta.organisationId,
        expectedHead: record.headHash,
      }),
    ];
    for (const res of [...onOwnOrg, ...onOthers]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).not.toContain(record.headHash);
      expect(res.body).not.toContain('BL-ZJRE');
    }
    const listed = await request(delta, 'GET', recordsUrl(delta));
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
    expect(await queuedEver()).toBe(before);
  });
});
