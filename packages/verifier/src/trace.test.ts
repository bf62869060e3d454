import { toHex, utf8Encode } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRUST_POLICY_TYPE, type TrustPolicy } from './bundle.ts';
import { formatCheckpoint } from './checkpoint.ts';
import { runCli } from './cli.ts';
import { actorHashOfEd25519Key, signTradeLogEntry, TradeLogEntryKind, ZERO_HASH } from './entry.ts';
import { inclusionProof, leafHash, rootFromLeafHashes } from './merkle.ts';
import { formatVerifierKey, signNote, toBase64 } from './note.ts';
import { impostorLogSigner, issuerSigner, logSigner, ORIGIN } from './test-support.ts';
import { formatTlogProof } from './tlog-proof.ts';
import {
  type Trace,
  type TraceCommitment,
  traceBatchRecordId,
  traceChainHash,
  traceEventHash,
  traceGenesis,
  traceHeadHash,
  verifyTrace,
} from './trace.ts';
import { issueBatchAux, issueBatchLeafHash } from './verify-batch.ts';

const SHIPMENT = { id: 'shp_01JTRACE0000000000000000AB', reference: 'YW-2026-0117' };
const SIGNER = 'did:web:hub.example:org:org_01JCARRIER00000000000000AB';
const OTHER_SHIPMENT = 'shp_01JTRACE0000000000000000CD';

const eventBody = (n: number) => ({
  eventID: `0b6c6f1e-3c1a-4f4b-9d1e-${String(n).padStart(12, '0')}`,
  eventCreatedDateTime: '2026-01-09T14:12:56+01:00',
  eventType: 'SHIPMENT',
  eventClassifierCode: 'ACT',
  eventDateTime: `2026-01-${String(10 + n).padStart(2, '0')}T07:41:00+08:00`,
  shipmentEventTypeCode: ['RECE', 'CONF', 'ISSU', 'APPR'][n % 4],
  documentID: 'TDR-0001',
  documentTypeCode: 'TRD',
});

const logVerifierKey = formatVerifierKey(ORIGIN, logSigner.publicKey);

const policy = (vkey = logVerifierKey): TrustPolicy => ({
  type: TRUST_POLICY_TYPE,
  logs: [{ origin: ORIGIN, vkeys: [vkey] }],
});

/**
 * A real trace of `count` events: heads committed at length 2 (in a batch with another shipment's
 * head) and at `count` (alone), both TRACE_BATCH entries in a log of 7 entries whose checkpoint
 * `signer` signed.
 */
function buildTrace(count = 5, signer = logSigner): Trace {
  const bodies = Array.from({ length: count }, (_, n) => eventBody(n));
  const chain: Uint8Array[] = [];
  let previous = traceGenesis(SHIPMENT.id, SHIPMENT.reference);
  for (const body of bodies) {
    previous = traceChainHash(previous, traceEventHash(body));
    chain.push(previous);
  }
  const batches = [
    { id: 'tbt_01JTRACE000000000000000001', heads: [{ length: 2 }, { other: true }] },
    { id: 'tbt_01JTRACE000000000000000002', heads: [{ length: count }] },
  ].map((b) => {
    const members = b.heads.map((h) =>
      'other' in h
        ? traceHeadHash(OTHER_SHIPMENT, 9, new Uint8Array(32).fill(7))
        : traceHeadHash(SHIPMENT.id, h.length, chain[h.length - 1] as Uint8Array),
    );
    const leaves = members.map(issueBatchLeafHash);
    const entry = signTradeLogEntry(
      {
        kind: TradeLogEntryKind.TRACE_BATCH,
        timeMs: Date.parse('2026-01-20T00:00:00Z'),
        recordId: traceBatchRecordId(SIGNER, b.id),
        docHash: rootFromLeafHashes(leaves),
        prevEntryHash: ZERO_HASH,
        actor: actorHashOfEd25519Key(issuerSigner.publicKey),
        counterparty: ZERO_HASH,
        aux: issueBatchAux(members.length),
      },
      issuerSigner.sign,
    );
    return { ...b, leaves, entry };
  });
  const entries: Uint8Array[] = Array.from({ length: 7 }, (_, i) => Uint8Array.of(0xee, i));
  entries[2] = batches[0]?.entry as Uint8Array;
  entries[5] = batches[1]?.entry as Uint8Array;
  const logLeaves = entries.map(leafHash);
  const checkpoint = signNote(
    formatCheckpoint({ origin: ORIGIN, size: logLeaves.length, rootHash: rootFromLeafHashes(logLeaves) }),
    [signer],
  );
  const commitments: TraceCommitment[] = batches.map((b, i) => {
    const length = i === 0 ? 2 : count;
    const at = i === 0 ? 2 : 5;
    return {
      length,
      head: toHex(chain[length - 1] as Uint8Array),
      batch: {
        id: b.id,
        signer: SIGNER,
        index: 0,
        size: b.leaves.length,
        path: inclusionProof(b.leaves, 0).map(toBase64),
      },
      tlogProof: formatTlogProof({
        extra: b.entry,
        index: at,
        hashes: inclusionProof(logLeaves, at),
        checkpoint,
      }),
    };
  });
  return {
    type: 'tradehub-trace/v1',
    shipment: SHIPMENT,
    log: { origin: ORIGIN, verifierKey: logVerifierKey },
    events: bodies.map((body, index) => ({
      index,
      eventID: body.eventID,
      chainHash: toHex(chain[index] as Uint8Array),
      body,
    })),
    commitments,
  };
}

const mutable = (trace: Trace) => structuredClone(trace) as Trace & { events: Trace['events'][number][] };

describe('verifyTrace', () => {
  it('accepts a whole trace, against a trust policy and against its own log key', () => {
    const trace = buildTrace();
    const report = verifyTrace(trace, policy());
    expect(report.checks.filter((c) => c.verdict !== 'OK' && c.verdict !== 'SKIPPED')).toEqual([]);
    expect(report).toMatchObject({ verdict: 'VALID', eventCount: 5, committedLength: 5 });
    expect(report.problem).toBeUndefined();
    const own = verifyTrace(JSON.stringify(trace), null);
    expect(own.verdict).toBe('VALID');
    expect(own.checks.find((c) => c.check === 'log_key')).toMatchObject({
      verdict: 'SKIPPED',
      reason: 'log_key_from_trace',
    });
  });

  it('names an altered event by eventID and index', () => {
    const trace = mutable(buildTrace());
    const victim = trace.events[3] as { body: Record<string, unknown> };
    victim.body = { ...victim.body, shipmentEventTypeCode: 'REJE' };
    const report = verifyTrace(trace, policy());
    expect(report.verdict).toBe('INVALID');
    expect(report.problem).toMatchObject({ kind: 'altered', index: 3, eventID: eventBody(3).eventID });
  });

  it('names a missing event in the middle and a cut tail', () => {
    const middle = mutable(buildTrace());
    middle.events.splice(1, 1);
    expect(verifyTrace(middle, policy()).problem).toMatchObject({ kind: 'missing', index: 1 });
    const tail = mutable(buildTrace());
    tail.events.pop();
    const report = verifyTrace(tail, policy());
    expect(report.verdict).toBe('INVALID');
    expect(report.problem).toMatchObject({ kind: 'missing', index: 4 });
  });

  it('names a reordering, whether or not the indices were renumbered', () => {
    const swapped = mutable(buildTrace());
    const [one, three] = [swapped.events[1], swapped.events[3]];
    swapped.events[1] = { ...(three as Trace['events'][number]), index: 1 };
    swapped.events[3] = { ...(one as Trace['events'][number]), index: 3 };
    expect(verifyTrace(swapped, policy()).problem).toMatchObject({
      kind: 'reordered',
      index: 1,
      eventID: eventBody(1).eventID,
    });
    const moved = mutable(buildTrace());
    moved.events.reverse();
    expect(verifyTrace(moved, policy()).problem).toMatchObject({ kind: 'reordered', index: 0 });
  });

  it('refuses a checkpoint of another key, a log key the policy does not list, and a wrong batch path', () => {
    const impostor = verifyTrace(buildTrace(5, impostorLogSigner), policy());
    expect(impostor.verdict).toBe('INVALID');
    expect(impostor.checks.find((c) => c.check === 'checkpoint')?.verdict).toBe('INVALID');
    const otherKey = verifyTrace(
      buildTrace(),
      policy(formatVerifierKey(ORIGIN, impostorLogSigner.publicKey)),
    );
    expect(otherKey.checks.find((c) => c.check === 'log_key')?.verdict).toBe('INVALID');
    const wrongIndex = mutable(buildTrace());
    const commitments = wrongIndex.commitments as TraceCommitment[];
    commitments[0] = {
      ...(commitments[0] as TraceCommitment),
      batch: { ...(commitments[0] as TraceCommitment).batch, index: 1 },
    };
    const report = verifyTrace(wrongIndex, policy());
    expect(report.checks.find((c) => c.check === 'commitments')?.reason).toBe('batch_invalid');
  });

  it('says events after the last committed head are not checked yet, and a trace without heads too', () => {
    const early = { ...buildTrace(), commitments: buildTrace().commitments.slice(0, 1) };
    const report = verifyTrace(early, policy());
    expect(report.verdict).toBe('ERROR');
    expect(report.problem).toMatchObject({ kind: 'not_committed', index: 2, eventID: eventBody(2).eventID });
    expect(verifyTrace({ ...buildTrace(), commitments: [] }, policy()).verdict).toBe('ERROR');
  });

  it('reports unreadable input as ERROR, never throwing', () => {
    for (const input of ['{', '{}', utf8Encode('[1]'), { type: 'tradehub-trace/v1', extra: 1 }, null]) {
      expect(verifyTrace(input, null).verdict).toBe('ERROR');
    }
  });

  it('never verifies a trace with any single byte changed as VALID', () => {
    const bytes = utf8Encode(JSON.stringify(buildTrace(4)));
    expect(verifyTrace(bytes, policy()).verdict).toBe('VALID');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        (position, delta, withPolicy) => {
          const changed = bytes.slice();
          changed[position] = ((changed[position] as number) + delta) % 256;
          return verifyTrace(changed, withPolicy ? policy() : null).verdict !== 'VALID';
        },
      ),
      { numRuns: 600, seed: 6 },
    );
  }, 60_000);
});

describe('tradehub-verify with a trace', () => {
  const cli = async (trace: unknown, args: string[] = []) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['shipment.trace.json', ...args], {
      readFile: async () => utf8Encode(JSON.stringify(trace)),
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  };

  it('prints VALID and exits 0, in English and Chinese', async () => {
    const en = await cli(buildTrace());
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('VALID: every check passed');
    expect(en.stdout).toContain(SHIPMENT.id);
    expect(en.stderr).toContain('no trust policy');
    const zh = await cli(buildTrace(), ['--lang', 'zh']);
    expect(zh.stdout).toContain('有效：全部检查通过');
  });

  it('prints INVALID naming the event and exits 1; --json gives the report', async () => {
    const trace = mutable(buildTrace());
    const victim = trace.events[2] as { body: Record<string, unknown> };
    victim.body = { ...victim.body, documentID: 'TDR-9999' };
    const human = await cli(trace);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`eventID ${eventBody(2).eventID}`);
    expect(human.stdout).toContain('INVALID');
    const zh = await cli(trace, ['--lang', 'zh']);
    expect(zh.stdout).toContain('被篡改的事件');
    const json = await cli(trace, ['--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      verdict: 'INVALID',
      problem: { kind: 'altered', index: 2 },
    });
  });

  it('exits 2 when heads are not committed yet', async () => {
    const early = { ...buildTrace(), commitments: [] };
    expect((await cli(early)).code).toBe(2);
  });
});
