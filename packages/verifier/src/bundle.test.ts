import { utf8Encode } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BUNDLE_BYTES, parseBundle, parseTrustPolicy, readVerificationInput } from './bundle.ts';
import { formatWitnessVerifierKey } from './cosignature.ts';
import { formatVerifierKey } from './note.ts';
import { buildScenario, logSigner, ORIGIN, witnessSigners } from './test-support.ts';

const scenario = buildScenario();

function reasonOf(result: { ok: true } | { ok: false; reason: string }): string {
  return result.ok ? 'ok' : result.reason;
}

describe('tradehub-bundle/v1', () => {
  it('parses a bundle from a value, its JSON text and its bytes', async () => {
    const { bundle } = await scenario;
    for (const input of [bundle, JSON.stringify(bundle), utf8Encode(JSON.stringify(bundle))]) {
      const parsed = parseBundle(input);
      expect(parsed.ok).toBe(true);
      expect(parsed.ok && parsed.bundle).toEqual(bundle);
    }
  });

  it('refuses each kind of bad bundle with its own reason', async () => {
    const { bundle } = await scenario;
    const text = JSON.stringify(bundle);
    const cases: [unknown, string][] = [
      [`${text}${' '.repeat(MAX_BUNDLE_BYTES)}`, 'too_large'],
      [new Uint8Array(MAX_BUNDLE_BYTES + 1), 'too_large'],
      [new Uint8Array([0x7b, 0xff, 0x7d]), 'not_utf8'],
      [text.slice(0, 100), 'truncated'],
      [text.slice(0, -1), 'truncated'],
      ['{"type": tradehub}', 'not_json'],
      ['[]', 'not_an_object'],
      [{ ...bundle, type: 'tradehub-bundle/v2' }, 'wrong_type'],
      [{ ...bundle, signature: 'x' }, 'unexpected_member'],
      [{ ...bundle, credential: [] }, 'invalid_credential'],
      [{ ...bundle, tlogProof: 12 }, 'invalid_tlog_proof'],
      [{ ...bundle, issuerDidDocument: 'did:web:x' }, 'invalid_did_document'],
      [{ ...bundle, statusList: { credentials: [{}], tlogProofs: [] } }, 'invalid_status_list'],
      [{ ...bundle, statusList: { credentials: [], tlogProofs: [], more: 1 } }, 'invalid_status_list'],
    ];
    for (const [input, reason] of cases) {
      expect(reasonOf(parseBundle(input))).toBe(reason);
    }
  });

  it('tells a bundle from a bare credential and from neither', async () => {
    const { bundle, credential } = await scenario;
    expect(readVerificationInput(bundle).kind).toBe('bundle');
    expect(readVerificationInput(JSON.stringify(credential)).kind).toBe('credential');
    expect(readVerificationInput({ some: 'thing' })).toMatchObject({
      kind: 'unreadable',
      reason: 'not_a_credential',
    });
    expect(readVerificationInput('{"a":')).toMatchObject({ kind: 'unreadable', reason: 'truncated' });
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.uint8Array(), fc.anything()), (input) => {
        expect(typeof parseBundle(input).ok).toBe('boolean');
        expect(typeof parseTrustPolicy(input).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});

describe('tradehub-trust-policy/v1', () => {
  const logKey = formatVerifierKey(ORIGIN, logSigner.publicKey);
  const witnessKeys = witnessSigners.map((w) => formatWitnessVerifierKey(w.name, w.publicKey));
  const policy = {
    type: 'tradehub-trust-policy/v1',
    logs: [{ origin: ORIGIN, vkeys: [logKey] }],
    witnesses: { vkeys: witnessKeys, quorum: 2 },
    issuers: { didDocuments: { 'did:web:a.example': { id: 'did:web:a.example' } } },
  };

  it('parses the keys, the quorum and the pinned DID documents', () => {
    const parsed = parseTrustPolicy(JSON.stringify(policy));
    if (!parsed.ok) {
      throw new Error(parsed.message);
    }
    expect(parsed.trust.logKeys.get(ORIGIN)?.map((k) => k.name)).toEqual([ORIGIN]);
    expect(parsed.trust.witnessKeys.map((k) => k.name)).toEqual(witnessSigners.map((w) => w.name));
    expect(parsed.trust.quorum).toBe(2);
    expect(parsed.trust.didDocuments.get('did:web:a.example')).toEqual({ id: 'did:web:a.example' });
    const minimal = parseTrustPolicy({ type: policy.type, logs: policy.logs });
    expect(minimal.ok && minimal.trust.quorum).toBe(0);
  });

  it('refuses each kind of bad policy with its own reason', () => {
    const cases: [unknown, string][] = [
      ['{', 'not_json'],
      [{ ...policy, type: 'x' }, 'wrong_type'],
      [{ ...policy, extra: 1 }, 'unexpected_member'],
      [{ ...policy, logs: {} }, 'invalid_logs'],
      [{ ...policy, logs: [{ origin: ORIGIN, vkeys: [] }] }, 'invalid_logs'],
      [{ ...policy, logs: [{ origin: ORIGIN, vkeys: ['nonsense'] }] }, 'invalid_log_key'],
      // A key named after another origin could never sign this log's checkpoints.
      [{ ...policy, logs: [{ origin: 'other.example/log', vkeys: [logKey] }] }, 'invalid_log_key'],
      // A witness key where a log key belongs (type 0x04 instead of 0x01), and the other way round.
      [
        { ...policy, logs: [{ origin: 'customs.example/witness', vkeys: [witnessKeys[0]] }] },
        'invalid_log_key',
      ],
      [{ ...policy, witnesses: { vkeys: [logKey], quorum: 1 } }, 'invalid_witness_key'],
      [{ ...policy, witnesses: { vkeys: witnessKeys, quorum: 3 } }, 'invalid_quorum'],
      [{ ...policy, witnesses: { vkeys: witnessKeys, quorum: 1.5 } }, 'invalid_quorum'],
      [{ ...policy, witnesses: { vkeys: [witnessKeys[0], witnessKeys[0]], quorum: 2 } }, 'invalid_quorum'],
      [
        { ...policy, issuers: { didDocuments: { 'did:web:a.example': { id: 'did:web:b.example' } } } },
        'invalid_issuers',
      ],
    ];
    for (const [input, reason] of cases) {
      expect(reasonOf(parseTrustPolicy(input))).toBe(reason);
    }
  });
});
