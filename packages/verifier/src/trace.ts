// A shipment's verifiable trace (docs/logistics-trace.md): the tracking events the hub accepted for
// one consignment form a hash chain in arrival order, and every ingest transaction commits the
// heads of the chains it moved to the transparency log in one TRACE_BATCH entry. This file holds
// - the hashes, shared by the hub that builds the chain and the verifier that replays it;
// - the `tradehub-trace/v1` export and verifyTrace(), which checks a whole trace offline: every
//   event's RFC 8785 hash, the chain, each committed head against the chain at its length, the
//   head's path in its batch, and the batch entry's tlog-proof against the log key. It names the
//   first event that was altered, is missing or is out of place.

import { canonicalize, constantTimeEqual, toHex, utf8Decode, utf8Encode } from '@tradehub/kernel';
import type { ParsedTrustPolicy } from './bundle.ts';
import { parseTrustPolicy, TRUST_POLICY_TYPE } from './bundle.ts';
import type { CheckResult, Verdict } from './check-result.ts';
import { isObject } from './check-result.ts';
import type { TradeLogEntry } from './entry.ts';
import { parseTradeLogEntry, TradeLogEntryKind } from './entry.ts';
import { rootFromInclusionProof } from './merkle.ts';
import { fromBase64 } from './note.ts';
import { sha256 } from './sha256.ts';
import type { TlogProof } from './tlog-proof.ts';
import { parseTlogProof } from './tlog-proof.ts';
import type { VerificationReason } from './verification-reasons.ts';
import { VERIFICATION_REASON_TEXT } from './verification-reasons.ts';
import { issueBatchLeafHash, issueBatchSizeOf } from './verify-batch.ts';
import type { CheckpointEvaluation } from './verify-log.ts';
import { checkInclusion, evaluateCheckpoint } from './verify-log.ts';

// ---------------------------------------------------------------------------------------------
// The hashes. Each starts with its own domain string, so no hash of one kind is ever taken for
// another (a chain hash for a head leaf, a head of one shipment for another's).

const GENESIS_DOMAIN = 'tradehub-trace/v1 genesis\n';
const EVENT_DOMAIN = 'tradehub-trace/v1 event\n';
const HEAD_DOMAIN = 'tradehub-trace/v1 head\n';
const RECORD_DOMAIN = 'trace/v1\n';
const BATCH_DOMAIN = 'trace-batch/v1\n';

const concat = (...parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/**
 * The hash the chain of a shipment starts from: SHA-256("tradehub-trace/v1 genesis\n" || shipment
 * id || "\n" || shipment reference). It binds the chain to its shipment, so events cannot be
 * carried over to another shipment's trace.
 */
export function traceGenesis(shipmentId: string, reference: string): Uint8Array {
  return sha256(utf8Encode(`${GENESIS_DOMAIN}${shipmentId}\n${reference}`));
}

/** chain_i = SHA-256("tradehub-trace/v1 event\n" || chain_(i-1) || SHA-256(JCS(event i))), 32-byte values. */
export function traceChainHash(previous: Uint8Array, bodySha256: Uint8Array): Uint8Array {
  return sha256(concat(utf8Encode(EVENT_DOMAIN), previous, bodySha256));
}

/** The record id of a shipment's trace: SHA-256("trace/v1\n" || shipment id). */
export function traceRecordId(shipmentId: string): Uint8Array {
  return sha256(utf8Encode(`${RECORD_DOMAIN}${shipmentId}`));
}

/**
 * What a TRACE_BATCH commits per shipment (the member hash, a leaf of the batch tree after the
 * RFC 6962 0x00 prefix): SHA-256("tradehub-trace/v1 head\n" || trace record id || uint64 length
 * (big-endian) || head).
 */
export function traceHeadHash(shipmentId: string, length: number, head: Uint8Array): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 1) {
    throw new RangeError(`a committed chain has at least one event, got ${length}`);
  }
  const size = new Uint8Array(8);
  new DataView(size.buffer).setBigUint64(0, BigInt(length));
  return sha256(concat(utf8Encode(HEAD_DOMAIN), traceRecordId(shipmentId), size, head));
}

/** record_id of a TRACE_BATCH entry: SHA-256("trace-batch/v1\n" || sender DID || "\n" || batch id). */
export function traceBatchRecordId(senderDid: string, batchId: string): Uint8Array {
  return sha256(utf8Encode(`${BATCH_DOMAIN}${senderDid}\n${batchId}`));
}

/** SHA-256 of an event's RFC 8785 canonical JSON: what the chain hashes of it. */
export function traceEventHash(body: unknown): Uint8Array {
  return sha256(utf8Encode(canonicalize(body)));
}

// ---------------------------------------------------------------------------------------------
// The export format.

/** The `type` of a trace export. */
export const TRACE_TYPE = 'tradehub-trace/v1';
/** The largest trace accepted, in UTF-8 bytes. */
export const MAX_TRACE_BYTES = 64 * 1024 * 1024;
/** The most events and commitments one trace may carry. */
export const MAX_TRACE_EVENTS = 100_000;
export const MAX_TRACE_COMMITMENTS = 100_000;

/** One event as received, at its place in the chain. */
export type TraceEvent = {
  readonly index: number;
  readonly eventID: string;
  /** Hex of chain_index after this event. */
  readonly chainHash: string;
  /** The DCSA event exactly as the hub accepted it. */
  readonly body: { readonly [key: string]: unknown };
};

/** A head committed to the log: the chain at `length` events, and where the log holds it. */
export type TraceCommitment = {
  readonly length: number;
  /** Hex of the chain hash after `length` events. */
  readonly head: string;
  readonly batch: {
    readonly id: string;
    /** DID of the organisation whose key signed the TRACE_BATCH entry (the events' sender). */
    readonly signer: string;
    readonly index: number;
    readonly size: number;
    /** RFC 9162 inclusion path of the head in the batch tree, standard base64, leaf's sibling first. */
    readonly path: readonly string[];
  };
  /** C2SP tlog-proof@v1 of the batch entry (the entry in `extra`). */
  readonly tlogProof: string;
};

/** A parsed `tradehub-trace/v1`. */
export type Trace = {
  readonly type: typeof TRACE_TYPE;
  readonly shipment: { readonly id: string; readonly reference: string };
  /** The log the commitments are in: its checkpoint origin and verifier key. */
  readonly log: { readonly origin: string; readonly verifierKey: string };
  readonly events: readonly TraceEvent[];
  readonly commitments: readonly TraceCommitment[];
};

export type TraceParseResult =
  | { readonly ok: true; readonly trace: Trace }
  | { readonly ok: false; readonly message: string };

const TRACE_MEMBERS = ['type', 'shipment', 'log', 'events', 'commitments'];
const SHIPMENT_MEMBERS = ['id', 'reference'];
const LOG_MEMBERS = ['origin', 'verifierKey'];
const EVENT_MEMBERS = ['index', 'eventID', 'chainHash', 'body'];
const COMMITMENT_MEMBERS = ['length', 'head', 'batch', 'tlogProof'];
const BATCH_MEMBERS = ['id', 'signer', 'index', 'size', 'path'];
const HEX_HASH = /^[0-9a-f]{64}$/;

const hasOnly = (value: Record<string, unknown>, allowed: readonly string[]) =>
  Object.keys(value).every((key) => allowed.includes(key));

const isText = (value: unknown, max = 4096): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function traceFromValue(value: unknown): TraceParseResult {
  const fail = (message: string): TraceParseResult => ({ ok: false, message });
  if (!isObject(value) || value.type !== TRACE_TYPE) {
    return fail(`A trace is a JSON object with "type": "${TRACE_TYPE}"`);
  }
  if (!hasOnly(value, TRACE_MEMBERS)) {
    return fail(`A ${TRACE_TYPE} has only the members ${TRACE_MEMBERS.join(', ')}`);
  }
  const { shipment, log, events, commitments } = value;
  if (
    !isObject(shipment) ||
    !hasOnly(shipment, SHIPMENT_MEMBERS) ||
    !isText(shipment.id, 64) ||
    !isText(shipment.reference, 100)
  ) {
    return fail('shipment is {id, reference}');
  }
  if (!isObject(log) || !hasOnly(log, LOG_MEMBERS) || !isText(log.origin) || !isText(log.verifierKey)) {
    return fail('log is {origin, verifierKey}');
  }
  if (!Array.isArray(events) || events.length > MAX_TRACE_EVENTS) {
    return fail(`events is an array of at most ${MAX_TRACE_EVENTS} events`);
  }
  for (const event of events) {
    if (
      !isObject(event) ||
      !hasOnly(event, EVENT_MEMBERS) ||
      !isCount(event.index) ||
      !isText(event.eventID, 100) ||
      typeof event.chainHash !== 'string' ||
      !HEX_HASH.test(event.chainHash) ||
      !isObject(event.body)
    ) {
      return fail('every event is {index, eventID, chainHash (64 lower-case hex digits), body}');
    }
  }
  if (!Array.isArray(commitments) || commitments.length > MAX_TRACE_COMMITMENTS) {
    return fail(`commitments is an array of at most ${MAX_TRACE_COMMITMENTS} commitments`);
  }
  for (const commitment of commitments) {
    const batch = isObject(commitment) ? commitment.batch : undefined;
    if (
      !isObject(commitment) ||
      !hasOnly(commitment, COMMITMENT_MEMBERS) ||
      !isCount(commitment.length) ||
      commitment.length < 1 ||
      typeof commitment.head !== 'string' ||
      !HEX_HASH.test(commitment.head) ||
      !isText(commitment.tlogProof, 2 * 1024 * 1024) ||
      !isObject(batch) ||
      !hasOnly(batch, BATCH_MEMBERS) ||
      !isText(batch.id, 200) ||
      !isText(batch.signer) ||
      !isCount(batch.index) ||
      !isCount(batch.size) ||
      batch.index >= batch.size ||
      !Array.isArray(batch.path) ||
      batch.path.length > 64 ||
      !batch.path.every((hash) => typeof hash === 'string' && hash.length <= 64)
    ) {
      return fail(
        'every commitment is {length (at least 1), head (64 hex digits), batch {id, signer, index, size, path}, tlogProof}',
      );
    }
  }
  return { ok: true, trace: value as unknown as Trace };
}

/** Parses a `tradehub-trace/v1` from text, bytes or a parsed value; checks the layout only. Never throws. */
export function parseTrace(input: unknown): TraceParseResult {
  let value = input;
  try {
    if (input instanceof Uint8Array || typeof input === 'string') {
      if (input.length > MAX_TRACE_BYTES) {
        return { ok: false, message: `The trace is larger than ${MAX_TRACE_BYTES} bytes` };
      }
      const text = typeof input === 'string' ? input : utf8Decode(input, { fatal: true });
      value = JSON.parse(text) as unknown;
    }
  } catch {
    return { ok: false, message: 'The trace is not UTF-8 JSON' };
  }
  return traceFromValue(value);
}

/** True when a parsed JSON value looks like a trace (its `type`), for tools that read several formats. */
export function isTraceValue(value: unknown): boolean {
  return isObject(value) && value.type === TRACE_TYPE;
}

// ---------------------------------------------------------------------------------------------
// Verification.

/** The checks of a trace report, in order. */
export const TRACE_CHECKS = [
  'events',
  'commitments',
  'log_key',
  'log_inclusion',
  'checkpoint',
  'witnesses',
] as const;

export type TraceCheckName = (typeof TRACE_CHECKS)[number];

/** Reason codes of the trace checks, with English and Chinese texts (the log checks reuse verify()'s). */
export const TRACE_REASON_TEXT = {
  trace_unreadable: { en: 'The trace could not be read', zh: '无法读取追踪记录' },
  chain_intact: {
    en: 'Every event is unaltered and in its place in the chain',
    zh: '每个事件均未被篡改，且在链中的位置正确',
  },
  event_altered: { en: 'An event was altered after it was received', zh: '有事件在接收后被篡改' },
  event_missing: { en: 'An event is missing from the trace', zh: '追踪记录中缺少事件' },
  event_reordered: { en: 'Events are out of their received order', zh: '事件顺序与接收顺序不符' },
  heads_committed: {
    en: 'Every committed head matches the chain and is in its logged batch',
    zh: '每个已提交的链头都与事件链一致，并包含在已登记的批次中',
  },
  head_mismatch: {
    en: 'The chain does not match a head committed to the log',
    zh: '事件链与日志中提交的链头不一致',
  },
  batch_invalid: {
    en: "A committed head's batch entry or path is not the logged one",
    zh: '已提交链头的批次条目或路径与日志记录不符',
  },
  events_not_committed: {
    en: 'Not checked: the newest events are not committed to the log yet',
    zh: '未检查：最新的事件尚未提交到日志',
  },
  no_commitments: {
    en: 'Not checked: no head of this trace is committed to the log yet',
    zh: '未检查：该追踪记录尚无链头提交到日志',
  },
  log_key_from_policy: { en: "The log's key comes from the trust policy", zh: '日志密钥来自信任策略' },
  log_key_from_trace: {
    en: "The log's key was taken from the trace itself: pin it with a trust policy (--trust)",
    zh: '日志密钥取自追踪记录本身：请用信任策略（--trust）固定该密钥',
  },
  all_included: { en: 'Every committed head is in the log', zh: '所有已提交的链头均已记入日志' },
  checkpoints_signed: { en: 'The checkpoints are signed by a trusted log', zh: '检查点由受信任的日志签名' },
  witnesses_met: { en: 'Enough independent witnesses cosigned', zh: '已有足够的独立见证方联署' },
  log_key_mismatch: {
    en: 'The trace names a log key the trust policy does not list',
    zh: '追踪记录中的日志密钥不在信任策略中',
  },
} as const satisfies Record<string, { en: string; zh: string }>;

export type TraceReason = keyof typeof TRACE_REASON_TEXT;

/** The outcome of one check of a trace. */
export type TraceCheckResult = {
  readonly check: TraceCheckName;
  readonly verdict: Verdict;
  readonly reason: TraceReason | VerificationReason;
  readonly message: string;
};

/** The first problem found in the events, named by eventID and chain index. */
export type TraceProblem = {
  readonly kind: 'altered' | 'missing' | 'reordered' | 'head_mismatch' | 'not_committed';
  /** The chain index (0-based) where the trace stops matching. */
  readonly index: number;
  /** The event at fault, when the trace carries it (a missing event has none). */
  readonly eventID?: string;
  readonly message: string;
};

/** The whole answer for a trace. */
export type TraceReport = {
  /** INVALID if any check is INVALID; else ERROR if any is ERROR; else VALID. */
  readonly verdict: 'VALID' | 'INVALID' | 'ERROR';
  readonly checks: readonly TraceCheckResult[];
  readonly shipment?: Trace['shipment'];
  readonly eventCount: number;
  /** The longest chain length a commitment proves (0 when none does). */
  readonly committedLength: number;
  readonly problem?: TraceProblem;
  /** The newest checkpoint the commitments are proven against. */
  readonly log?: { readonly origin: string; readonly treeSize: number };
};

const check = (
  name: TraceCheckName,
  verdict: Verdict,
  reason: TraceReason | VerificationReason,
  message?: string,
): TraceCheckResult => ({
  check: name,
  verdict,
  reason,
  message:
    message ??
    (reason in TRACE_REASON_TEXT
      ? TRACE_REASON_TEXT[reason as TraceReason].en
      : VERIFICATION_REASON_TEXT[reason as VerificationReason].en),
});

function overall(checks: readonly TraceCheckResult[]): TraceReport['verdict'] {
  if (checks.some((c) => c.verdict === 'INVALID')) {
    return 'INVALID';
  }
  return checks.some((c) => c.verdict === 'ERROR') ? 'ERROR' : 'VALID';
}

const unreadable = (message: string): TraceReport => ({
  verdict: 'ERROR',
  checks: TRACE_CHECKS.map((name) =>
    name === 'events'
      ? check(name, 'ERROR', 'trace_unreadable', `The trace could not be read: ${message}`)
      : check(name, 'SKIPPED', 'trace_unreadable'),
  ),
  eventCount: 0,
  committedLength: 0,
});

/**
 * Verifies a whole `tradehub-trace/v1` offline. With a trust policy (value, text or parsed) the
 * log key must be one it lists; without one (null) the trace's own log key is used and the report
 * says so. Never throws: a trace or policy that cannot be read is an ERROR report.
 */
export function verifyTrace(input: unknown, trustPolicy: unknown): TraceReport {
  const parsed = parseTrace(input);
  if (!parsed.ok) {
    return unreadable(parsed.message);
  }
  try {
    return verifyParsed(parsed.trace, trustPolicy);
  } catch (error) {
    // Hostile objects (getters that throw, cycles) end here: a report, never an exception.
    return unreadable(error instanceof Error ? error.message : String(error));
  }
}

type Replayed = {
  /** chain[i] is the chain hash after i + 1 events, recomputed from the bodies (genesis at none). */
  readonly chain: readonly Uint8Array[];
  readonly problem?: TraceProblem;
};

// Replays the chain from the bodies. Where it stops matching the hashes the trace claims, tells
// apart an event that is missing (the indices skip), one that was moved (another event of the
// trace belongs here) and one that was altered (its body no longer hashes to its place).
function replay(trace: Trace): Replayed {
  const { events } = trace;
  const bodyHashes = events.map((e) => traceEventHash(e.body));
  const chain: Uint8Array[] = [];
  let previous = traceGenesis(trace.shipment.id, trace.shipment.reference);
  for (const [position, event] of events.entries()) {
    const stop = (problem: TraceProblem): Replayed => ({ chain, problem });
    if (event.index > position) {
      const belongs = events.findIndex((other, j) => j > position && other.index === position);
      if (belongs > position) {
        const moved = events[belongs] as TraceEvent;
        return stop({
          kind: 'reordered',
          index: position,
          eventID: moved.eventID,
          message: `Event ${moved.eventID} is numbered ${position} but stands at ${belongs}: events were reordered`,
        });
      }
      const before = events[position - 1];
      return stop({
        kind: 'missing',
        index: position,
        message: `Event ${position} of the chain is missing${before === undefined ? '' : ` (after ${before.eventID})`}: the trace jumps to event ${event.index}, ${event.eventID}`,
      });
    }
    if (event.index < position) {
      return stop({
        kind: 'reordered',
        index: position,
        eventID: event.eventID,
        message: `Event ${event.eventID} is numbered ${event.index} but stands at ${position}: events were reordered or repeated`,
      });
    }
    // The hub keys events by the lower-cased eventID; the body keeps it as the sender wrote it.
    const bodyId = event.body.eventID;
    if (typeof bodyId !== 'string' || bodyId.toLowerCase() !== event.eventID) {
      return stop({
        kind: 'altered',
        index: position,
        eventID: event.eventID,
        message: `Event ${position} (${event.eventID}) carries another eventID in its body: it was altered`,
      });
    }
    const next = traceChainHash(previous, bodyHashes[position] as Uint8Array);
    if (toHex(next) !== event.chainHash) {
      const belongs = events.findIndex(
        (other, j) =>
          j > position && toHex(traceChainHash(previous, bodyHashes[j] as Uint8Array)) === other.chainHash,
      );
      if (belongs > position) {
        const moved = events[belongs] as TraceEvent;
        return stop({
          kind: 'reordered',
          index: position,
          eventID: moved.eventID,
          message: `Event ${moved.eventID} was received as event ${position} but stands at ${belongs}: the order was changed`,
        });
      }
      return stop({
        kind: 'altered',
        index: position,
        eventID: event.eventID,
        message: `Event ${position} (${event.eventID}) does not hash to its place in the chain: it was altered after it was received`,
      });
    }
    chain.push(next);
    previous = next;
  }
  return { chain };
}

type LogRead = { readonly proof?: TlogProof; readonly entry?: TradeLogEntry; readonly problem?: string };

function readProof(text: string): LogRead {
  const parsed = parseTlogProof(text);
  if (!parsed.ok) {
    return { problem: `its log proof is malformed: ${parsed.message}` };
  }
  if (parsed.proof.extra === undefined) {
    return { proof: parsed.proof, problem: 'its log proof carries no entry' };
  }
  const entry = parseTradeLogEntry(parsed.proof.extra);
  return entry.ok
    ? { proof: parsed.proof, entry: entry.entry }
    : { proof: parsed.proof, problem: `its entry is malformed: ${entry.message}` };
}

// Why a commitment's batch does not hold its head, or undefined when it does.
function batchProblem(trace: Trace, commitment: TraceCommitment, entry: TradeLogEntry): string | undefined {
  const { batch } = commitment;
  if (entry.kind !== TradeLogEntryKind.TRACE_BATCH) {
    return `its log entry is of kind ${entry.kind}, not TRACE_BATCH`;
  }
  if (!constantTimeEqual(entry.recordId, traceBatchRecordId(batch.signer, batch.id))) {
    return `its log entry is not the one of batch ${batch.id} signed by ${batch.signer}`;
  }
  if (issueBatchSizeOf(entry.aux) !== batch.size) {
    return `the batch is said to hold ${batch.size} heads, its log entry another number`;
  }
  const path: Uint8Array[] = [];
  for (const hash of batch.path) {
    const decoded = fromBase64(hash);
    if (decoded === undefined || decoded.length !== 32) {
      return 'its batch path holds something other than base64 SHA-256 hashes';
    }
    path.push(decoded);
  }
  const member = traceHeadHash(trace.shipment.id, commitment.length, hexBytes(commitment.head));
  const root = rootFromInclusionProof({
    leafHash: issueBatchLeafHash(member),
    index: batch.index,
    treeSize: batch.size,
    proof: path,
  });
  return root.ok && constantTimeEqual(root.root, entry.docHash)
    ? undefined
    : `its head at length ${commitment.length} is not in the logged batch ${batch.id}`;
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return out;
}

function trustFor(
  trace: Trace,
  trustPolicy: unknown,
): { trust: ParsedTrustPolicy; keyCheck: TraceCheckResult } | { error: string } {
  if (trustPolicy === null || trustPolicy === undefined) {
    const own = parseTrustPolicy({
      type: TRUST_POLICY_TYPE,
      logs: [{ origin: trace.log.origin, vkeys: [trace.log.verifierKey] }],
    });
    return own.ok
      ? { trust: own.trust, keyCheck: check('log_key', 'SKIPPED', 'log_key_from_trace') }
      : { error: `the trace's log key cannot be used: ${own.message}` };
  }
  const given =
    isObject(trustPolicy) && (trustPolicy as { logKeys?: unknown }).logKeys instanceof Map
      ? { ok: true as const, trust: trustPolicy as unknown as ParsedTrustPolicy }
      : parseTrustPolicy(trustPolicy);
  if (!given.ok) {
    return { error: `invalid trust policy: ${given.message}` };
  }
  const listed = given.trust.policy.logs.some(
    (log) => log.origin === trace.log.origin && log.vkeys.includes(trace.log.verifierKey),
  );
  return {
    trust: given.trust,
    keyCheck: listed
      ? check('log_key', 'OK', 'log_key_from_policy')
      : check('log_key', 'INVALID', 'log_key_mismatch'),
  };
}

function verifyParsed(trace: Trace, trustPolicy: unknown): TraceReport {
  const results = new Map<TraceCheckName, TraceCheckResult>();
  const fail = (result: TraceCheckResult) => {
    if (!results.has(result.check)) {
      results.set(result.check, result);
    }
  };
  const trusted = trustFor(trace, trustPolicy);
  if ('error' in trusted) {
    return unreadable(trusted.error);
  }
  results.set('log_key', trusted.keyCheck);

  // events: the bodies replay to the chain hashes the trace claims.
  const replayed = replay(trace);
  let problem = replayed.problem;
  const reasonOf = {
    altered: 'event_altered',
    missing: 'event_missing',
    reordered: 'event_reordered',
  } as const;
  if (problem !== undefined && problem.kind in reasonOf) {
    fail(check('events', 'INVALID', reasonOf[problem.kind as keyof typeof reasonOf], problem.message));
  }

  // commitments: each head the log holds is the chain at its length, in its batch.
  const { chain } = replayed;
  let committedLength = 0;
  let matchedLength = 0;
  const evaluations = new Map<string, CheckpointEvaluation>();
  let newest: { origin: string; treeSize: number } | undefined;
  const sorted = [...trace.commitments].sort((x, y) => x.length - y.length);
  for (const commitment of sorted) {
    const label = `The head at length ${commitment.length}`;
    const read = readProof(commitment.tlogProof);
    if (read.entry === undefined || read.proof === undefined) {
      fail(check('log_inclusion', 'INVALID', 'tlog_proof_malformed', `${label}: ${read.problem ?? ''}`));
      continue;
    }
    const batch = batchProblem(trace, commitment, read.entry);
    if (batch !== undefined) {
      fail(check('commitments', 'INVALID', 'batch_invalid', `${label}: ${batch}`));
      continue;
    }
    let evaluation = evaluations.get(read.proof.checkpoint);
    if (evaluation === undefined) {
      evaluation = evaluateCheckpoint(read.proof.checkpoint, trusted.trust);
      evaluations.set(read.proof.checkpoint, evaluation);
    }
    const cp = evaluation.checkpoint;
    if (cp !== undefined && (newest === undefined || cp.size > newest.treeSize)) {
      newest = { origin: cp.origin, treeSize: cp.size };
    }
    const logChecks: [TraceCheckName, CheckResult][] = [
      ['log_inclusion', checkInclusion(read.proof, cp)],
      ['checkpoint', evaluation.checkpointCheck],
      ['witnesses', evaluation.witnessesCheck],
    ];
    let proven = true;
    for (const [name, result] of logChecks) {
      if (result.verdict !== 'OK' && !(name === 'witnesses' && result.verdict === 'SKIPPED')) {
        proven = false;
        fail(check(name, result.verdict, result.reason, `${label}: ${result.message}`));
      }
    }
    committedLength = Math.max(committedLength, commitment.length);
    // The head against the chain the bodies give: a gap or a changed event shows here even when
    // whoever changed it also rewrote the claimed chain hashes.
    if (commitment.length > trace.events.length) {
      const missing: TraceProblem = {
        kind: 'missing',
        index: trace.events.length,
        message: `The log holds a chain of ${commitment.length} events, the trace has ${trace.events.length}: event ${trace.events.length} and later are missing`,
      };
      problem ??= missing;
      fail(check('events', 'INVALID', 'event_missing', missing.message));
      continue;
    }
    const at = chain[commitment.length - 1];
    if (at === undefined) {
      // The replay stopped before this length; the events check already names why.
      continue;
    }
    if (toHex(at) !== commitment.head) {
      const first = trace.events[matchedLength] as TraceEvent;
      const mismatch: TraceProblem = {
        kind: 'head_mismatch',
        index: matchedLength,
        eventID: first.eventID,
        message: `The events ${matchedLength} to ${commitment.length - 1} are not the ones the log holds (the first is ${first.eventID}): the stored trace was rewritten`,
      };
      problem ??= mismatch;
      fail(check('commitments', 'INVALID', 'head_mismatch', mismatch.message));
    } else if (proven) {
      matchedLength = commitment.length;
    }
  }
  if (!results.has('events')) {
    results.set(
      'events',
      check('events', 'OK', 'chain_intact', `${trace.events.length} events, each unaltered and in its place`),
    );
  }
  if (!results.has('commitments')) {
    if (sorted.length === 0 && trace.events.length > 0) {
      results.set('commitments', check('commitments', 'ERROR', 'no_commitments'));
    } else if (committedLength < trace.events.length) {
      const first = trace.events[committedLength] as TraceEvent;
      const pending: TraceProblem = {
        kind: 'not_committed',
        index: committedLength,
        eventID: first.eventID,
        message: `Events ${committedLength} to ${trace.events.length - 1} (from ${first.eventID}) are not committed to the log yet: export the trace again later`,
      };
      problem ??= pending;
      results.set('commitments', check('commitments', 'ERROR', 'events_not_committed', pending.message));
    } else {
      results.set('commitments', check('commitments', 'OK', 'heads_committed'));
    }
  }
  if (!results.has('log_inclusion')) {
    results.set(
      'log_inclusion',
      sorted.length === 0
        ? check('log_inclusion', 'SKIPPED', 'no_commitments')
        : check('log_inclusion', 'OK', 'all_included'),
    );
  }
  if (!results.has('checkpoint')) {
    results.set(
      'checkpoint',
      sorted.length === 0
        ? check('checkpoint', 'SKIPPED', 'no_commitments')
        : check('checkpoint', 'OK', 'checkpoints_signed'),
    );
  }
  if (!results.has('witnesses')) {
    results.set(
      'witnesses',
      trusted.trust.quorum === 0
        ? check('witnesses', 'SKIPPED', 'no_witnesses_required')
        : check('witnesses', 'OK', 'witnesses_met'),
    );
  }
  const checks = TRACE_CHECKS.map((name) => results.get(name) ?? check(name, 'SKIPPED', 'trace_unreadable'));
  return {
    verdict: overall(checks),
    checks,
    shipment: trace.shipment,
    eventCount: trace.events.length,
    committedLength,
    ...(problem === undefined ? {} : { problem }),
    ...(newest === undefined ? {} : { log: newest }),
  };
}

const TRACE_CHECK_NAMES: Record<TraceCheckName, { en: string; zh: string }> = {
  events: { en: 'events', zh: '事件链' },
  commitments: { en: 'commitments', zh: '链头提交' },
  log_key: { en: 'log key', zh: '日志密钥' },
  log_inclusion: { en: 'log inclusion', zh: '日志收录' },
  checkpoint: { en: 'checkpoint', zh: '日志检查点' },
  witnesses: { en: 'witnesses', zh: '见证方联署' },
};

const PROBLEM_TEXT: Record<TraceProblem['kind'], { en: string; zh: string }> = {
  altered: { en: 'altered event', zh: '被篡改的事件' },
  missing: { en: 'missing event', zh: '缺失的事件' },
  reordered: { en: 'event out of order', zh: '顺序错误的事件' },
  head_mismatch: { en: 'rewritten events from', zh: '被改写的事件，起始于' },
  not_committed: { en: 'not yet committed from', zh: '尚未提交，起始于' },
};

/** The human-readable report of the CLI, in English or Chinese. */
export function traceReportText(report: TraceReport, file: string, lang: 'en' | 'zh'): string {
  const zh = lang === 'zh';
  const lines = [`tradehub-verify ${file}`];
  if (report.shipment !== undefined) {
    lines.push(
      `  ${zh ? '货件追踪' : 'shipment trace'} ${report.shipment.id} (${report.shipment.reference})`,
      `  ${zh ? `事件 ${report.eventCount} 个，日志已提交 ${report.committedLength} 个` : `${report.eventCount} events, ${report.committedLength} committed to the log`}`,
    );
  }
  for (const c of report.checks) {
    const text =
      zh && c.reason in TRACE_REASON_TEXT
        ? TRACE_REASON_TEXT[c.reason as TraceReason].zh
        : zh
          ? VERIFICATION_REASON_TEXT[c.reason as VerificationReason].zh
          : c.message;
    lines.push(`  ${c.verdict.padEnd(8)} ${TRACE_CHECK_NAMES[c.check][lang].padEnd(16)} ${text}`);
  }
  if (report.problem !== undefined) {
    const { kind, index, eventID } = report.problem;
    lines.push(
      `${PROBLEM_TEXT[kind][lang]}: ${zh ? '序号' : 'index'} ${index}${eventID === undefined ? '' : `, eventID ${eventID}`}`,
    );
  }
  const summary = {
    VALID: { en: 'VALID: every check passed', zh: '有效：全部检查通过' },
    INVALID: { en: 'INVALID: do not rely on this trace', zh: '无效：请勿信赖此追踪记录' },
    ERROR: { en: 'COULD NOT CHECK: see the ERROR lines', zh: '无法验证：请查看 ERROR 各项' },
  } as const;
  lines.push(summary[report.verdict][lang]);
  return `${lines.join('\n')}\n`;
}
