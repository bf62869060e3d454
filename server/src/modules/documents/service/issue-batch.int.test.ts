import {
  createVerifier,
  issueBatchSizeOf,
  leafHash,
  parseTlogProof,
  parseTradeLogEntry,
  TradeLogEntryKind,
  tradeLogBatchRecordId,
  tradeLogRecordId,
  ZERO_HASH,
} from '@tradehub/verifier';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from '../../../../test/support/test-hub.ts';

type Json = Record<string, unknown>;
type Bundle = Json & {
  credential: Json & { id: string; issuer: { id: string } };
  tlogProof: string;
  issueBatch?: { id: string; index: number; size: number; path: string[] };
};

const invoice = (number: string) => ({
  documentType: 'CommercialInvoice',
  documentNumber: number,
  subject: { seller: { name: 'Batch Ltd', country: 'CN' }, currency: 'USD', totalAmount: '10.00' },
});

// Issuance batches end to end: one ISSUE_BATCH entry per issuing transaction, bundles with the
// credential's path in the batch, status changes chained to the batch entry, organisations apart.
describe('issuance batches', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let alpha: Party;
  let bravo: Party;

  beforeAll(async () => {
    ctx = await createTestHub();
    await ctx.hub.transparencyLog.sequencer.stop();
    alpha = await createParty(ctx.hub, 'BatchAlpha');
    bravo = await createParty(ctx.hub, 'BatchBravo');
  });
  afterAll(async () => ctx.close());

  const as = (party: Party) => ({ cookie: party.cookie });
  const orgUrl = (party: Party, path = '') => `/api/orgs/${party.organisationId}/documents${path}`;
  const integrate = () => ctx.hub.transparencyLog.integratePending({ batchMax: 100_000 });
  const issueBatch = async (party: Party, numbers: string[]) => {
    const res = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(party, '/batch'),
      headers: as(party),
      payload: { documents: numbers.map(invoice) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ items: { id: string }[] }>().items;
  };
  const bundleOf = async (party: Party, id: string) => {
    const res = await ctx.hub.app.inject({
      method: 'GET',
      url: orgUrl(party, `/${id}/bundle`),
      headers: as(party),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Bundle>();
  };
  const trustFor = async (party: Party, issuerDid: string) => ({
    type: 'tradehub-trust-policy/v1',
    logs: [{ origin: ctx.hub.transparencyLog.origin, vkeys: [ctx.hub.transparencyLog.verifierKey] }],
    witnesses: { vkeys: [], quorum: 0 },
    issuers: {
      didDocuments: {
        [issuerDid]: (
          await ctx.hub.app.inject({ method: 'GET', url: `/org/${party.organisationId}/did.json` })
        ).json<Json>(),
      },
    },
  });
  const entryOf = (bundle: Bundle) => {
    const proof = parseTlogProof(bundle.tlogProof);
    if (!proof.ok || proof.proof.extra === undefined) {
      throw new Error('no entry in the tlog-proof');
    }
    const entry = parseTradeLogEntry(proof.proof.extra);
    if (!entry.ok) {
      throw new Error(entry.message);
    }
    return { entry: entry.entry, leafHash: leafHash(proof.proof.extra) };
  };

  it('anchors a batch with one signed ISSUE_BATCH entry, and every bundle verifies VALID', async () => {
    const queuedBefore = await queued();
    const documents = await issueBatch(alpha, ['B-1', 'B-2', 'B-3', 'B-4', 'B-5']);
    // One batch entry, and the first version of each status list.
    expect(await queued()).toBe(queuedBefore + 3);
    await integrate();
    const bundles = await Promise.all(documents.map((d) => bundleOf(alpha, d.id)));
    const first = bundles[0] as Bundle;
    const issuerDid = first.credential.issuer.id;
    const verifier = createVerifier(await trustFor(alpha, issuerDid));
    const batchIds = new Set<string>();
    for (const [i, bundle] of bundles.entries()) {
      expect(bundle.issueBatch).toMatchObject({ index: i, size: 5 });
      batchIds.add(bundle.issueBatch?.id ?? '');
      const { entry } = entryOf(bundle);
      expect(entry.kind).toBe(TradeLogEntryKind.ISSUE_BATCH);
      expect(issueBatchSizeOf(entry.aux)).toBe(5);
      expect(entry.recordId).toEqual(tradeLogBatchRecordId(issuerDid, bundle.issueBatch?.id ?? ''));
      const report = await verifier.verify(bundle);
      expect(report.checks.filter((c) => c.verdict === 'INVALID' || c.verdict === 'ERROR')).toEqual([]);
      expect(report.verdict).toBe('VALID');
    }
    expect(batchIds.size).toBe(1);
    // A changed member fails, naming the batch path.
    const tampered = { ...first, credential: { ...first.credential, validFrom: '2020-01-01T00:00:00Z' } };
    const report = await verifier.verify(tampered);
    expect(report.verdict).toBe('INVALID');
    expect(report.checks.find((c) => c.check === 'integrity')?.reason).toBe('batch_proof_invalid');
  });

  it('keeps a single ISSUE entry, and no batch path, for one document', async () => {
    const res = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(alpha),
      headers: as(alpha),
      payload: invoice('S-1'),
    });
    expect(res.statusCode, res.body).toBe(201);
    await integrate();
    const bundle = await bundleOf(alpha, res.json<{ id: string }>().id);
    expect(bundle.issueBatch).toBeUndefined();
    expect(entryOf(bundle).entry.kind).toBe(TradeLogEntryKind.ISSUE);
  });

  it("chains a batch member's revocation to the batch entry, under the member's own record id", async () => {
    const [doc] = await issueBatch(alpha, ['R-1', 'R-2']);
    await integrate();
    const bundle = await bundleOf(alpha, doc?.id ?? '');
    const batch = entryOf(bundle);
    const revoked = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(alpha, `/${doc?.id}/revoke`),
      headers: as(alpha),
      payload: { reason: 'cancelled' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const { rows } = await sql<{ body: Uint8Array }>`
      select body from transparency_log.pending order by id desc`.execute(ctx.hub.db.kysely);
    const revocation = rows
      .map((row) => parseTradeLogEntry(row.body))
      .find((parsed) => parsed.ok && parsed.entry.kind === TradeLogEntryKind.REVOKE);
    if (revocation === undefined || !revocation.ok) {
      throw new Error('no REVOKE entry queued');
    }
    expect(revocation.entry.recordId).toEqual(
      tradeLogRecordId(bundle.credential.issuer.id, bundle.credential.id),
    );
    expect(revocation.entry.prevEntryHash).toEqual(batch.leafHash);
    expect(revocation.entry.prevEntryHash).not.toEqual(ZERO_HASH);
    await integrate();
    const after = await bundleOf(alpha, doc?.id ?? '');
    const report = await createVerifier(await trustFor(alpha, after.credential.issuer.id)).verify(after);
    expect(report.verdict).toBe('INVALID');
    expect(report.checks.find((c) => c.check === 'status')?.reason).toBe('revoked');
  });

  it("never gives organisation B a bundle of A's batch", async () => {
    const [doc] = await issueBatch(alpha, ['X-1', 'X-2']);
    await integrate();
    const asBravo = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${bravo.organisationId}/documents/${doc?.id}/bundle`,
      headers: as(bravo),
    });
    expect(asBravo.statusCode).toBe(404);
    const intoAlpha = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${alpha.organisationId}/documents/${doc?.id}/bundle`,
      headers: as(bravo),
    });
    expect(intoAlpha.statusCode).toBeGreaterThanOrEqual(403);
    expect(intoAlpha.body).not.toContain('issueBatch');
  });

  const queued = async () =>
    Number(
      (
        await sql<{ n: string }>`select (select count(*) from transparency_log.pending) +
          (select count(*) from transparency_log.entries) as n`.execute(ctx.hub.db.kysely)
      ).rows[0]?.n,
    );
});
