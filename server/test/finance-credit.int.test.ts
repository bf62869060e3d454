import { createPublicKey, verify } from 'node:crypto';
import { canonicalize, sha256, toHex } from '@tradehub/kernel';
import {
  leafHash,
  openCheckpoint,
  parseTlogProof,
  parseTradeLogEntry,
  parseVerifierKey,
  TradeLogEntryKind,
  verifyInclusion,
  verifyTradeLogEntrySignature,
} from '@tradehub/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// Credit scores over HTTP: an exporter's orders walked to completed through the trade routes
// become a signed, logged snapshot of its score; a bank it shares the snapshot with verifies the
// signature and the log inclusion with nothing but the published keys; nobody else sees it.

type Snapshot = {
  id: string;
  organisationId: string;
  score: number;
  grade: string;
  scorecardVersion: string;
  payload: {
    facts: {
      orders: { completed: number; cancelled: number; counterparties: number };
      tenure: { months: number };
      financing: { repaid: number; overdue: number };
    };
    score: { total: number; factors: { factor: string; points: number; min: number; max: number }[] };
  };
  explanations: { factor: string; points: number; max: number; text: { en: string; 'zh-CN': string } }[];
  verification: {
    signedPayload: string;
    payloadSha256: string;
    signature: { algorithm: string; keyId: string; publicKey: string; value: string };
    log: {
      entry: string;
      leafHash: string;
      index: number | null;
      tlogProof: string | null;
      verifierKey: string;
    };
  };
  sharedWith?: { organisationId: string }[];
};
type Scorecard = {
  version: string;
  factors: { factor: string; min: number; max: number; description: { en: string; 'zh-CN': string } }[];
  signingKey: { algorithm: string; keyId: string; publicKey: string };
  logVerifierKey: string;
};

const verifySnapshotSignature = (publicKey: string, signedPayload: string, signature: string) =>
  verify(
    null,
    Buffer.from(signedPayload, 'utf8'),
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' }),
    Buffer.from(signature, 'base64url'),
  );

describe('credit scores', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let exporter: Party;
  let buyerOne: Party;
  let buyerTwo: Party;
  let bank: Party;
  let otherBank: Party;
  let snapshot: Snapshot;

  const call = (party: Party, method: 'GET' | 'POST', path: string, payload?: object) =>
    ctx.hub.app.inject({
      method,
      url: `/api/orgs/${party.organisationId}${path}`,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload }),
    });

  const act = async (party: Party, order: { id: string; version: number }, action: string, note?: string) => {
    const response = await call(party, 'POST', `/orders/${order.id}/actions`, {
      action,
      version: order.version,
      ...(note === undefined ? {} : { note }),
    });
    expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
    return response.json<{ id: string; version: number; status: string }>();
  };

  /** An order from the exporter to `buyer`, walked through the lifecycle to `end`. */
  const order = async (buyer: Party, end: 'completed' | 'cancelled') => {
    const created = await call(exporter, 'POST', '/orders', {
      content: {
        buyerReference: `PO-${Math.random().toString(36).slice(2, 8)}`,
        currency: 'USD',
        seller: { organisationId: exporter.organisationId, name: 'Yiwu Ltd', country: 'CN' },
        buyer: { organisationId: buyer.organisationId, name: 'Buyer GmbH', country: 'DE' },
        incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB' } },
        paymentTerms: 'T/T',
        lines: [
          {
            descriptionEn: 'Plush toy bear',
            hsCode: '950300',
            quantity: '100',
            unitCode: 'H87',
            unitPrice: { amount: '2.50', currency: 'USD' },
          },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const offered = await act(exporter, created.json(), 'offer');
    if (end === 'cancelled') {
      return act(buyer, offered, 'cancel', 'no longer needed');
    }
    const accepted = await act(buyer, offered, 'accept');
    const fulfilling = await act(exporter, accepted, 'start_fulfilment');
    return act(exporter, fulfilling, 'complete');
  };

  beforeAll(async () => {
    ctx = await createTestHub();
    exporter = await createParty(ctx.hub, 'Yiwu');
    buyerOne = await createParty(ctx.hub, 'Hamburg', { kind: 'importer' });
    buyerTwo = await createParty(ctx.hub, 'Rotterdam', { kind: 'importer' });
    bank = await createParty(ctx.hub, 'Bank', { kind: 'bank' });
    otherBank = await createParty(ctx.hub, 'OtherBank', { kind: 'bank' });
    expect((await order(buyerOne, 'completed')).status).toBe('completed');
    expect((await order(buyerOne, 'completed')).status).toBe('completed');
    expect((await order(buyerTwo, 'completed')).status).toBe('completed');
    expect((await order(buyerTwo, 'cancelled')).status).toBe('cancelled');
    const created = await call(exporter, 'POST', '/finance/credit/snapshots');
    expect(created.statusCode, created.body).toBe(201);
    snapshot = created.json<Snapshot>();
  });
  afterAll(async () => ctx.close());

  it('publishes the scorecard to members: every factor with its range and description, and the signing key', async () => {
    const response = await call(bank, 'GET', '/finance/credit/scorecard');
    expect(response.statusCode, response.body).toBe(200);
    const card = response.json<Scorecard>();
    expect(card.factors.map((f) => f.factor)).toEqual([
      'tradeVolume',
      'orderReliability',
      'counterparties',
      'settlement',
      'tenure',
      'financing',
      'disputes',
    ]);
    expect(card.factors.reduce((sum, f) => sum + f.max, 0)).toBe(1000);
    for (const factor of card.factors) {
      expect(factor.description.en.length).toBeGreaterThan(10);
      expect(factor.description['zh-CN'].length).toBeGreaterThan(5);
    }
    expect(card.signingKey.algorithm).toBe('Ed25519');
    expect(card.signingKey.keyId).toBe(snapshot.verification.signature.keyId);
    expect(card.signingKey.publicKey).toBe(snapshot.verification.signature.publicKey);
    expect(card.logVerifierKey).toBe(snapshot.verification.log.verifierKey);
  });

  it('scores the seeded history from the trade records, with every factor explained', () => {
    expect(snapshot.payload.facts.orders).toEqual({ completed: 3, cancelled: 1, counterparties: 2 });
    expect(snapshot.payload.facts.tenure.months).toBe(0);
    expect(snapshot.payload.facts.financing).toEqual({ repaid: 0, overdue: 0 });
    const points = Object.fromEntries(snapshot.payload.score.factors.map((f) => [f.factor, f.points]));
    // 3 completed -> 90; floor(100 · 3/4) = 75; 2 counterparties -> 55; the rest has no history.
    expect(points).toEqual({
      tradeVolume: 90,
      orderReliability: 75,
      counterparties: 55,
      settlement: 0,
      tenure: 0,
      financing: 0,
      disputes: 0,
    });
    expect(snapshot.score).toBe(220);
    expect(snapshot.payload.score.total).toBe(220);
    expect(snapshot.grade).toBe('E');
    expect(snapshot.explanations.map((e) => e.factor)).toEqual(
      snapshot.payload.score.factors.map((f) => f.factor),
    );
    const texts = Object.fromEntries(snapshot.explanations.map((e) => [e.factor, e.text.en]));
    expect(texts.tradeVolume).toBe('completed orders: 3 in the last 12 months -> 90 of 250 points');
    expect(texts.financing).toBe('financing: no financing history -> 0 of 150 points');
    expect(texts.disputes).toContain('not recorded yet');
    for (const explanation of snapshot.explanations) {
      expect(explanation.text['zh-CN']).not.toMatch(/\{\w+\}/);
    }
  });

  it('signs the canonical JSON of the payload with the hub key, and a tampered snapshot fails', () => {
    const { signedPayload, signature, payloadSha256 } = snapshot.verification;
    expect(signedPayload).toBe(canonicalize(JSON.parse(signedPayload)));
    expect(JSON.parse(signedPayload)).toEqual(snapshot.payload);
    expect(payloadSha256).toBe(toHex(sha256(Buffer.from(signedPayload, 'utf8'))));
    expect(verifySnapshotSignature(signature.publicKey, signedPayload, signature.value)).toBe(true);

    const tampered = JSON.parse(signedPayload) as { score: { total: number } };
    tampered.score.total = 990;
    expect(verifySnapshotSignature(signature.publicKey, canonicalize(tampered), signature.value)).toBe(false);
    const flipped = Buffer.from(signature.value, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(verifySnapshotSignature(signature.publicKey, signedPayload, flipped.toString('base64url'))).toBe(
      false,
    );
  });

  it('appends the snapshot hash to the transparency log and proves its inclusion', async () => {
    await ctx.hub.transparencyLog.sequencer.integrateNow();
    const response = await call(exporter, 'GET', `/finance/credit/snapshots/${snapshot.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const { log, signature, payloadSha256 } = response.json<Snapshot>().verification;
    expect(log.index).not.toBeNull();
    const entryBytes = new Uint8Array(Buffer.from(log.entry, 'base64'));
    const stored = await ctx.hub.transparencyLog.findEntry(log.index ?? -1);
    expect(stored?.body).toEqual(entryBytes);
    const parsed = parseTradeLogEntry(entryBytes);
    if (!parsed.ok) {
      throw new Error(parsed.message);
    }
    expect(parsed.entry.kind).toBe(TradeLogEntryKind.SIGN);
    expect(toHex(parsed.entry.docHash)).toBe(payloadSha256);
    expect(
      verifyTradeLogEntrySignature(
        parsed.entry,
        new Uint8Array(Buffer.from(signature.publicKey, 'base64url')),
      ),
    ).toBe(true);
    // The bank's check: the tlog-proof leads from this entry to a checkpoint the log's key signed.
    const proof = parseTlogProof(log.tlogProof ?? '');
    if (!proof.ok) {
      throw new Error(proof.message);
    }
    expect(proof.proof.extra).toEqual(entryBytes);
    const logKey = parseVerifierKey(log.verifierKey);
    if (!logKey.ok) {
      throw new Error('log verifier key does not parse');
    }
    const checkpoint = openCheckpoint(proof.proof.checkpoint, logKey.key);
    if (!checkpoint.ok) {
      throw new Error('checkpoint does not open');
    }
    expect(
      verifyInclusion({
        leafHash: leafHash(entryBytes),
        index: proof.proof.index,
        treeSize: checkpoint.checkpoint.size,
        proof: proof.proof.hashes,
        rootHash: checkpoint.checkpoint.rootHash,
      }),
    ).toEqual({ ok: true });
  });

  it('shows a snapshot to the organisation and to the bank it shared it with, and to nobody else', async () => {
    const path = `/finance/credit/snapshots/${snapshot.id}`;
    expect((await call(bank, 'GET', path)).statusCode).toBe(404);
    const notFinancier = await call(exporter, 'POST', `${path}/shares`, {
      organisationId: buyerOne.organisationId,
    });
    expect(notFinancier.statusCode, notFinancier.body).toBe(422);
    expect(notFinancier.json<{ code: string }>().code).toBe('finance.credit_share_not_financier');
    // Only the organisation shares its own snapshot: a bank cannot pass it on.
    expect(
      (await call(bank, 'POST', `${path}/shares`, { organisationId: otherBank.organisationId })).statusCode,
    ).toBe(404);
    const shared = await call(exporter, 'POST', `${path}/shares`, { organisationId: bank.organisationId });
    expect(shared.statusCode, shared.body).toBe(201);

    const seenByBank = await call(bank, 'GET', path);
    expect(seenByBank.statusCode, seenByBank.body).toBe(200);
    const view = seenByBank.json<Snapshot>();
    expect(view.score).toBe(snapshot.score);
    expect(view.sharedWith).toBeUndefined();
    expect(
      verifySnapshotSignature(
        view.verification.signature.publicKey,
        view.verification.signedPayload,
        view.verification.signature.value,
      ),
    ).toBe(true);
    const listed = await call(bank, 'GET', '/finance/credit/snapshots');
    expect(listed.json<{ items: { id: string; own: boolean }[] }>().items).toEqual([
      expect.objectContaining({ id: snapshot.id, own: false }),
    ]);
    const own = await call(exporter, 'GET', path);
    expect(own.json<Snapshot>().sharedWith?.map((s) => s.organisationId)).toEqual([bank.organisationId]);

    for (const stranger of [otherBank, buyerOne]) {
      const response = await call(stranger, 'GET', path);
      expect(response.statusCode).toBe(404);
      expect(response.json<{ code: string }>().code).toBe('finance.credit_snapshot_not_found');
      const list = await call(stranger, 'GET', '/finance/credit/snapshots');
      expect(list.json<{ items: unknown[] }>().items).toEqual([]);
    }
    // Under the exporter's organisation, a non-member is not told the snapshot exists either.
    const asNonMember = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${exporter.organisationId}${path}`,
      headers: { cookie: otherBank.cookie },
    });
    expect(asNonMember.statusCode).toBe(404);
  });

  it('gives the same facts the same score: a second snapshot of an unchanged history agrees', async () => {
    const again = await call(exporter, 'POST', '/finance/credit/snapshots');
    expect(again.statusCode, again.body).toBe(201);
    const second = again.json<Snapshot>();
    expect(second.id).not.toBe(snapshot.id);
    expect(second.payload.score).toEqual(snapshot.payload.score);
    expect(second.payload.facts.orders).toEqual(snapshot.payload.facts.orders);
  });
});
