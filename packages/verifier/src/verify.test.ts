import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { toHex, utf8Decode, utf8Encode } from '@tradehub/kernel';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BUNDLE_BYTES, parseTrustPolicy } from './bundle.ts';
import { createDidWebResolver, NetworkError } from './did-document.ts';
import type { Scenario, ScenarioOptions } from './test-support.ts';
import { buildScenario, ISSUER_DID, KEY_ID, ORIGIN } from './test-support.ts';
import type { CheckName, CheckResult, VerificationReport, Verifier, VerifierOptions } from './verify.ts';
import {
  createStatusListFetcher,
  createVerifier,
  documentHash,
  VERIFICATION_CHECKS,
  VERIFICATION_REASON_TEXT,
  VERIFICATION_REASONS,
  verify,
} from './verify.ts';

// Node's own Ed25519 (OpenSSL), as a server or the benchmark would inject it.
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
function nodeEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: 'der', type: 'spki' });
  return nodeVerify(null, message, key, signature);
}

function checkOf(report: VerificationReport, name: CheckName): CheckResult {
  const found = report.checks.find((c) => c.check === name);
  if (found === undefined) {
    throw new Error(`no ${name} check`);
  }
  return found;
}

function verdicts(report: VerificationReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.check, `${c.verdict} ${c.reason}`]));
}

const scenarios = new Map<string, Promise<Scenario>>();
function scenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const key = JSON.stringify(options);
  const found = scenarios.get(key) ?? buildScenario(options);
  scenarios.set(key, found);
  return found;
}

async function verifyScenario(options: ScenarioOptions = {}, verifierOptions: VerifierOptions = {}) {
  const { bundle, trustPolicy } = await scenario(options);
  return createVerifier(trustPolicy, verifierOptions).verify(bundle);
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  expect(at).toBeGreaterThanOrEqual(0);
  return `${text.slice(0, at)}${to}${text.slice(at + from.length)}`;
}

// Changes one base64 character to another valid one, so the text still parses.
function flipBase64Char(text: string, at: number): string {
  const c = text[at] as string;
  const swapped = c === 'A' ? 'B' : 'A';
  return `${text.slice(0, at)}${swapped}${text.slice(at + 1)}`;
}

describe('verify: a genuine document', () => {
  it('is VALID with every check OK, and reports the document, its log position and its status', async () => {
    const { bundle, credential } = await scenario();
    const report = await verifyScenario();
    expect(verdicts(report)).toEqual({
      integrity: 'OK doc_hash_matches',
      signature: 'OK signature_verified',
      issuer_key: 'OK key_valid_at_issuance',
      issuer_identity: 'OK did_document_pinned',
      log_inclusion: 'OK included',
      checkpoint: 'OK checkpoint_signed',
      witnesses: 'OK witness_quorum_met',
      status: 'OK status_active',
    });
    expect(report.verdict).toBe('VALID');
    expect(report.checks.map((c) => c.check)).toEqual([...VERIFICATION_CHECKS]);
    expect(report.document).toEqual({
      id: credential.id,
      types: ['VerifiableCredential', 'TradeDocumentCredential'],
      issuer: ISSUER_DID,
      issuedAt: '2026-03-01T10:00:00.000Z',
      docHash: toHex(documentHash(credential)),
      documentType: 'CommercialInvoice',
    });
    expect(report.log).toEqual({
      origin: ORIGIN,
      index: 2,
      treeSize: 9,
      cosignatures: [
        { name: 'customs.example/witness', timestamp: 1_772_400_000 },
        { name: 'bank.example/witness', timestamp: 1_772_400_001 },
      ],
    });
    expect(report.status).toEqual({
      revoked: false,
      suspended: false,
      asOf: { treeSize: 9, statusListValidFrom: '2026-03-02T08:00:00.000Z' },
    });
    expect(bundle.type).toBe('tradehub-bundle/v1');
  });

  it('accepts the bundle as JSON text and as UTF-8 bytes, with the same report', async () => {
    const { bundle, trustPolicy } = await scenario();
    const verifier = createVerifier(trustPolicy);
    const fromObject = await verifier.verify(bundle);
    expect(await verifier.verify(JSON.stringify(bundle))).toEqual(fromObject);
    expect(await verifier.verify(utf8Encode(JSON.stringify(bundle, null, 2)))).toEqual(fromObject);
  });

  it('says when only the bundle’s own DID document vouched for the issuer (SKIPPED, still VALID)', async () => {
    const report = await verifyScenario({ unpinned: true });
    const identity = checkOf(report, 'issuer_identity');
    expect(identity.verdict).toBe('SKIPPED');
    expect(identity.reason).toBe('did_document_from_bundle');
    expect(identity.message).toMatch(/bundle's own copy/);
    expect(report.verdict).toBe('VALID');
  });

  it('confirms the issuer offline when the trusted log attests issuers, and only for a sound issuance', async () => {
    const { bundle, trustPolicy } = await scenario({ unpinned: true });
    const attesting = {
      ...trustPolicy,
      logs: trustPolicy.logs.map((log) => ({ ...log, attestsIssuers: true })),
    };
    const report = await createVerifier(attesting).verify(bundle);
    const identity = checkOf(report, 'issuer_identity');
    expect(identity.verdict).toBe('OK');
    expect(identity.reason).toBe('issuer_attested_by_log');
    expect(identity.message).toContain(ISSUER_DID);
    expect(report.verdict).toBe('VALID');
    // A changed credential loses the attestation along with its integrity and signature.
    const tampered = JSON.parse(JSON.stringify(bundle)) as typeof bundle;
    (tampered.credential.credentialSubject as Record<string, unknown>).documentNumber = 'INV-FORGED';
    const forged = await createVerifier(attesting).verify(tampered);
    expect(checkOf(forged, 'issuer_identity').reason).toBe('did_document_from_bundle');
    expect(forged.verdict).toBe('INVALID');
    // A log the policy does not say attests issuers leaves the bundled copy unconfirmed.
    expect(checkOf(await createVerifier(trustPolicy).verify(bundle), 'issuer_identity').verdict).toBe(
      'SKIPPED',
    );
  });

  it('refuses an attestsIssuers that is not a boolean', async () => {
    const { trustPolicy } = await scenario();
    const log = trustPolicy.logs[0] as { origin: string; vkeys: readonly string[] };
    const withFlag = (attestsIssuers: unknown) => ({ ...trustPolicy, logs: [{ ...log, attestsIssuers }] });
    expect(parseTrustPolicy(withFlag(true)).ok).toBe(true);
    expect(parseTrustPolicy(withFlag('yes'))).toMatchObject({ ok: false, reason: 'invalid_logs' });
  });

  it('takes the issuer DID document from an injected resolver when it is not pinned', async () => {
    const { didDocument } = await scenario({ unpinned: true });
    const asked: string[] = [];
    const report = await verifyScenario(
      { unpinned: true },
      {
        resolveDid: async (did) => {
          asked.push(did);
          return didDocument;
        },
      },
    );
    expect(asked).toEqual([ISSUER_DID]);
    expect(checkOf(report, 'issuer_identity').reason).toBe('did_document_resolved');
    expect(report.verdict).toBe('VALID');
  });

  it('skips witnesses when the policy asks for none, and the status when no list is supplied', async () => {
    const report = await verifyScenario({ quorum: 0, withoutStatusList: true });
    expect(checkOf(report, 'witnesses')).toMatchObject({
      verdict: 'SKIPPED',
      reason: 'no_witnesses_required',
    });
    expect(checkOf(report, 'status')).toMatchObject({ verdict: 'SKIPPED', reason: 'no_status_list' });
    expect(report.status).toBeUndefined();
    expect(report.verdict).toBe('VALID');
  });
});

describe('verify: each kind of bad input gets its own verdict naming the failed check', () => {
  it('a changed credential field: integrity doc_hash_mismatch and signature_invalid', async () => {
    const { bundle, trustPolicy } = await scenario();
    const text = replaceOnce(JSON.stringify(bundle), '"amountMinor":"1250000"', '"amountMinor":"9250000"');
    const report = await createVerifier(trustPolicy).verify(text);
    expect(report.verdict).toBe('INVALID');
    expect(checkOf(report, 'integrity')).toMatchObject({ verdict: 'INVALID', reason: 'doc_hash_mismatch' });
    expect(checkOf(report, 'signature')).toMatchObject({ verdict: 'INVALID', reason: 'signature_invalid' });
    expect(checkOf(report, 'log_inclusion').verdict).toBe('OK');
  });

  it('a flipped bit in the proof value: signature INVALID', async () => {
    const { bundle, trustPolicy } = await scenario();
    const proof = bundle.credential.proof as { proofValue: string };
    const changed = `${proof.proofValue.slice(0, 20)}${proof.proofValue[20] === 'z' ? 'y' : 'z'}${proof.proofValue.slice(21)}`;
    const text = replaceOnce(JSON.stringify(bundle), proof.proofValue, changed);
    const report = await createVerifier(trustPolicy).verify(text);
    expect(report.verdict).toBe('INVALID');
    expect(checkOf(report, 'signature').verdict).toBe('INVALID');
    expect(['signature_invalid', 'proof_malformed']).toContain(checkOf(report, 'signature').reason);
    expect(checkOf(report, 'integrity').verdict).toBe('OK');
  });

  it('a flipped bit in the checkpoint: the log signature, the cosignatures and the inclusion all fail', async () => {
    const { bundle, trustPolicy, checkpointNote } = await scenario();
    const rootLine = checkpointNote.split('\n')[2] as string;
    const tampered = {
      ...bundle,
      tlogProof: replaceOnce(bundle.tlogProof, rootLine, flipBase64Char(rootLine, 5)),
    };
    const report = await createVerifier(trustPolicy).verify(tampered);
    expect(report.verdict).toBe('INVALID');
    expect(checkOf(report, 'checkpoint')).toMatchObject({
      verdict: 'INVALID',
      reason: 'checkpoint_signature_invalid',
    });
    expect(checkOf(report, 'witnesses')).toMatchObject({
      verdict: 'INVALID',
      reason: 'witness_cosignature_invalid',
    });
    expect(checkOf(report, 'log_inclusion')).toMatchObject({
      verdict: 'INVALID',
      reason: 'inclusion_proof_invalid',
    });
  });

  it('a flipped bit in a cosignature: witnesses INVALID, naming the witness', async () => {
    const { bundle, trustPolicy } = await scenario();
    const lines = bundle.tlogProof.split('\n');
    const at = lines.findIndex((l) => l.startsWith('— bank.example/witness '));
    const line = lines[at] as string;
    lines[at] = flipBase64Char(line, line.length - 10);
    const report = await createVerifier(trustPolicy).verify({ ...bundle, tlogProof: lines.join('\n') });
    expect(report.verdict).toBe('INVALID');
    const witnesses = checkOf(report, 'witnesses');
    expect(witnesses).toMatchObject({ verdict: 'INVALID', reason: 'witness_cosignature_invalid' });
    expect(witnesses.details).toEqual({ witness: 'bank.example/witness' });
    expect(witnesses.message).toContain('bank.example/witness');
    expect(checkOf(report, 'checkpoint').verdict).toBe('OK');
  });

  it('a proof for another tree size: log_inclusion proof_for_other_tree_size', async () => {
    const report = await verifyScenario({ proofTreeSize: 6 });
    expect(report.verdict).toBe('INVALID');
    expect(checkOf(report, 'log_inclusion')).toMatchObject({
      verdict: 'INVALID',
      reason: 'proof_for_other_tree_size',
    });
    expect(checkOf(report, 'log_inclusion').message).toMatch(/another tree size/);
    expect(checkOf(report, 'checkpoint').verdict).toBe('OK');
  });

  it('a proof of the right length for another tree: inclusion_proof_invalid', async () => {
    // Entry 2 has a three-hash path in trees of 5 to 8 entries: same length, different root.
    const report = await verifyScenario({ treeSize: 8, proofTreeSize: 7 });
    expect(checkOf(report, 'log_inclusion')).toMatchObject({
      verdict: 'INVALID',
      reason: 'inclusion_proof_invalid',
    });
  });

  it('a checkpoint signed by an unknown key: checkpoint_unknown_key', async () => {
    const report = await verifyScenario({ unknownLogKey: true });
    expect(report.verdict).toBe('INVALID');
    expect(checkOf(report, 'checkpoint')).toMatchObject({
      verdict: 'INVALID',
      reason: 'checkpoint_unknown_key',
    });
    expect(checkOf(report, 'log_inclusion').verdict).toBe('OK');
  });

  it('a checkpoint from a log the policy does not know: checkpoint_unknown_origin', async () => {
    const { bundle, trustPolicy } = await scenario();
    const policy = { ...trustPolicy, logs: [] };
    const report = await createVerifier(policy).verify(bundle);
    expect(checkOf(report, 'checkpoint')).toMatchObject({
      verdict: 'INVALID',
      reason: 'checkpoint_unknown_origin',
    });
  });

  it('a witness cosignature for a rolled-back tree: witness_cosignature_invalid', async () => {
    const report = await verifyScenario({ rolledBackCosignature: true });
    expect(report.verdict).toBe('INVALID');
    const witnesses = checkOf(report, 'witnesses');
    expect(witnesses).toMatchObject({ verdict: 'INVALID', reason: 'witness_cosignature_invalid' });
    expect(witnesses.message).toMatch(/customs\.example\/witness.*rolled-back/);
  });

  it('too few witnesses: witness_quorum_not_met', async () => {
    const { bundle, trustPolicy } = await scenario();
    const lines = bundle.tlogProof.split('\n').filter((l) => !l.startsWith('— bank.example/witness '));
    const report = await createVerifier(trustPolicy).verify({ ...bundle, tlogProof: lines.join('\n') });
    expect(checkOf(report, 'witnesses')).toMatchObject({
      verdict: 'INVALID',
      reason: 'witness_quorum_not_met',
      details: { count: 1, quorum: 2 },
    });
  });

  it('a truncated bundle: ERROR bundle_truncated (could not check), never VALID', async () => {
    const { bundle, trustPolicy } = await scenario();
    const text = JSON.stringify(bundle);
    const report = await createVerifier(trustPolicy).verify(text.slice(0, Math.floor(text.length * 0.7)));
    expect(report.verdict).toBe('ERROR');
    expect(checkOf(report, 'integrity')).toMatchObject({ verdict: 'ERROR', reason: 'bundle_truncated' });
    expect(checkOf(report, 'signature')).toMatchObject({ verdict: 'SKIPPED', reason: 'input_unreadable' });
  });

  it('an oversized bundle: ERROR bundle_too_large, refused before parsing', async () => {
    const { bundle, trustPolicy } = await scenario();
    const text = `${JSON.stringify(bundle)}${' '.repeat(MAX_BUNDLE_BYTES)}`;
    const report = await createVerifier(trustPolicy).verify(text);
    expect(report.verdict).toBe('ERROR');
    expect(checkOf(report, 'integrity')).toMatchObject({ verdict: 'ERROR', reason: 'bundle_too_large' });
  });

  it('something that is neither a bundle nor a credential: input_not_recognised', async () => {
    const { trustPolicy } = await scenario();
    const report = await createVerifier(trustPolicy).verify({ hello: 'world' });
    expect(checkOf(report, 'integrity')).toMatchObject({ verdict: 'ERROR', reason: 'input_not_recognised' });
  });

  it('a credential signed with a revoked key after its revocation time: issuer_key key_revoked', async () => {
    const report = await verifyScenario({ keyRevoked: '2026-02-01T00:00:00Z', withoutStatusList: true });
    expect(report.verdict).toBe('INVALID');
    const key = checkOf(report, 'issuer_key');
    expect(key).toMatchObject({ verdict: 'INVALID', reason: 'key_revoked' });
    expect(key.details).toMatchObject({ key: KEY_ID, revoked: '2026-02-01T00:00:00Z' });
    // The signature itself is mathematically fine: the key's validity is what fails.
    expect(checkOf(report, 'signature').verdict).toBe('OK');
  });

  it('a credential signed with a rotated-out key after it expired: issuer_key key_expired', async () => {
    const report = await verifyScenario({ keyExpires: '2026-02-15T12:00:00Z', withoutStatusList: true });
    expect(report.verdict).toBe('INVALID');
    expect(checkOf(report, 'issuer_key')).toMatchObject({ verdict: 'INVALID', reason: 'key_expired' });
  });

  it('a key revoked or rotated out after the document was signed leaves it valid', async () => {
    const revokedLater = await verifyScenario({ keyRevoked: '2026-06-01T00:00:00Z' });
    expect(checkOf(revokedLater, 'issuer_key')).toMatchObject({
      verdict: 'OK',
      reason: 'key_valid_at_issuance',
    });
    expect(revokedLater.verdict).toBe('VALID');
    const rotatedLater = await verifyScenario({ keyExpires: '2026-06-01T00:00:00Z' });
    expect(rotatedLater.verdict).toBe('VALID');
  });

  it('a backdated proof does not escape a revocation: the later of proof and entry time counts', async () => {
    const report = await verifyScenario({
      created: '2026-01-01T00:00:00Z',
      keyRevoked: '2026-02-01T00:00:00Z',
      withoutStatusList: true,
    });
    expect(checkOf(report, 'issuer_key')).toMatchObject({ verdict: 'INVALID', reason: 'key_revoked' });
  });

  it('a revoked document: status revoked, as of the logged status list', async () => {
    const report = await verifyScenario({ revoked: true });
    expect(report.verdict).toBe('INVALID');
    const status = checkOf(report, 'status');
    expect(status).toMatchObject({ verdict: 'INVALID', reason: 'revoked' });
    expect(status.message).toMatch(
      /as of the status list of 2026-03-02T08:00:00.000Z logged in the tree of 9/,
    );
    expect(report.status).toEqual({
      revoked: true,
      suspended: false,
      asOf: { treeSize: 9, statusListValidFrom: '2026-03-02T08:00:00.000Z' },
    });
  });

  it('a suspended document: status suspended', async () => {
    const report = await verifyScenario({ suspended: true });
    expect(checkOf(report, 'status')).toMatchObject({ verdict: 'INVALID', reason: 'suspended' });
    expect(report.status?.suspended).toBe(true);
  });

  it('a status list altered after signing: status_list_signature_invalid', async () => {
    const { bundle, trustPolicy } = await scenario();
    const lists = bundle.statusList?.credentials ?? [];
    const first = lists[0] as { validFrom: string };
    const altered = [{ ...first, validFrom: '2027-01-01T00:00:00.000Z' }, ...lists.slice(1)];
    const tampered = {
      ...bundle,
      statusList: { credentials: altered, tlogProofs: bundle.statusList?.tlogProofs ?? [] },
    };
    const report = await createVerifier(trustPolicy).verify(tampered);
    expect(checkOf(report, 'status')).toMatchObject({
      verdict: 'INVALID',
      reason: 'status_list_signature_invalid',
    });
  });

  it('a status list whose log proof is another entry’s: status_list_not_logged', async () => {
    const { bundle, trustPolicy } = await scenario();
    const proofs = bundle.statusList?.tlogProofs ?? [];
    const swapped = {
      ...bundle,
      statusList: {
        credentials: bundle.statusList?.credentials ?? [],
        tlogProofs: [proofs[1] as string, proofs[0] as string],
      },
    };
    const report = await createVerifier(trustPolicy).verify(swapped);
    expect(checkOf(report, 'status')).toMatchObject({ verdict: 'INVALID', reason: 'status_list_not_logged' });
  });

  it('a bundle whose status lists lack one the credential names: ERROR status_list_missing', async () => {
    const { bundle, trustPolicy } = await scenario();
    const only = {
      credentials: bundle.statusList?.credentials.slice(0, 1) ?? [],
      tlogProofs: bundle.statusList?.tlogProofs.slice(0, 1) ?? [],
    };
    const report = await createVerifier(trustPolicy).verify({ ...bundle, statusList: only });
    expect(checkOf(report, 'status')).toMatchObject({ verdict: 'ERROR', reason: 'status_list_missing' });
    expect(report.verdict).toBe('ERROR');
  });

  it('a log entry that is not an ISSUE, or of another record: integrity says which', async () => {
    const { bundle, trustPolicy } = await scenario();
    const proofs = bundle.statusList?.tlogProofs ?? [];
    // The status list's entry, offered as the credential's: right log, wrong kind and record.
    const report = await createVerifier(trustPolicy).verify({ ...bundle, tlogProof: proofs[0] as string });
    expect(checkOf(report, 'integrity')).toMatchObject({ verdict: 'INVALID', reason: 'entry_not_issue' });
    expect(checkOf(report, 'log_inclusion').verdict).toBe('OK');
    // Another document's genuine ISSUE entry: the record id does not match this credential.
    const other = await scenario({ documentNumber: 'INV-2026-0002' });
    const credential = { ...other.credential, id: 'urn:uuid:019a0000-0000-7000-8000-000000000002' };
    const mixed = await createVerifier(trustPolicy).verify({ ...bundle, credential });
    expect(checkOf(mixed, 'integrity')).toMatchObject({ verdict: 'INVALID', reason: 'record_id_mismatch' });
  });

  it('a malformed log proof: log_inclusion tlog_proof_malformed', async () => {
    const { bundle, trustPolicy } = await scenario();
    const report = await createVerifier(trustPolicy).verify({ ...bundle, tlogProof: 'not a proof' });
    expect(report.verdict).toBe('INVALID');
    expect(checkOf(report, 'log_inclusion')).toMatchObject({
      verdict: 'INVALID',
      reason: 'tlog_proof_malformed',
    });
    expect(checkOf(report, 'integrity')).toMatchObject({ verdict: 'SKIPPED', reason: 'entry_unavailable' });
  });
});

describe('verify: a network failure is ERROR, never INVALID or revoked', () => {
  it('a DID resolver that throws: issuer_identity ERROR network_error; the other checks still run', async () => {
    const report = await verifyScenario(
      { unpinned: true },
      {
        resolveDid: async () => {
          throw new NetworkError('connect ECONNREFUSED 127.0.0.1:443');
        },
      },
    );
    expect(report.verdict).toBe('ERROR');
    expect(checkOf(report, 'issuer_identity')).toMatchObject({ verdict: 'ERROR', reason: 'network_error' });
    expect(checkOf(report, 'issuer_identity').message).toContain('ECONNREFUSED');
    expect(checkOf(report, 'signature').verdict).toBe('OK');
    expect(report.checks.some((c) => c.verdict === 'INVALID')).toBe(false);
  });

  it('the did:web resolver over a failing fetch: ERROR network_error', async () => {
    const failingFetch = async () => {
      throw new TypeError('fetch failed');
    };
    const report = await verifyScenario(
      { unpinned: true },
      { resolveDid: createDidWebResolver({ fetch: failingFetch }) },
    );
    expect(checkOf(report, 'issuer_identity')).toMatchObject({ verdict: 'ERROR', reason: 'network_error' });
    expect(report.verdict).toBe('ERROR');
  });

  it('a resolver answering with another DID’s document: ERROR did_resolution_failed', async () => {
    const report = await verifyScenario(
      { unpinned: true },
      { resolveDid: async () => ({ id: 'did:web:elsewhere.example' }) },
    );
    expect(checkOf(report, 'issuer_identity')).toMatchObject({
      verdict: 'ERROR',
      reason: 'did_resolution_failed',
    });
  });

  it('a status list fetch that fails: status ERROR network_error, not revoked', async () => {
    const calls: string[] = [];
    const report = await verifyScenario(
      { withoutStatusList: true, revoked: true },
      {
        fetchStatusList: async (url) => {
          calls.push(url);
          throw new NetworkError('socket hang up');
        },
      },
    );
    expect(calls).toHaveLength(1);
    expect(checkOf(report, 'status')).toMatchObject({ verdict: 'ERROR', reason: 'network_error' });
    expect(report.status).toBeUndefined();
    expect(report.verdict).toBe('ERROR');
  });

  it('the status list fetcher over an HTTP 503: ERROR network_error', async () => {
    const fetch = async () => ({ ok: false, status: 503, text: async () => 'busy' });
    const report = await verifyScenario(
      { withoutStatusList: true },
      { fetchStatusList: createStatusListFetcher({ fetch }) },
    );
    expect(checkOf(report, 'status')).toMatchObject({ verdict: 'ERROR', reason: 'network_error' });
    expect(checkOf(report, 'status').message).toContain('HTTP 503');
  });

  it('a status list fetched online is checked (signature, bit) and reported as not proven in the log', async () => {
    const { bundle } = await scenario({ revoked: true });
    const lists = bundle.statusList?.credentials ?? [];
    const report = await verifyScenario(
      { withoutStatusList: true, revoked: true },
      { fetchStatusList: async (url) => lists.find((l) => l.id === url) },
    );
    const status = checkOf(report, 'status');
    expect(status).toMatchObject({ verdict: 'INVALID', reason: 'revoked' });
    expect(status.message).toMatch(/not proven in the log/);
    expect(report.status?.asOf).toEqual({ statusListValidFrom: '2026-03-02T08:00:00.000Z' });
  });
});

describe('verify: bare credentials, separate credentials and policies', () => {
  it('a bare credential: the log checks cannot be made, so the verdict is ERROR, not VALID', async () => {
    const { credential, trustPolicy } = await scenario();
    const report = await createVerifier(trustPolicy).verify(credential);
    expect(verdicts(report)).toEqual({
      integrity: 'SKIPPED no_proof_bundle',
      signature: 'OK signature_verified',
      issuer_key: 'OK key_valid_at_issuance',
      issuer_identity: 'OK did_document_pinned',
      log_inclusion: 'ERROR no_proof_bundle',
      checkpoint: 'SKIPPED no_proof_bundle',
      witnesses: 'SKIPPED no_proof_bundle',
      status: 'SKIPPED no_status_list',
    });
    expect(report.verdict).toBe('ERROR');
  });

  it('a bare credential with no DID document anywhere: signature ERROR no_did_document', async () => {
    const { credential } = await scenario();
    const report = await createVerifier(null).verify(credential);
    expect(checkOf(report, 'signature')).toMatchObject({ verdict: 'ERROR', reason: 'no_did_document' });
    expect(checkOf(report, 'issuer_identity')).toMatchObject({ verdict: 'ERROR', reason: 'no_did_document' });
  });

  it('verify(credential, bundle, trust) checks the given credential against the bundle’s evidence', async () => {
    const { credential, bundle, trustPolicy } = await scenario();
    expect((await verify(credential, bundle, trustPolicy)).verdict).toBe('VALID');
    const subject = { ...(credential.credentialSubject as object), documentNumber: 'INV-FORGED' };
    const forged = await verify({ ...credential, credentialSubject: subject }, bundle, trustPolicy);
    expect(checkOf(forged, 'integrity')).toMatchObject({ verdict: 'INVALID', reason: 'doc_hash_mismatch' });
    expect((await verify(bundle, undefined, trustPolicy)).verdict).toBe('VALID');
  });

  it('no trust policy: checkpoint and witnesses are ERROR no_trust_policy', async () => {
    const { bundle } = await scenario();
    const report = await createVerifier(null).verify(bundle);
    expect(checkOf(report, 'checkpoint')).toMatchObject({ verdict: 'ERROR', reason: 'no_trust_policy' });
    expect(checkOf(report, 'witnesses')).toMatchObject({ verdict: 'ERROR', reason: 'no_trust_policy' });
    expect(report.verdict).toBe('ERROR');
  });

  it('refuses a trust policy that does not parse', () => {
    expect(() => createVerifier({ type: 'tradehub-trust-policy/v1', logs: 'x' })).toThrow(
      /Invalid trust policy/,
    );
  });
});

describe('verify: bulk verification', { timeout: 60_000 }, () => {
  let verifier: Verifier;
  let bundles: Scenario[];
  beforeAll(async () => {
    bundles = await Promise.all([scenario(), scenario({ revoked: true }), scenario({ suspended: true })]);
  });

  it('checks a checkpoint once per verifier, however many documents it covers', async () => {
    const { trustPolicy, bundle } = bundles[0] as Scenario;
    verifier = createVerifier(trustPolicy);
    const reports = await Promise.all(Array.from({ length: 25 }, () => verifier.verify(bundle)));
    expect(new Set(reports.map((r) => r.verdict))).toEqual(new Set(['VALID']));
    expect(verifier.stats()).toEqual({ checkpointsChecked: 1, statusListsChecked: 2 });
  });

  it('WebCrypto, @noble and node:crypto give the same report for every scenario', async () => {
    const options: ScenarioOptions[] = [
      {},
      { revoked: true },
      { unknownLogKey: true },
      { rolledBackCosignature: true },
      { proofTreeSize: 6 },
      { keyRevoked: '2026-02-01T00:00:00Z' },
      { keyExpires: '2026-06-01T00:00:00Z' },
    ];
    for (const option of options) {
      const { bundle, trustPolicy } = await scenario(option);
      const web = createVerifier(trustPolicy, { crypto: 'webcrypto' });
      const noble = createVerifier(trustPolicy, { crypto: 'noble' });
      const node = createVerifier(trustPolicy, { crypto: nodeEd25519 });
      const tampered = {
        ...bundle,
        credential: { ...bundle.credential, validFrom: '2026-03-01T10:00:01.000Z' },
      };
      for (const input of [bundle, tampered]) {
        const expected = await noble.verify(input);
        expect(await web.verify(input)).toEqual(expected);
        expect(await node.verify(input)).toEqual(expected);
      }
      expect(node.cryptoBackend()).toBe('custom');
      expect(web.cryptoBackend()).toBe('webcrypto');
      expect(noble.cryptoBackend()).toBe('noble');
    }
  });
});

describe('verify: any single changed byte is caught', () => {
  it('never gives VALID for a byte flipped in the credential, the log proof, the checkpoint or a cosignature', async () => {
    const { bundle, trustPolicy, checkpointNote } = await scenario();
    const verifier = createVerifier(trustPolicy);
    const text = JSON.stringify(bundle);
    const bytes = utf8Encode(text);
    const region = (part: string) => {
      const encoded = JSON.stringify(part).slice(1, -1);
      const start = utf8Encode(text.slice(0, text.indexOf(encoded))).length;
      return { start, end: start + utf8Encode(encoded).length };
    };
    const credentialText = JSON.stringify(bundle.credential);
    const credentialStart = text.indexOf(credentialText);
    const lines = checkpointNote.split('\n');
    const regions = [
      { start: credentialStart, end: credentialStart + credentialText.length },
      region(bundle.tlogProof),
      region(checkpointNote.slice(0, checkpointNote.indexOf('\n\n'))),
      region(lines.find((l) => l.startsWith('— customs.example/witness')) as string),
      region(lines.find((l) => l.startsWith('— bank.example/witness')) as string),
    ];
    for (const r of regions) {
      expect(r.start).toBeGreaterThan(0);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: regions.length - 1 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (which, offset, mask) => {
          const { start, end } = regions[which] as { start: number; end: number };
          const at = start + (offset % (end - start));
          const flipped = bytes.slice();
          flipped[at] = (flipped[at] as number) ^ mask;
          const report = await verifier.verify(flipped);
          expect(report.verdict).not.toBe('VALID');
          const failed = report.checks.filter((c) => c.verdict === 'INVALID' || c.verdict === 'ERROR');
          expect(failed.length).toBeGreaterThan(0);
          if (report.verdict === 'ERROR') {
            // Only unreadable input may stop short of INVALID.
            expect(checkOf(report, 'integrity').reason).toMatch(/^bundle_|^input_not_recognised$/);
          }
        },
      ),
      { numRuns: 300, seed: 20260301 },
    );
  }, 60_000);

  it('turns hostile objects (cycles, throwing getters) into an ERROR report instead of throwing', async () => {
    // Unpinned, so the bundle's own DID document is the one read.
    const { bundle, trustPolicy } = await scenario({ unpinned: true });
    const verifier = createVerifier(trustPolicy);
    const cyclic: Record<string, unknown> = { ...bundle.credential };
    cyclic.loop = cyclic;
    const hostile = { ...bundle, issuerDidDocument: { ...bundle.issuerDidDocument } };
    Object.defineProperty(hostile.issuerDidDocument, 'verificationMethod', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    for (const input of [{ ...bundle, credential: cyclic }, hostile]) {
      const report = await verifier.verify(input);
      expect(report.verdict).not.toBe('VALID');
    }
    const thrown = await verifier.verify(hostile);
    expect(thrown.verdict).toBe('ERROR');
    expect(thrown.checks[0]?.message).toContain('boom');
  });

  it('never throws, whatever the input', async () => {
    const { trustPolicy } = await scenario();
    const verifier = createVerifier(trustPolicy);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.string(), fc.uint8Array()), async (input) => {
        const report = await verifier.verify(input);
        expect(report.verdict).not.toBe('VALID');
      }),
      { numRuns: 200, seed: 7 },
    );
  }, 30_000);
});

describe('VERIFICATION_REASONS', () => {
  it('lists every reason once, each with English and Chinese text', () => {
    expect(new Set(VERIFICATION_REASONS).size).toBe(VERIFICATION_REASONS.length);
    for (const reason of VERIFICATION_REASONS) {
      expect(reason).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(VERIFICATION_REASON_TEXT[reason].en.length).toBeGreaterThan(5);
      expect(VERIFICATION_REASON_TEXT[reason].zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('covers the reasons of real reports', async () => {
    const report = await verifyScenario({ revoked: true });
    for (const check of report.checks) {
      expect(VERIFICATION_REASONS).toContain(check.reason);
    }
    expect(utf8Decode(utf8Encode(JSON.stringify(report)))).toContain('"verdict":"INVALID"');
  });
});
