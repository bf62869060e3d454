// Transferable records (electronic bills of lading) as title chains in tradehub's log:
// - the rules of a chain, shared by the hub that enforces them and the verifier that replays them
//   (which action the current holder may take in which state, and what it changes). Parties are
//   opaque strings (organisation ids on the hub, hex hashes of DIDs here), so one pure function
//   serves both;
// - the `tradehub-title-chain/v1` export and verifyTitleChain(), which checks a whole chain offline:
//   every entry signed by the then-holder's key, the prev-hash links, the holder rules, inclusion
//   proofs, checkpoints and witnesses, and the bill of lading itself; and names the current holder.
// docs/transferable-records.md describes the format and the mapping to MLETR, DCSA PINT, TradeTrust.

import { AppError, constantTimeEqual, toHex, utf8Decode, utf8Encode } from '@tradehub/kernel';
import type { ParsedTrustPolicy } from './bundle.ts';
import { BUNDLE_TYPE, parseBundle, parseTrustPolicy, TRUST_POLICY_TYPE } from './bundle.ts';
import type { Verdict } from './check-result.ts';
import { isObject } from './check-result.ts';
import type { JsonObject } from './data-integrity.ts';
import type { IssuerKey } from './did-document.ts';
import { findIssuerKey } from './did-document.ts';
import type { Ed25519Backend } from './ed25519.ts';
import { createEd25519Verifier } from './ed25519.ts';
import type { TradeLogEntry } from './entry.ts';
import {
  actorHashOfEd25519Key,
  parseTradeLogEntry,
  TradeLogEntryKind,
  tradeLogEntryLeafHash,
  tradeLogEntrySigningInput,
} from './entry.ts';
import { sha256 } from './sha256.ts';
import type { TlogProof } from './tlog-proof.ts';
import { parseTlogProof } from './tlog-proof.ts';
import type { VerificationReason } from './verification-reasons.ts';
import { VERIFICATION_REASON_TEXT } from './verification-reasons.ts';
import { createVerifier } from './verify.ts';
import { keyValidity } from './verify-issuer.ts';
import type { CheckpointEvaluation } from './verify-log.ts';
import {
  checkInclusion,
  documentHashOrUndefined,
  evaluateCheckpoint,
  tradeLogRecordId,
} from './verify-log.ts';

/** The actions of a title chain, as the HTTP API names them. */
export const TITLE_ACTIONS = [
  'issue',
  'transfer_holder',
  'endorse',
  'blank_endorse',
  'surrender_for_delivery',
  'accept_surrender',
  'reject_surrender',
  'amend',
] as const;

export type TitleAction = (typeof TITLE_ACTIONS)[number];

/** The state of a record: active, surrendered to its issuer, or accomplished (closed for good). */
export type TitleStatus = 'active' | 'surrendered' | 'accomplished';

/**
 * Each action's TradeLogEntry kind, its DCSA PINT 3.0 / eBL 3.0 action code, and the TradeTrust
 * TitleEscrow operation it corresponds to (docs/transferable-records.md has the full table).
 */
export const TITLE_ACTION_CODES = {
  issue: { kind: TradeLogEntryKind.ISSUE, pintCode: 'ISSUE', titleEscrow: 'mint' },
  transfer_holder: {
    kind: TradeLogEntryKind.TRANSFER_HOLDER,
    pintCode: 'TRANSFER',
    titleEscrow: 'transferHolder',
  },
  endorse: {
    kind: TradeLogEntryKind.TRANSFER_BENEFICIARY,
    pintCode: 'ENDORSE',
    titleEscrow: 'nominate + transferBeneficiary',
  },
  blank_endorse: { kind: TradeLogEntryKind.BLANK_ENDORSE, pintCode: 'BLANK_ENDORSE', titleEscrow: '-' },
  surrender_for_delivery: {
    kind: TradeLogEntryKind.SURRENDER_FOR_DELIVERY,
    pintCode: 'SURRENDER_FOR_DELIVERY',
    titleEscrow: 'returnToIssuer',
  },
  accept_surrender: {
    kind: TradeLogEntryKind.SURRENDER_ACCEPT,
    pintCode: 'SACC',
    titleEscrow: 'burn (shred)',
  },
  reject_surrender: { kind: TradeLogEntryKind.SURRENDER_REJECT, pintCode: 'SREJ', titleEscrow: 'restore' },
  // An amendment is the carrier re-issuing the amended document on the same record.
  amend: { kind: TradeLogEntryKind.AMEND, pintCode: 'ISSUE', titleEscrow: '(re-issue)' },
} as const satisfies Record<TitleAction, { kind: number; pintCode: string; titleEscrow: string }>;

const actionsByKind = new Map<number, TitleAction>(
  TITLE_ACTIONS.map((action) => [TITLE_ACTION_CODES[action].kind, action]),
);

/** The action an entry kind records in a title chain, or undefined for a kind no title action uses. */
export function titleActionOfKind(kind: number): TitleAction | undefined {
  return actionsByKind.get(kind);
}

/** A record's state; `P` names a party. */
export type TitleState<P extends string = string> = {
  readonly issuer: P;
  readonly holder: P;
  /** The named endorsee; null before any endorsement and after a blank endorsement. */
  readonly endorsee: P | null;
  readonly status: TitleStatus;
  /** Who surrendered it, while surrendered. */
  readonly surrenderedBy: P | null;
};

/** One action: who takes it and to whom it goes (the entry's counterparty; null for nobody). */
export type TitleStep<P extends string = string> = {
  readonly action: TitleAction;
  readonly actor: P;
  readonly to: P | null;
};

/** Why an action is refused. `not_holder` is the only one that is about who acts. */
export type TitleRuleViolation =
  | 'not_holder'
  | 'not_issuer'
  | 'already_issued'
  | 'not_issued'
  | 'closed'
  | 'not_active'
  | 'not_surrendered'
  | 'not_entitled'
  | 'needs_receiver'
  | 'wrong_receiver';

export type TitleRuleResult<P extends string> =
  | { readonly ok: true; readonly state: TitleState<P> }
  | { readonly ok: false; readonly violation: TitleRuleViolation; readonly message: string };

const refuse = <P extends string>(violation: TitleRuleViolation, message: string): TitleRuleResult<P> => ({
  ok: false,
  violation,
  message,
});

/** The holder may endorse or surrender only if no one else is the named endorsee. */
export function isEntitled<P extends string>(state: TitleState<P>): boolean {
  return state.endorsee === null || state.endorsee === state.holder;
}

/**
 * Whom an action goes to when the caller names no one: a surrender goes to the issuer, a rejected
 * surrender back to whoever surrendered, an amendment back to that party or the holder.
 */
export function defaultReceiver<P extends string>(action: TitleAction, state: TitleState<P>): P | null {
  switch (action) {
    case 'surrender_for_delivery':
      return state.issuer;
    case 'reject_surrender':
      return state.surrenderedBy;
    case 'amend':
      return state.surrenderedBy ?? state.holder;
    default:
      return null;
  }
}

function applyIssue<P extends string>(
  state: TitleState<P> | undefined,
  step: TitleStep<P>,
  issuer: P,
): TitleRuleResult<P> {
  if (state !== undefined) {
    return refuse('already_issued', 'The record is issued already: ISSUE starts a chain and appears once');
  }
  if (step.actor !== issuer) {
    return refuse('not_issuer', 'Only the issuer (the carrier) issues the record');
  }
  if (step.to === null) {
    return refuse('needs_receiver', 'An issue names the first holder');
  }
  return {
    ok: true,
    state: { issuer, holder: step.to, endorsee: null, status: 'active', surrenderedBy: null },
  };
}

/**
 * The state after `step`, or why it is refused. `issuer` is the party the record names as issuer;
 * `state` is undefined before the ISSUE action.
 */
export function applyTitleAction<P extends string>(
  state: TitleState<P> | undefined,
  step: TitleStep<P>,
  issuer: P,
): TitleRuleResult<P> {
  if (step.action === 'issue') {
    return applyIssue(state, step, issuer);
  }
  if (state === undefined) {
    return refuse('not_issued', 'The record has not been issued');
  }
  if (state.status === 'accomplished') {
    return refuse('closed', 'The record is accomplished: no action follows an accepted surrender');
  }
  if (step.actor !== state.holder) {
    return refuse('not_holder', 'Only the current holder may act on the record');
  }
  const active = state.status === 'active';
  const needsActive = () =>
    refuse<P>('not_active', 'The record is surrendered: only the issuer may accept or reject');
  switch (step.action) {
    case 'transfer_holder':
      if (!active) {
        return needsActive();
      }
      if (step.to === null || step.to === state.holder) {
        return refuse('needs_receiver', 'A transfer names a new holder other than the current one');
      }
      return { ok: true, state: { ...state, holder: step.to } };
    case 'endorse':
      if (!active) {
        return needsActive();
      }
      if (!isEntitled(state)) {
        return refuse('not_entitled', 'The holder is not the endorsee, so cannot endorse');
      }
      if (step.to === null) {
        return refuse('needs_receiver', 'An endorsement names the endorsee');
      }
      return { ok: true, state: { ...state, endorsee: step.to } };
    case 'blank_endorse':
      if (!active) {
        return needsActive();
      }
      if (!isEntitled(state) || state.endorsee === null) {
        return refuse('not_entitled', 'Only a named endorsee who holds the record can endorse it in blank');
      }
      if (step.to !== null) {
        return refuse('wrong_receiver', 'A blank endorsement names no one');
      }
      return { ok: true, state: { ...state, endorsee: null } };
    case 'surrender_for_delivery':
      if (!active) {
        return needsActive();
      }
      if (!isEntitled(state) || state.holder === state.issuer) {
        return refuse(
          'not_entitled',
          'Only an entitled holder other than the issuer can surrender for delivery',
        );
      }
      if (step.to !== state.issuer) {
        return refuse('wrong_receiver', 'A surrender goes to the issuer');
      }
      return {
        ok: true,
        state: { ...state, holder: state.issuer, status: 'surrendered', surrenderedBy: step.actor },
      };
    case 'accept_surrender':
      if (active) {
        return refuse('not_surrendered', 'Only a surrendered record can be accepted');
      }
      if (step.to !== null) {
        return refuse('wrong_receiver', 'Accepting a surrender names no one');
      }
      return { ok: true, state: { ...state, status: 'accomplished', surrenderedBy: null } };
    case 'reject_surrender':
      if (active || state.surrenderedBy === null) {
        return refuse('not_surrendered', 'Only a surrendered record can be rejected');
      }
      if (step.to !== state.surrenderedBy) {
        return refuse('wrong_receiver', 'A rejected surrender goes back to whoever surrendered it');
      }
      return { ok: true, state: { ...state, holder: step.to, status: 'active', surrenderedBy: null } };
    case 'amend':
      if (state.holder !== state.issuer) {
        return refuse('not_issuer', 'Only the issuer amends, while it holds the record (after a surrender)');
      }
      if (step.to === null) {
        return refuse('needs_receiver', 'An amendment names whom the amended record goes to');
      }
      return { ok: true, state: { ...state, holder: step.to, status: 'active', surrenderedBy: null } };
  }
}

// ---------------------------------------------------------------------------------------------
// Identifiers the hub and the verifier compute alike.

const TITLE_SUFFIX = '#title';

/**
 * The record_id of every entry of a title chain: SHA-256("record/v1\n" || issuer DID || "\n" ||
 * credential id || "#title"), so it differs from the record of the bill of lading credential itself.
 */
export function titleRecordId(issuerDid: string, credentialId: string): Uint8Array {
  return tradeLogRecordId(issuerDid, `${credentialId}${TITLE_SUFFIX}`);
}

/** The counterparty of a title entry: SHA-256 of the UTF-8 DID of the party it goes to. */
export function titlePartyHash(did: string): Uint8Array {
  return sha256(utf8Encode(did));
}

// ---------------------------------------------------------------------------------------------
// The export format.

/** The `type` of a title chain export. */
export const TITLE_CHAIN_TYPE = 'tradehub-title-chain/v1';
/** The largest title chain accepted, in UTF-8 bytes (it carries bills of lading and DID documents). */
export const MAX_TITLE_CHAIN_BYTES = 8 * 1024 * 1024;
/** The most actions, DID documents and document bundles one chain may carry. */
export const MAX_TITLE_ACTIONS = 1000;
export const MAX_TITLE_DID_DOCUMENTS = 64;
export const MAX_TITLE_DOCUMENTS = 16;

/** One action of a chain: what the hub says it was, and the tlog-proof of its entry (entry in `extra`). */
export type TitleChainAction = {
  readonly seq: number;
  readonly action: TitleAction;
  readonly pintCode: string;
  /** C2SP tlog-proof@v1 text: the 266-byte entry, its leaf index, the inclusion proof, the checkpoint with cosignatures. */
  readonly tlogProof: string;
};

/** A parsed `tradehub-title-chain/v1`. */
export type TitleChain = {
  readonly type: typeof TITLE_CHAIN_TYPE;
  readonly record: {
    readonly id: string;
    /** The issuer's (carrier's) DID. */
    readonly issuer: string;
    /** The id of the bill of lading credential the record was created from. */
    readonly credentialId: string;
    readonly documentNumber?: string;
    /** Hex of titleRecordId(issuer, credentialId). */
    readonly recordId: string;
  };
  /** Names the hub gives the parties' DIDs: claims, shown next to the DIDs the entries prove. */
  readonly parties: readonly { readonly did: string; readonly name: string }[];
  /** tradehub-bundle/v1 of every version of the bill of lading the chain names (ISSUE, AMEND). */
  readonly documents: readonly JsonObject[];
  readonly actions: readonly TitleChainAction[];
  /** The DID documents (with their key history) of every party that signed an action. */
  readonly didDocuments: readonly JsonObject[];
};

export type TitleChainParseResult =
  | { readonly ok: true; readonly chain: TitleChain }
  | { readonly ok: false; readonly message: string };

const CHAIN_MEMBERS = ['type', 'record', 'parties', 'documents', 'actions', 'didDocuments'];
const RECORD_MEMBERS = ['id', 'issuer', 'credentialId', 'documentNumber', 'recordId'];
const ACTION_MEMBERS = ['seq', 'action', 'pintCode', 'tlogProof'];

const extraMember = (value: JsonObject, allowed: readonly string[]) =>
  Object.keys(value).find((key) => !allowed.includes(key));

const isText = (value: unknown, max = 4096): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

function chainFromValue(value: unknown): TitleChainParseResult {
  const fail = (message: string): TitleChainParseResult => ({ ok: false, message });
  if (!isObject(value) || value.type !== TITLE_CHAIN_TYPE) {
    return fail(`A title chain is a JSON object with "type": "${TITLE_CHAIN_TYPE}"`);
  }
  const extra = extraMember(value, CHAIN_MEMBERS);
  if (extra !== undefined) {
    return fail(`A ${TITLE_CHAIN_TYPE} has no member "${extra.slice(0, 40)}"`);
  }
  const { record, parties, documents, actions, didDocuments } = value;
  if (
    !isObject(record) ||
    extraMember(record, RECORD_MEMBERS) !== undefined ||
    !isText(record.id, 64) ||
    !isText(record.issuer) ||
    !isText(record.credentialId) ||
    !(record.documentNumber === undefined || isText(record.documentNumber, 100)) ||
    typeof record.recordId !== 'string' ||
    !/^[0-9a-f]{64}$/.test(record.recordId)
  ) {
    return fail('record is {id, issuer, credentialId, documentNumber?, recordId (64 hex digits)}');
  }
  if (
    !Array.isArray(parties) ||
    parties.length > MAX_TITLE_DID_DOCUMENTS ||
    !parties.every((p) => isObject(p) && isText(p.did) && typeof p.name === 'string' && p.name.length <= 300)
  ) {
    return fail(`parties is an array of at most ${MAX_TITLE_DID_DOCUMENTS} {did, name}`);
  }
  if (!Array.isArray(documents) || documents.length > MAX_TITLE_DOCUMENTS || !documents.every(isObject)) {
    return fail(`documents is an array of at most ${MAX_TITLE_DOCUMENTS} ${BUNDLE_TYPE} objects`);
  }
  if (
    !Array.isArray(didDocuments) ||
    didDocuments.length > MAX_TITLE_DID_DOCUMENTS ||
    !didDocuments.every((d) => isObject(d) && isText(d.id))
  ) {
    return fail(`didDocuments is an array of at most ${MAX_TITLE_DID_DOCUMENTS} DID documents with ids`);
  }
  if (!Array.isArray(actions) || actions.length === 0 || actions.length > MAX_TITLE_ACTIONS) {
    return fail(`actions is an array of 1 to ${MAX_TITLE_ACTIONS} actions`);
  }
  for (const action of actions) {
    if (
      !isObject(action) ||
      extraMember(action, ACTION_MEMBERS) !== undefined ||
      !Number.isSafeInteger(action.seq) ||
      !(TITLE_ACTIONS as readonly unknown[]).includes(action.action) ||
      !isText(action.pintCode, 64) ||
      !isText(action.tlogProof, 2 * 1024 * 1024)
    ) {
      return fail('every action is {seq, action, pintCode, tlogProof}');
    }
  }
  return { ok: true, chain: value as unknown as TitleChain };
}

/** Parses a `tradehub-title-chain/v1` from text, bytes or a parsed value; checks the layout only. Never throws. */
export function parseTitleChain(input: unknown): TitleChainParseResult {
  let value = input;
  try {
    if (input instanceof Uint8Array || typeof input === 'string') {
      const size = typeof input === 'string' ? input.length : input.length;
      if (size > MAX_TITLE_CHAIN_BYTES) {
        return { ok: false, message: `The title chain is larger than ${MAX_TITLE_CHAIN_BYTES} bytes` };
      }
      const text = typeof input === 'string' ? input : utf8Decode(input, { fatal: true });
      value = JSON.parse(text) as unknown;
    }
  } catch {
    return { ok: false, message: 'The title chain is not UTF-8 JSON' };
  }
  return chainFromValue(value);
}

/** True when a parsed JSON value looks like a title chain (its `type`), for tools that read several formats. */
export function isTitleChainValue(value: unknown): boolean {
  return isObject(value) && value.type === TITLE_CHAIN_TYPE;
}

// ---------------------------------------------------------------------------------------------
// Verification.

/** The checks of a title chain report, in order. */
export const TITLE_CHAIN_CHECKS = [
  'chain_links',
  'signatures',
  'holders',
  'identities',
  'document',
  'log_inclusion',
  'checkpoint',
  'witnesses',
] as const;

export type TitleCheckName = (typeof TITLE_CHAIN_CHECKS)[number];

/** Reason codes of the title checks, with English and Chinese texts (the log checks reuse verify()'s). */
export const TITLE_REASON_TEXT = {
  chain_unreadable: { en: 'The title chain could not be read', zh: '无法读取权属链' },
  links_intact: { en: 'Every action extends the one before it', zh: '每个操作都承接前一个操作' },
  first_not_issue: { en: 'The chain does not start with its issue', zh: '权属链不是以签发开始' },
  prev_hash_mismatch: {
    en: 'An action does not extend the previous one (reordered, dropped or inserted)',
    zh: '某操作未承接前一个操作（被重排、删除或插入）',
  },
  record_mismatch: { en: 'An entry belongs to another record', zh: '某条目属于其他记录' },
  action_mismatch: { en: 'An action is not what its entry records', zh: '某操作与其日志条目不符' },
  time_reversed: { en: 'An action is dated before the one it follows', zh: '某操作的时间早于前一个操作' },
  entry_unreadable: { en: 'An entry or its log proof is malformed', zh: '某条目或其日志证明格式错误' },
  signatures_valid: {
    en: 'Every action is signed with a key valid at the time',
    zh: '每个操作均由当时有效的密钥签名',
  },
  signer_unknown: {
    en: 'An action is signed by a key of no party in the chain',
    zh: '某操作的签名密钥不属于链中任何一方',
  },
  signature_invalid: { en: "An action's signature is invalid", zh: '某操作的签名无效' },
  key_not_valid: {
    en: 'An action was signed with a revoked or rotated-out key',
    zh: '某操作使用已吊销或已轮换停用的密钥签名',
  },
  holders_valid: {
    en: 'Every action was taken by the holder of the time, as the rules allow',
    zh: '每个操作均由当时的持有人按规则作出',
  },
  actor_not_holder: {
    en: 'An action was signed by someone who did not hold the record',
    zh: '某操作的签署方当时并非持有人',
  },
  rule_violated: {
    en: 'An action is not allowed in the state the record was in',
    zh: '记录当时的状态不允许该操作',
  },
  party_unknown: {
    en: 'Could not check: the DID document of a holder is missing',
    zh: '无法检查：缺少某持有人的 DID 文档',
  },
  identities_pinned: {
    en: "Every signer's DID document is pinned in the trust policy",
    zh: '所有签署方的 DID 文档均已固定在信任策略中',
  },
  identities_from_chain: {
    en: "Only the chain's own copies of the DID documents were available",
    zh: '仅有权属链自带的 DID 文档副本',
  },
  document_valid: {
    en: 'The bill of lading verifies and is the one the chain records',
    zh: '提单验证通过，且与权属链记录一致',
  },
  document_missing: { en: 'Could not check: the bill of lading is missing', zh: '无法检查：缺少提单' },
  document_mismatch: {
    en: 'The bill of lading is not the one the chain records',
    zh: '提单与权属链记录不符',
  },
  document_invalid: { en: 'The bill of lading does not verify', zh: '提单验证未通过' },
  document_unchecked: { en: 'Could not check the bill of lading', zh: '无法检查提单' },
  all_included: { en: 'Every action is in the log', zh: '所有操作均已记入日志' },
  checkpoints_signed: { en: 'The checkpoints are signed by a trusted log', zh: '检查点由受信任的日志签名' },
  witnesses_met: { en: 'Enough independent witnesses cosigned', zh: '已有足够的独立见证方联署' },
} as const satisfies Record<string, { en: string; zh: string }>;

export type TitleReason = keyof typeof TITLE_REASON_TEXT;

/** The outcome of one check of a title chain. */
export type TitleCheckResult = {
  readonly check: TitleCheckName;
  readonly verdict: Verdict;
  readonly reason: TitleReason | VerificationReason;
  readonly message: string;
  /** The action the result is about (1-based), when it is about one. */
  readonly seq?: number;
};

/** A party as the report names it: its DID when the chain carries it, always the hash the entries hold. */
export type TitleParty = { readonly hash: string; readonly did?: string; readonly name?: string };

/** The whole answer for a title chain. */
export type TitleChainReport = {
  /** INVALID if any check is INVALID; else ERROR if any is ERROR; else VALID. */
  readonly verdict: 'VALID' | 'INVALID' | 'ERROR';
  readonly checks: readonly TitleCheckResult[];
  readonly record?: TitleChain['record'];
  /** Who holds the record after the last action; only when the replay of the chain held. */
  readonly currentHolder?: TitleParty;
  readonly endorsee?: TitleParty | null;
  readonly status?: TitleStatus;
  readonly actions: readonly {
    readonly seq: number;
    readonly action: TitleAction | 'unknown';
    readonly pintCode: string;
    readonly by?: TitleParty;
    readonly to?: TitleParty | null;
    readonly at?: string;
    readonly logIndex?: number;
  }[];
  /** The newest checkpoint the actions are proven against ("as of"). */
  readonly log?: { readonly origin: string; readonly treeSize: number };
};

/** Options of verifyTitleChain. */
export type TitleChainOptions = { readonly crypto?: Ed25519Backend };

const check = (
  name: TitleCheckName,
  verdict: Verdict,
  reason: TitleReason | VerificationReason,
  message?: string,
  seq?: number,
): TitleCheckResult => {
  const text =
    message ??
    (reason in TITLE_REASON_TEXT
      ? TITLE_REASON_TEXT[reason as TitleReason].en
      : VERIFICATION_REASON_TEXT[reason as VerificationReason].en);
  return seq === undefined
    ? { check: name, verdict, reason, message: text }
    : { check: name, verdict, reason, message: text, seq };
};

function overall(checks: readonly TitleCheckResult[]): TitleChainReport['verdict'] {
  if (checks.some((c) => c.verdict === 'INVALID')) {
    return 'INVALID';
  }
  return checks.some((c) => c.verdict === 'ERROR') ? 'ERROR' : 'VALID';
}

function trustOf(trust: unknown): ParsedTrustPolicy | undefined {
  if (trust === null || trust === undefined) {
    return undefined;
  }
  if (isObject(trust) && (trust as { logKeys?: unknown }).logKeys instanceof Map) {
    return trust as unknown as ParsedTrustPolicy;
  }
  const parsed = parseTrustPolicy(trust);
  if (!parsed.ok) {
    throw new AppError('verifier.invalid_trust_policy', `Invalid ${TRUST_POLICY_TYPE}: ${parsed.message}`, {
      details: { reason: parsed.reason },
    });
  }
  return parsed.trust;
}

/** Every Ed25519 key of a DID document, with its validity dates. */
function keysOf(document: JsonObject): IssuerKey[] {
  const did = document.id as string;
  const methods = Array.isArray(document.verificationMethod) ? document.verificationMethod : [];
  const keys: IssuerKey[] = [];
  for (const method of methods) {
    if (!isObject(method) || typeof method.id !== 'string') {
      continue;
    }
    const id = method.id.startsWith('#') ? `${did}${method.id}` : method.id;
    const found = findIssuerKey(document, did, id);
    if (found.ok) {
      keys.push(found.key);
    }
  }
  return keys;
}

type ReadAction = {
  readonly claimed: TitleChainAction;
  readonly proof?: TlogProof;
  readonly entry?: TradeLogEntry;
  readonly problem?: string;
};

function readAction(claimed: TitleChainAction): ReadAction {
  const parsed = parseTlogProof(claimed.tlogProof);
  if (!parsed.ok) {
    return { claimed, problem: `its log proof is malformed: ${parsed.message}` };
  }
  if (parsed.proof.extra === undefined) {
    return { claimed, proof: parsed.proof, problem: 'its log proof carries no entry' };
  }
  const entry = parseTradeLogEntry(parsed.proof.extra);
  return entry.ok
    ? { claimed, proof: parsed.proof, entry: entry.entry }
    : { claimed, proof: parsed.proof, problem: `its entry is malformed: ${entry.message}` };
}

const isZero = (bytes: Uint8Array) => bytes.every((b) => b === 0);

/**
 * Verifies a whole `tradehub-title-chain/v1` offline against a trust policy (value, text, parsed,
 * or null: then the log checks are ERROR). Names the current holder and the record's status when
 * the chain replays. Throws only on a trust policy that does not parse (AppError
 * verifier.invalid_trust_policy).
 */
export async function verifyTitleChain(
  input: unknown,
  trustPolicy: unknown,
  options: TitleChainOptions = {},
): Promise<TitleChainReport> {
  const trust = trustOf(trustPolicy);
  const parsed = parseTitleChain(input);
  if (!parsed.ok) {
    const checks = TITLE_CHAIN_CHECKS.map((name) =>
      name === 'chain_links'
        ? check(name, 'ERROR', 'chain_unreadable', `The title chain could not be read: ${parsed.message}`)
        : check(name, 'SKIPPED', 'chain_unreadable'),
    );
    return { verdict: 'ERROR', checks, actions: [] };
  }
  try {
    return await verifyParsed(parsed.chain, trust, options);
  } catch (error) {
    // Hostile objects (getters that throw, cycles) end here: a report, never an exception.
    const message = error instanceof Error ? error.message : String(error);
    const checks = TITLE_CHAIN_CHECKS.map((name) =>
      name === 'chain_links'
        ? check(name, 'ERROR', 'chain_unreadable', `The title chain could not be processed: ${message}`)
        : check(name, 'SKIPPED', 'chain_unreadable'),
    );
    return { verdict: 'ERROR', checks, actions: [] };
  }
}

async function verifyParsed(
  chain: TitleChain,
  trust: ParsedTrustPolicy | undefined,
  options: TitleChainOptions,
): Promise<TitleChainReport> {
  const results = new Map<TitleCheckName, TitleCheckResult>();
  const fail = (result: TitleCheckResult) => {
    if (!results.has(result.check)) {
      results.set(result.check, result);
    }
  };
  const ed25519 = createEd25519Verifier(options.crypto ?? 'auto');
  const read = chain.actions.map(readAction);

  // Parties: DID documents by the hash entries carry.
  const didByHash = new Map<string, string>();
  const documentByDid = new Map<string, JsonObject>();
  for (const document of chain.didDocuments) {
    const did = document.id as string;
    // A DID document the trust policy pins wins over the chain's copy, as in verify().
    documentByDid.set(did, trust?.didDocuments.get(did) ?? document);
    didByHash.set(toHex(titlePartyHash(did)), did);
  }
  const names = new Map(chain.parties.map((p) => [p.did, p.name]));
  const issuerHash = toHex(titlePartyHash(chain.record.issuer));
  didByHash.set(issuerHash, chain.record.issuer);
  const party = (hash: string): TitleParty => {
    const did = didByHash.get(hash);
    const name = did === undefined ? undefined : names.get(did);
    return { hash, ...(did === undefined ? {} : { did }), ...(name === undefined ? {} : { name }) };
  };
  // Which party's DID document holds the key with this actor hash, and the key.
  const signerOf = new Map<string, { did: string; key: IssuerKey }>();
  for (const [did, document] of documentByDid) {
    for (const key of keysOf(document)) {
      signerOf.set(toHex(actorHashOfEd25519Key(key.publicKey)), { did, key });
    }
  }

  // chain_links: ISSUE first, every prev_entry_hash the leaf hash of the entry before, one record.
  const recordId = titleRecordId(chain.record.issuer, chain.record.credentialId);
  if (toHex(recordId) !== chain.record.recordId) {
    fail(
      check(
        'chain_links',
        'INVALID',
        'record_mismatch',
        'The record id is not the one of its issuer and bill of lading',
      ),
    );
  }
  let previous: TradeLogEntry | undefined;
  read.forEach((action, i) => {
    const seq = i + 1;
    const entry = action.entry;
    if (entry === undefined) {
      fail(
        check(
          'chain_links',
          'INVALID',
          'entry_unreadable',
          `Action ${seq}: ${action.problem ?? 'unreadable'}`,
          seq,
        ),
      );
      previous = undefined;
      return;
    }
    const kindAction = titleActionOfKind(entry.kind);
    if (action.claimed.seq !== seq) {
      fail(
        check(
          'chain_links',
          'INVALID',
          'prev_hash_mismatch',
          `Action ${seq} is numbered ${action.claimed.seq}: actions were reordered or dropped`,
          seq,
        ),
      );
    }
    if (
      kindAction !== action.claimed.action ||
      TITLE_ACTION_CODES[action.claimed.action].pintCode !== action.claimed.pintCode
    ) {
      fail(
        check(
          'chain_links',
          'INVALID',
          'action_mismatch',
          `Action ${seq} claims ${action.claimed.action} but its entry records kind ${entry.kind}`,
          seq,
        ),
      );
    }
    if (!constantTimeEqual(entry.recordId, recordId)) {
      fail(
        check(
          'chain_links',
          'INVALID',
          'record_mismatch',
          `Action ${seq}'s entry belongs to another record`,
          seq,
        ),
      );
    }
    if (i === 0) {
      if (entry.kind !== TradeLogEntryKind.ISSUE || !isZero(entry.prevEntryHash)) {
        fail(check('chain_links', 'INVALID', 'first_not_issue', undefined, seq));
      }
    } else if (
      previous === undefined ||
      !constantTimeEqual(entry.prevEntryHash, tradeLogEntryLeafHash(previous.bytes))
    ) {
      fail(
        check(
          'chain_links',
          'INVALID',
          'prev_hash_mismatch',
          `Action ${seq} does not extend action ${seq - 1}: the chain was reordered, cut or altered`,
          seq,
        ),
      );
    } else if (entry.timeMs < previous.timeMs) {
      fail(check('chain_links', 'INVALID', 'time_reversed', undefined, seq));
    }
    previous = entry;
  });
  if (!results.has('chain_links')) {
    results.set(
      'chain_links',
      check('chain_links', 'OK', 'links_intact', `${read.length} actions, each extending the one before`),
    );
  }

  // signatures and holders: replay the chain.
  let state: TitleState | undefined;
  let replayed = true;
  const reportActions: TitleChainReport['actions'][number][] = [];
  let currentDocHash: Uint8Array | undefined;
  const docHashes: Uint8Array[] = [];
  for (const [i, action] of read.entries()) {
    const seq = i + 1;
    const entry = action.entry;
    const claimed = action.claimed;
    if (entry === undefined) {
      replayed = false;
      reportActions.push({ seq, action: 'unknown', pintCode: claimed.pintCode });
      continue;
    }
    const kindAction = titleActionOfKind(entry.kind);
    const actorHex = toHex(entry.actor);
    const signer = signerOf.get(actorHex);
    const to = isZero(entry.counterparty) ? null : toHex(entry.counterparty);
    reportActions.push({
      seq,
      action: kindAction ?? 'unknown',
      pintCode: kindAction === undefined ? claimed.pintCode : TITLE_ACTION_CODES[kindAction].pintCode,
      ...(signer === undefined ? {} : { by: party(toHex(titlePartyHash(signer.did))) }),
      to: to === null ? null : party(to),
      at: new Date(entry.timeMs).toISOString(),
      ...(action.proof === undefined ? {} : { logIndex: action.proof.index }),
    });
    if (signer === undefined) {
      fail(
        check(
          'signatures',
          'INVALID',
          'signer_unknown',
          `Action ${seq} is signed by a key found in no DID document of the chain`,
          seq,
        ),
      );
    } else {
      const invalidKey = keyValidity(signer.key, entry.timeMs, `Action ${seq}`);
      const valid = await ed25519.verify(
        entry.signature,
        tradeLogEntrySigningInput(entry),
        signer.key.publicKey,
      );
      if (!valid) {
        fail(
          check(
            'signatures',
            'INVALID',
            'signature_invalid',
            `Action ${seq}'s signature by ${signer.key.id} does not verify: the entry was altered`,
            seq,
          ),
        );
      } else if (invalidKey !== undefined && invalidKey.reason !== 'key_not_for_assertion') {
        fail(check('signatures', 'INVALID', 'key_not_valid', invalidKey.message, seq));
      }
    }
    if (kindAction === undefined) {
      replayed = false;
      fail(
        check(
          'holders',
          'INVALID',
          'rule_violated',
          `Action ${seq} has kind ${entry.kind}, which no title action uses`,
          seq,
        ),
      );
      continue;
    }
    // The then-holder (the issuer for ISSUE) must be who signed.
    const expectedSigner = state === undefined ? issuerHash : state.holder;
    if (signer === undefined) {
      if (!documentByDid.has(didByHash.get(expectedSigner) ?? '')) {
        fail(
          check(
            'holders',
            'ERROR',
            'party_unknown',
            `Action ${seq}: the chain carries no DID document of the party that held the record`,
            seq,
          ),
        );
      } else {
        fail(
          check(
            'holders',
            'INVALID',
            'actor_not_holder',
            `Action ${seq} was signed with a key that is not the holder's`,
            seq,
          ),
        );
      }
      replayed = false;
      continue;
    }
    const actor = toHex(titlePartyHash(signer.did));
    if (actor !== expectedSigner) {
      fail(
        check(
          'holders',
          'INVALID',
          'actor_not_holder',
          `Action ${seq} (${kindAction}) was signed by ${signer.did}, who did not hold the record then`,
          seq,
        ),
      );
      replayed = false;
      continue;
    }
    const next = applyTitleAction(state, { action: kindAction, actor, to }, issuerHash);
    if (!next.ok) {
      fail(
        check(
          'holders',
          'INVALID',
          next.violation === 'not_holder' ? 'actor_not_holder' : 'rule_violated',
          `Action ${seq} (${kindAction}): ${next.message}`,
          seq,
        ),
      );
      replayed = false;
      continue;
    }
    // The document: fixed except by ISSUE and AMEND.
    if (kindAction === 'issue' || kindAction === 'amend') {
      currentDocHash = entry.docHash;
      docHashes.push(entry.docHash);
    } else if (currentDocHash !== undefined && !constantTimeEqual(entry.docHash, currentDocHash)) {
      fail(
        check(
          'chain_links',
          'INVALID',
          'action_mismatch',
          `Action ${seq} names another document than the record's`,
          seq,
        ),
      );
    }
    state = next.state;
  }
  if (!results.has('signatures')) {
    results.set('signatures', check('signatures', 'OK', 'signatures_valid'));
  }
  if (!results.has('holders')) {
    results.set('holders', check('holders', 'OK', 'holders_valid'));
  }

  // identities: whose DID documents vouch for the signing keys.
  const signers = new Set(reportActions.map((a) => a.by?.did).filter((d): d is string => d !== undefined));
  const pinned = [...signers].every((did) => trust?.didDocuments.get(did) !== undefined);
  results.set(
    'identities',
    pinned && signers.size > 0
      ? check('identities', 'OK', 'identities_pinned')
      : check(
          'identities',
          'SKIPPED',
          'identities_from_chain',
          "Only the chain's own copies of the parties' DID documents were available: keys were checked against them, identities were not confirmed (pin them in the trust policy)",
        ),
  );

  // document: every version the chain names verifies and is the one recorded.
  results.set('document', await checkDocuments(chain, docHashes, trust, options));

  // The log: inclusion of every entry, each distinct checkpoint, its witnesses.
  const evaluations = new Map<string, CheckpointEvaluation>();
  let newest: { origin: string; treeSize: number } | undefined;
  for (const [i, action] of read.entries()) {
    const seq = i + 1;
    if (action.proof === undefined) {
      fail(
        check(
          'log_inclusion',
          'INVALID',
          'tlog_proof_malformed',
          `Action ${seq}: ${action.problem ?? ''}`,
          seq,
        ),
      );
      continue;
    }
    let evaluation = evaluations.get(action.proof.checkpoint);
    if (evaluation === undefined) {
      evaluation = evaluateCheckpoint(action.proof.checkpoint, trust);
      evaluations.set(action.proof.checkpoint, evaluation);
    }
    const cp = evaluation.checkpoint;
    if (cp !== undefined && (newest === undefined || cp.size > newest.treeSize)) {
      newest = { origin: cp.origin, treeSize: cp.size };
    }
    for (const [name, result] of [
      ['log_inclusion', checkInclusion(action.proof, cp)],
      ['checkpoint', evaluation.checkpointCheck],
      ['witnesses', evaluation.witnessesCheck],
    ] as const) {
      if (result.verdict !== 'OK' && !(name === 'witnesses' && result.verdict === 'SKIPPED')) {
        fail(check(name, result.verdict, result.reason, `Action ${seq}: ${result.message}`, seq));
      }
    }
  }
  if (!results.has('log_inclusion')) {
    results.set('log_inclusion', check('log_inclusion', 'OK', 'all_included'));
  }
  if (!results.has('checkpoint')) {
    results.set('checkpoint', check('checkpoint', 'OK', 'checkpoints_signed'));
  }
  if (!results.has('witnesses')) {
    results.set(
      'witnesses',
      trust !== undefined && trust.quorum === 0
        ? check('witnesses', 'SKIPPED', 'no_witnesses_required')
        : check('witnesses', 'OK', 'witnesses_met'),
    );
  }

  const checks = TITLE_CHAIN_CHECKS.map(
    (name) => results.get(name) ?? check(name, 'SKIPPED', 'chain_unreadable'),
  );
  // A holder is named only for a chain whose links, signatures and rules all held.
  const held =
    replayed &&
    state !== undefined &&
    results.get('chain_links')?.verdict === 'OK' &&
    results.get('signatures')?.verdict === 'OK';
  return {
    verdict: overall(checks),
    checks,
    record: chain.record,
    ...(held && state !== undefined
      ? {
          currentHolder: party(state.holder),
          endorsee: state.endorsee === null ? null : party(state.endorsee),
          status: state.status,
        }
      : {}),
    actions: reportActions,
    ...(newest === undefined ? {} : { log: newest }),
  };
}

async function checkDocuments(
  chain: TitleChain,
  docHashes: readonly Uint8Array[],
  trust: ParsedTrustPolicy | undefined,
  options: TitleChainOptions,
): Promise<TitleCheckResult> {
  if (docHashes.length === 0) {
    return check(
      'document',
      'SKIPPED',
      'document_missing',
      'No issue entry could be read, so no document was checked',
    );
  }
  const verifier = createVerifier(
    trust ?? null,
    options.crypto === undefined ? {} : { crypto: options.crypto },
  );
  const byHash = new Map<string, JsonObject>();
  for (const document of chain.documents) {
    const bundle = parseBundle(document);
    if (!bundle.ok) {
      return check(
        'document',
        'INVALID',
        'document_invalid',
        `A document bundle is malformed: ${bundle.message}`,
      );
    }
    const hash = documentHashOrUndefined(bundle.bundle.credential);
    if (hash !== undefined) {
      byHash.set(toHex(hash), document);
    }
  }
  for (const [i, hash] of docHashes.entries()) {
    const document = byHash.get(toHex(hash));
    if (document === undefined) {
      return check(
        'document',
        'ERROR',
        'document_missing',
        `The chain carries no bill of lading with the hash ${toHex(hash)} its ${i === 0 ? 'issue' : 'amendment'} records`,
      );
    }
    const credential = (document as { credential: JsonObject }).credential;
    const issuer = isObject(credential.issuer) ? credential.issuer.id : credential.issuer;
    if (issuer !== chain.record.issuer || (i === 0 && credential.id !== chain.record.credentialId)) {
      return check(
        'document',
        'INVALID',
        'document_mismatch',
        "The bill of lading is not issued by the record's issuer, or is not the one the record was created from",
      );
    }
    const subject = credential.credentialSubject;
    if (!isObject(subject) || subject.type !== 'BillOfLading') {
      return check(
        'document',
        'INVALID',
        'document_mismatch',
        'The document the chain records is not a bill of lading',
      );
    }
    const report = await verifier.verify(document);
    if (report.verdict !== 'VALID') {
      const first = report.checks.find((c) => c.verdict === report.verdict);
      return check(
        'document',
        report.verdict === 'INVALID' ? 'INVALID' : 'ERROR',
        report.verdict === 'INVALID' ? 'document_invalid' : 'document_unchecked',
        `The bill of lading ${String(credential.id)}: ${first?.check ?? ''} ${first?.message ?? ''}`.trim(),
      );
    }
  }
  return check('document', 'OK', 'document_valid');
}

const TITLE_CHECK_NAMES: Record<TitleCheckName, { en: string; zh: string }> = {
  chain_links: { en: 'chain links', zh: '链式衔接' },
  signatures: { en: 'signatures', zh: '操作签名' },
  holders: { en: 'holders', zh: '持有人规则' },
  identities: { en: 'identities', zh: '参与方身份' },
  document: { en: 'bill of lading', zh: '提单' },
  log_inclusion: { en: 'log inclusion', zh: '日志收录' },
  checkpoint: { en: 'checkpoint', zh: '日志检查点' },
  witnesses: { en: 'witnesses', zh: '见证方联署' },
};

const TITLE_STATUS_TEXT: Record<TitleStatus, { en: string; zh: string }> = {
  active: { en: 'active', zh: '有效流转中' },
  surrendered: { en: 'surrendered', zh: '已交回' },
  accomplished: { en: 'accomplished', zh: '已完成（提货）' },
};

const partyText = (p: TitleParty | null | undefined): string =>
  p === undefined || p === null ? '-' : `${p.name === undefined ? '' : `${p.name} `}${p.did ?? p.hash}`;

/** The human-readable report of the CLI, in English or Chinese. */
export function titleChainReportText(report: TitleChainReport, file: string, lang: 'en' | 'zh'): string {
  const zh = lang === 'zh';
  const lines = [`tradehub-verify ${file}`];
  if (report.record !== undefined) {
    lines.push(
      `  ${zh ? '可转让记录' : 'transferable record'} ${report.record.id} (${report.record.documentNumber ?? report.record.credentialId})`,
      `  ${zh ? '签发方' : 'issuer'} ${report.record.issuer}`,
    );
  }
  for (const action of report.actions) {
    lines.push(
      `  #${action.seq} ${action.action} (${action.pintCode}) ${partyText(action.by)} -> ${partyText(action.to)}${action.at === undefined ? '' : ` ${action.at}`}`,
    );
  }
  for (const c of report.checks) {
    const text =
      zh && c.reason in TITLE_REASON_TEXT
        ? TITLE_REASON_TEXT[c.reason as TitleReason].zh
        : zh
          ? VERIFICATION_REASON_TEXT[c.reason as VerificationReason].zh
          : c.message;
    lines.push(`  ${c.verdict.padEnd(8)} ${TITLE_CHECK_NAMES[c.check][lang].padEnd(16)} ${text}`);
  }
  if (report.currentHolder !== undefined && report.status !== undefined) {
    lines.push(
      `${zh ? '当前持有人' : 'current holder'}: ${partyText(report.currentHolder)}`,
      `${zh ? '状态' : 'status'}: ${TITLE_STATUS_TEXT[report.status][lang]}`,
    );
  }
  const summary = {
    VALID: { en: 'VALID: every check passed', zh: '有效：全部检查通过' },
    INVALID: { en: 'INVALID: do not rely on this title chain', zh: '无效：请勿信赖此权属链' },
    ERROR: { en: 'COULD NOT CHECK: see the ERROR lines', zh: '无法验证：请查看 ERROR 各项' },
  } as const;
  lines.push(summary[report.verdict][lang]);
  return `${lines.join('\n')}\n`;
}
