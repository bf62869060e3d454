import { toBase64Url, toHex } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import type { TrustPolicy } from './bundle.ts';
import { BUNDLE_TYPE, TRUST_POLICY_TYPE } from './bundle.ts';
import { formatCheckpoint } from './checkpoint.ts';
import { runCli } from './cli.ts';
import { cosignCheckpoint, formatWitnessVerifierKey } from './cosignature.ts';
import type { JsonObject } from './data-integrity.ts';
import { createEddsaJcs2022Proof } from './data-integrity.ts';
import { actorHashOfEd25519Key, signTradeLogEntry, TradeLogEntryKind, ZERO_HASH } from './entry.ts';
import { inclusionProof, leafHash, rootFromLeafHashes } from './merkle.ts';
import { encodeEd25519Multikey } from './multibase.ts';
import type { NoteSigner } from './note.ts';
import { formatVerifierKey, signerFromEd25519Seed, signNote } from './note.ts';
import { logSigner, ORIGIN, witnessSigners } from './test-support.ts';
import type { TitleAction, TitleChain, TitleState } from './title-chain.ts';
import {
  applyTitleAction,
  TITLE_ACTION_CODES,
  TITLE_CHAIN_TYPE,
  titlePartyHash,
  titleRecordId,
  verifyTitleChain,
} from './title-chain.ts';
import { formatTlogProof, parseTlogProof } from './tlog-proof.ts';
import { documentHash, tradeLogRecordId } from './verify.ts';

// Four organisations of the eBL journey, each with a did:web DID and a key from a fixed seed.
type Org = { name: string; did: string; signer: NoteSigner; seed: Uint8Array; keyId: string };
const org = (name: string, n: number): Org => {
  const did = `did:web:hub.example:org:org_${name.toLowerCase()}`;
  const seed = new Uint8Array(32).fill(n);
  return { name, did, seed, signer: signerFromEd25519Seed(name, seed), keyId: `${did}#key-1` };
};
const carrier = org('Carrier', 41);
const shipper = org('Shipper', 42);
const bank = org('Bank', 43);
const buyer = org('Buyer', 44);
const orgs = [carrier, shipper, bank, buyer];

const didDocument = (o: Org): JsonObject => ({
  '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
  id: o.did,
  verificationMethod: [
    {
      id: o.keyId,
      type: 'Multikey',
      controller: o.did,
      publicKeyMultibase: encodeEd25519Multikey(o.signer.publicKey),
    },
  ],
  assertionMethod: [o.keyId],
});

const billOfLading = (): JsonObject =>
  createEddsaJcs2022Proof({
    document: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:019a0000-0000-7000-8000-0000000000b1',
      type: ['VerifiableCredential', 'TradeDocumentCredential'],
      issuer: { id: carrier.did, name: 'Carrier Ltd' },
      validFrom: '2026-03-01T10:00:00.000Z',
      nonce: toBase64Url(new Uint8Array(32).fill(7)),
      credentialSubject: { type: 'BillOfLading', documentNumber: 'BL-2026-0001', portOfLoading: 'CNNGB' },
    },
    privateKey: carrier.seed,
    verificationMethod: carrier.keyId,
    created: '2026-03-01T10:00:00Z',
  }) as JsonObject;

type Step = { action: TitleAction; by: Org; to: Org | null; prev?: 'skip' };

const journey: Step[] = [
  { action: 'issue', by: carrier, to: shipper },
  { action: 'transfer_holder', by: shipper, to: bank },
  { action: 'endorse', by: bank, to: buyer },
  { action: 'transfer_holder', by: bank, to: buyer },
  { action: 'surrender_for_delivery', by: buyer, to: carrier },
  { action: 'accept_surrender', by: carrier, to: null },
];

const T0 = Date.parse('2026-03-01T11:00:00.000Z');

/** A title chain over `steps`, each entry in a small log with a cosigned checkpoint. */
function buildChain(steps: readonly Step[]): { chain: TitleChain; trust: TrustPolicy } {
  const bl = billOfLading();
  const docHash = documentHash(bl);
  const blEntry = signTradeLogEntry(
    {
      kind: TradeLogEntryKind.ISSUE,
      timeMs: T0 - 1000,
      recordId: tradeLogRecordId(carrier.did, bl.id as string),
      docHash,
      prevEntryHash: ZERO_HASH,
      actor: actorHashOfEd25519Key(carrier.signer.publicKey),
      counterparty: ZERO_HASH,
      aux: ZERO_HASH,
    },
    carrier.signer.sign,
  );
  const recordId = titleRecordId(carrier.did, bl.id as string);
  const entries: Uint8Array[] = [Uint8Array.of(0xee, 1), blEntry, Uint8Array.of(0xee, 2)];
  let prev = ZERO_HASH;
  const titleIndices: number[] = [];
  steps.forEach((step, i) => {
    const entry = signTradeLogEntry(
      {
        kind: TITLE_ACTION_CODES[step.action].kind,
        timeMs: T0 + i * 60_000,
        recordId,
        docHash,
        prevEntryHash: prev,
        actor: actorHashOfEd25519Key(step.by.signer.publicKey),
        counterparty: step.to === null ? ZERO_HASH : titlePartyHash(step.to.did),
        aux: ZERO_HASH,
      },
      step.by.signer.sign,
    );
    prev = leafHash(entry);
    titleIndices.push(entries.length);
    entries.push(entry, Uint8Array.of(0xef, i));
  });
  const leaves = entries.map(leafHash);
  const text = formatCheckpoint({
    origin: ORIGIN,
    size: leaves.length,
    rootHash: rootFromLeafHashes(leaves),
  });
  const note = signNote(text, [logSigner]);
  const checkpoint = `${note}${witnessSigners.map((w, i) => cosignCheckpoint(text, w, 1_772_400_000 + i)).join('')}`;
  const proof = (index: number) =>
    formatTlogProof({
      extra: entries[index] as Uint8Array,
      index,
      hashes: inclusionProof(leaves, index),
      checkpoint,
    });
  const chain: TitleChain = {
    type: TITLE_CHAIN_TYPE,
    record: {
      id: 'etr_01JTEST',
      issuer: carrier.did,
      credentialId: bl.id as string,
      documentNumber: 'BL-2026-0001',
      recordId: toHex(recordId),
    },
    parties: orgs.map((o) => ({ did: o.did, name: `${o.name} Ltd` })),
    documents: [
      { type: BUNDLE_TYPE, credential: bl, tlogProof: proof(1), issuerDidDocument: didDocument(carrier) },
    ],
    actions: steps.map((step, i) => ({
      seq: i + 1,
      action: step.action,
      pintCode: TITLE_ACTION_CODES[step.action].pintCode,
      tlogProof: proof(titleIndices[i] as number),
    })),
    didDocuments: orgs.map(didDocument),
  };
  const trust: TrustPolicy = {
    type: TRUST_POLICY_TYPE,
    logs: [{ origin: ORIGIN, vkeys: [formatVerifierKey(ORIGIN, logSigner.publicKey)] }],
    witnesses: { vkeys: witnessSigners.map((w) => formatWitnessVerifierKey(w.name, w.publicKey)), quorum: 2 },
  };
  return { chain, trust };
}

const verdictOf = (report: Awaited<ReturnType<typeof verifyTitleChain>>, name: string) =>
  report.checks.find((c) => c.check === name);

/** The same chain with action `i`'s tlog-proof rewritten by `edit`. */
const editProof = (
  chain: TitleChain,
  i: number,
  edit: (p: { extra: Uint8Array; index: number; hashes: Uint8Array[]; checkpoint: string }) => void,
): TitleChain => {
  const parsed = parseTlogProof((chain.actions[i] as TitleChain['actions'][number]).tlogProof);
  if (!parsed.ok) {
    throw new Error(parsed.message);
  }
  const proof = {
    extra: (parsed.proof.extra as Uint8Array).slice(),
    index: parsed.proof.index,
    hashes: parsed.proof.hashes.map((h) => h.slice()),
    checkpoint: parsed.proof.checkpoint,
  };
  edit(proof);
  return {
    ...chain,
    actions: chain.actions.map((a, j) => (j === i ? { ...a, tlogProof: formatTlogProof(proof) } : a)),
  };
};

describe('title chain rules', () => {
  const issued = applyTitleAction(undefined, { action: 'issue', actor: 'carrier', to: 'shipper' }, 'carrier');
  const state = (issued.ok ? issued.state : undefined) as TitleState;

  it('lets only the holder act, and only the issuer issue', () => {
    expect(issued.ok).toBe(true);
    expect(
      applyTitleAction(state, { action: 'transfer_holder', actor: 'bank', to: 'buyer' }, 'carrier'),
    ).toMatchObject({
      ok: false,
      violation: 'not_holder',
    });
    expect(
      applyTitleAction(undefined, { action: 'issue', actor: 'shipper', to: 'bank' }, 'carrier'),
    ).toMatchObject({
      ok: false,
      violation: 'not_issuer',
    });
    expect(
      applyTitleAction(state, { action: 'issue', actor: 'carrier', to: 'bank' }, 'carrier'),
    ).toMatchObject({
      ok: false,
      violation: 'already_issued',
    });
  });

  it('keeps a holder who is not the endorsee from endorsing or surrendering', () => {
    const endorsed = applyTitleAction(state, { action: 'endorse', actor: 'shipper', to: 'buyer' }, 'carrier');
    if (!endorsed.ok) {
      throw new Error(endorsed.message);
    }
    const moved = applyTitleAction(
      endorsed.state,
      { action: 'transfer_holder', actor: 'shipper', to: 'bank' },
      'carrier',
    );
    if (!moved.ok) {
      throw new Error(moved.message);
    }
    expect(
      applyTitleAction(moved.state, { action: 'endorse', actor: 'bank', to: 'bank' }, 'carrier'),
    ).toMatchObject({
      ok: false,
      violation: 'not_entitled',
    });
    expect(
      applyTitleAction(
        moved.state,
        { action: 'surrender_for_delivery', actor: 'bank', to: 'carrier' },
        'carrier',
      ),
    ).toMatchObject({ ok: false, violation: 'not_entitled' });
  });

  it('closes the record once the issuer accepts the surrender; a rejection returns it', () => {
    const surrendered = applyTitleAction(
      state,
      { action: 'surrender_for_delivery', actor: 'shipper', to: 'carrier' },
      'carrier',
    );
    if (!surrendered.ok) {
      throw new Error(surrendered.message);
    }
    expect(surrendered.state).toMatchObject({
      holder: 'carrier',
      status: 'surrendered',
      surrenderedBy: 'shipper',
    });
    const rejected = applyTitleAction(
      surrendered.state,
      { action: 'reject_surrender', actor: 'carrier', to: 'shipper' },
      'carrier',
    );
    expect(rejected).toMatchObject({
      ok: true,
      state: { holder: 'shipper', status: 'active', surrenderedBy: null },
    });
    const accepted = applyTitleAction(
      surrendered.state,
      { action: 'accept_surrender', actor: 'carrier', to: null },
      'carrier',
    );
    if (!accepted.ok) {
      throw new Error(accepted.message);
    }
    expect(accepted.state.status).toBe('accomplished');
    expect(
      applyTitleAction(accepted.state, { action: 'amend', actor: 'carrier', to: 'shipper' }, 'carrier'),
    ).toMatchObject({
      ok: false,
      violation: 'closed',
    });
  });
});

describe('verifyTitleChain', () => {
  it('verifies the eBL journey and names the carrier as final holder of an accomplished record', async () => {
    const { chain, trust } = buildChain(journey);
    const report = await verifyTitleChain(JSON.stringify(chain), trust);
    expect(report.checks.filter((c) => c.verdict !== 'OK' && c.verdict !== 'SKIPPED')).toEqual([]);
    expect(report.verdict).toBe('VALID');
    expect(report.currentHolder).toEqual({
      hash: toHex(titlePartyHash(carrier.did)),
      did: carrier.did,
      name: 'Carrier Ltd',
    });
    expect(report.status).toBe('accomplished');
    expect(report.endorsee?.did).toBe(buyer.did);
    expect(report.actions.map((a) => [a.action, a.pintCode, a.by?.did, a.to?.did ?? null])).toEqual([
      ['issue', 'ISSUE', carrier.did, shipper.did],
      ['transfer_holder', 'TRANSFER', shipper.did, bank.did],
      ['endorse', 'ENDORSE', bank.did, buyer.did],
      ['transfer_holder', 'TRANSFER', bank.did, buyer.did],
      ['surrender_for_delivery', 'SURRENDER_FOR_DELIVERY', buyer.did, carrier.did],
      ['accept_surrender', 'SACC', carrier.did, null],
    ]);
  });

  for (let i = 0; i < journey.length; i++) {
    it(`finds a flipped bit in entry ${i + 1}: its signature and its inclusion fail`, async () => {
      const { chain, trust } = buildChain(journey);
      const tampered = editProof(chain, i, (p) => {
        // The entry's time field: inside the signed bytes, outside every hash the rules read.
        p.extra[9] = (p.extra[9] as number) ^ 0x01;
      });
      const report = await verifyTitleChain(tampered, trust);
      expect(report.verdict).toBe('INVALID');
      expect(verdictOf(report, 'signatures')).toMatchObject({ verdict: 'INVALID', seq: i + 1 });
      expect(verdictOf(report, 'log_inclusion')).toMatchObject({ verdict: 'INVALID', seq: i + 1 });
      expect(report.currentHolder).toBeUndefined();
    });
  }

  it('finds a flipped bit in an inclusion proof and names the action', async () => {
    const { chain, trust } = buildChain(journey);
    const tampered = editProof(chain, 2, (p) => {
      (p.hashes[0] as Uint8Array)[5] = ((p.hashes[0] as Uint8Array)[5] as number) ^ 0x80;
    });
    const report = await verifyTitleChain(tampered, trust);
    expect(report.verdict).toBe('INVALID');
    expect(verdictOf(report, 'log_inclusion')).toMatchObject({
      verdict: 'INVALID',
      reason: 'inclusion_proof_invalid',
      seq: 3,
    });
    expect(verdictOf(report, 'signatures')?.verdict).toBe('OK');
  });

  it('finds an altered checkpoint signature', async () => {
    const { chain, trust } = buildChain(journey);
    const tampered = editProof(chain, 0, (p) => {
      p.checkpoint = p.checkpoint.replace(
        /— (\S+) (\S)/,
        (_m, name: string, c: string) => `— ${name} ${c === 'A' ? 'B' : 'A'}`,
      );
    });
    const report = await verifyTitleChain(tampered, trust);
    expect(report.verdict).toBe('INVALID');
    expect(verdictOf(report, 'checkpoint')).toMatchObject({ verdict: 'INVALID', seq: 1 });
  });

  it('refuses a reordered chain', async () => {
    const { chain, trust } = buildChain(journey);
    const actions = [...chain.actions];
    [actions[1], actions[2]] = [
      actions[2] as TitleChain['actions'][number],
      actions[1] as TitleChain['actions'][number],
    ];
    const report = await verifyTitleChain({ ...chain, actions }, trust);
    expect(report.verdict).toBe('INVALID');
    expect(verdictOf(report, 'chain_links')?.verdict).toBe('INVALID');
    expect(report.currentHolder).toBeUndefined();
  });

  it('refuses a chain with a dropped action, even renumbered', async () => {
    const { chain, trust } = buildChain(journey);
    const actions = chain.actions.filter((_a, i) => i !== 3).map((a, i) => ({ ...a, seq: i + 1 }));
    const report = await verifyTitleChain({ ...chain, actions }, trust);
    expect(report.verdict).toBe('INVALID');
    expect(verdictOf(report, 'chain_links')).toMatchObject({
      verdict: 'INVALID',
      reason: 'prev_hash_mismatch',
      seq: 4,
    });
  });

  it('refuses an action signed by someone who no longer holds the record', async () => {
    // The shipper, after transferring to the bank, "transfers" again: correctly linked and signed.
    const { chain, trust } = buildChain([
      { action: 'issue', by: carrier, to: shipper },
      { action: 'transfer_holder', by: shipper, to: bank },
      { action: 'transfer_holder', by: shipper, to: buyer },
    ]);
    const report = await verifyTitleChain(chain, trust);
    expect(report.verdict).toBe('INVALID');
    expect(verdictOf(report, 'signatures')?.verdict).toBe('OK');
    expect(verdictOf(report, 'chain_links')?.verdict).toBe('OK');
    expect(verdictOf(report, 'holders')).toMatchObject({
      verdict: 'INVALID',
      reason: 'actor_not_holder',
      seq: 3,
    });
  });

  it('refuses a chain whose bill of lading was swapped', async () => {
    const { chain, trust } = buildChain(journey);
    const document = chain.documents[0] as { credential: JsonObject };
    const credential = {
      ...document.credential,
      credentialSubject: { type: 'BillOfLading', documentNumber: 'BL-FAKE' },
    };
    const report = await verifyTitleChain({ ...chain, documents: [{ ...document, credential }] }, trust);
    expect(report.verdict).not.toBe('VALID');
    expect(verdictOf(report, 'document')?.verdict).not.toBe('OK');
  });

  it('reports ERROR, not INVALID, for what cannot be read, and without a trust policy', async () => {
    expect((await verifyTitleChain('{"type":"tradehub-title-chain/v1"', null)).verdict).toBe('ERROR');
    const { chain } = buildChain(journey);
    const report = await verifyTitleChain(chain, null);
    expect(report.verdict).toBe('ERROR');
    expect(verdictOf(report, 'checkpoint')?.verdict).toBe('ERROR');
    expect(report.currentHolder?.did).toBe(carrier.did);
  });

  it('is what tradehub-verify prints for a title chain file, with the exit code of a bundle', async () => {
    const { chain, trust } = buildChain(journey);
    const files: Record<string, string> = {
      'chain.json': JSON.stringify(chain),
      'policy.json': JSON.stringify(trust),
      'bad.json': JSON.stringify(
        editProof(chain, 1, (p) => {
          p.extra[9] = (p.extra[9] as number) ^ 1;
        }),
      ),
    };
    const runOn = async (file: string) => {
      let out = '';
      const code = await runCli([file, '--trust', 'policy.json'], {
        readFile: async (path) => new TextEncoder().encode(files[path] ?? ''),
        stdout: (text) => {
          out += text;
        },
        stderr: () => undefined,
      });
      return { code, out };
    };
    const good = await runOn('chain.json');
    expect(good.code).toBe(0);
    expect(good.out).toContain(`current holder: Carrier Ltd ${carrier.did}`);
    expect(good.out).toContain('status: accomplished');
    const bad = await runOn('bad.json');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('INVALID');
  });
});
