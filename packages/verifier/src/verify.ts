// verify(): every check a party needs to trust a tradehub document, each with its own verdict, so
// a UI can say exactly what failed. OK / INVALID / ERROR (could not check) / SKIPPED. A network
// failure is always ERROR: never INVALID, never "revoked" (OpenCerts #517 is the counter-example).
//
// Bulk use: createVerifier(trust) keeps bounded caches of what documents share: checked checkpoints
// (by exact note text), checked log proofs (by exact tlog-proof text: the entry parsed, the
// inclusion proof checked), log entry signatures (by entry and key), the proven nodes of each
// issuance batch tree, issuer keys found in a DID document, and checked status lists (by exact
// content). A batch of 10,000 documents under one checkpoint then costs one Ed25519 verification
// per document (its credential's) plus one for the batch entry, and about one hash for its place
// in the batch. Each document's own hash is still computed and placed in the tree every time.
// Ed25519 goes through node:crypto synchronously in Node, WebCrypto or @noble elsewhere.

import { AppError, toHex } from '@tradehub/kernel';
import type { ParsedTrustPolicy, TradehubBundle } from './bundle.ts';
import { parseBundle, parseTrustPolicy, readVerificationInput } from './bundle.ts';
import type { CheckResult } from './check-result.ts';
import { isObject, issuerDidOf, remember, result } from './check-result.ts';
import type { JsonObject, VerificationFailureReason } from './data-integrity.ts';
import { prepareEddsaJcs2022Verification } from './data-integrity.ts';
import type { IssuerKeyResult, ResolveDid } from './did-document.ts';
import { findIssuerKey } from './did-document.ts';
import type { Ed25519Backend, Ed25519Verifier } from './ed25519.ts';
import { createEd25519Verifier } from './ed25519.ts';
import type { TradeLogEntry } from './entry.ts';
import { TradeLogEntryKind, tradeLogEntrySigningInput } from './entry.ts';
import type { TlogProof, TlogProofParseResult } from './tlog-proof.ts';
import { parseTlogProof } from './tlog-proof.ts';
import type { CheckName, VerificationReason } from './verification-reasons.ts';
import { VERIFICATION_CHECKS, VERIFICATION_REASON_TEXT } from './verification-reasons.ts';
import type { BatchMemo } from './verify-batch.ts';
import { checkIssuerKey } from './verify-issuer.ts';
import type { CheckpointEvaluation, ParsedEntry } from './verify-log.ts';
import {
  checkInclusion,
  checkIntegrity,
  documentHashOrUndefined,
  evaluateCheckpoint,
  parseEntry,
} from './verify-log.ts';
import type { FetchStatusList, StatusSummary } from './verify-status.ts';
import { createStatusChecker } from './verify-status.ts';

export type { CheckResult, Verdict } from './check-result.ts';
export type { CheckName, VerificationReason } from './verification-reasons.ts';
export {
  VERIFICATION_CHECKS,
  VERIFICATION_REASON_TEXT,
  VERIFICATION_REASONS,
} from './verification-reasons.ts';
export { documentHash, tradeLogRecordId } from './verify-log.ts';
export type { FetchStatusList, StatusListFetcherOptions, StatusSummary } from './verify-status.ts';
export { createStatusListFetcher } from './verify-status.ts';

/** The AppError codes of this module: createVerifier and verify throw on a trust policy that does not parse. */
export const VERIFY_ERROR_CODES = ['verifier.invalid_trust_policy', 'verifier.document_too_large'] as const;

/** The whole answer for one document. */
export type VerificationReport = {
  /** INVALID if any check is INVALID; else ERROR if any check is ERROR; else VALID. */
  readonly verdict: 'VALID' | 'INVALID' | 'ERROR';
  /** One result per check, in VERIFICATION_CHECKS order. */
  readonly checks: readonly CheckResult[];
  readonly document?: {
    readonly id: string;
    readonly types: readonly string[];
    readonly issuer: string;
    readonly issuedAt?: string;
    /** SHA-256 of the JCS form of the credential without its proof, hex. */
    readonly docHash?: string;
    /** `credentialSubject.type`, e.g. CommercialInvoice. */
    readonly documentType?: string;
  };
  readonly log?: {
    readonly origin: string;
    readonly index: number;
    readonly treeSize: number;
    /** Valid cosignatures by the trust policy's witnesses (POSIX seconds). */
    readonly cosignatures: readonly { readonly name: string; readonly timestamp: number }[];
  };
  readonly status?: StatusSummary;
};

/** Options of createVerifier. Nothing here is needed offline. */
export type VerifierOptions = {
  /** Resolves issuer DIDs online (e.g. createDidWebResolver()); a throw is reported as ERROR. */
  readonly resolveDid?: ResolveDid;
  /** Fetches status lists online when a bundle carries none; a throw is reported as ERROR. */
  readonly fetchStatusList?: FetchStatusList;
  /**
   * Ed25519 implementation: 'auto' (WebCrypto when available, else @noble), 'webcrypto', 'noble', or
   * a function of the platform (e.g. Node's crypto.verify); every choice gives the same answers.
   */
  readonly crypto?: Ed25519Backend;
};

/** A verifier bound to one trust policy, with caches for bulk verification. */
export type Verifier = {
  /** Verifies a bundle or a bare credential (object, JSON text or bytes). Never throws. */
  verify(input: unknown): Promise<VerificationReport>;
  /** Verifies `credential` with the evidence of `bundle` (whose own credential is ignored). Never throws. */
  verifyCredential(credential: unknown, bundle: unknown): Promise<VerificationReport>;
  /** The Ed25519 implementation in use. */
  cryptoBackend(): 'node' | 'webcrypto' | 'noble' | 'custom';
  /** How many distinct checkpoints and status lists were checked (cache misses), e.g. for benchmarks. */
  stats(): { checkpointsChecked: number; statusListsChecked: number };
};

const PROOF_FAILURES: Partial<Record<VerificationFailureReason, VerificationReason>> = {
  no_proof: 'proof_missing',
  wrong_proof_purpose: 'wrong_proof_purpose',
  not_canonicalizable: 'credential_malformed',
  too_large: 'credential_malformed',
  not_an_object: 'credential_malformed',
  unreadable_input: 'credential_malformed',
  bad_signature: 'signature_invalid',
};

/** The DID document used for keys, and what issuer_identity says about it. */
type DidChoice = { readonly document?: JsonObject; readonly identity: CheckResult };

/** The log side of a bundle, which depends only on its tlog-proof text (and the policy). */
type LogPart = {
  readonly tlog: TlogProofParseResult;
  readonly proof: TlogProof | undefined;
  readonly entry: ParsedEntry | undefined;
  readonly evaluation: CheckpointEvaluation | undefined;
  readonly inclusion: CheckResult | undefined;
};

/** What an entry signature was checked against, and the answer. */
type EntrySignature = { readonly publicKey: Uint8Array; readonly valid: boolean };

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function overall(checks: readonly CheckResult[]): VerificationReport['verdict'] {
  if (checks.some((c) => c.verdict === 'INVALID')) {
    return 'INVALID';
  }
  return checks.some((c) => c.verdict === 'ERROR') ? 'ERROR' : 'VALID';
}

function report(checks: Map<CheckName, CheckResult>, extra: Omit<VerificationReport, 'verdict' | 'checks'>) {
  const ordered = VERIFICATION_CHECKS.map(
    (name) => checks.get(name) ?? result(name, 'SKIPPED', 'input_unreadable'),
  );
  return { verdict: overall(ordered), checks: ordered, ...extra } satisfies VerificationReport;
}

function unreadableReport(reason: string, message: string): VerificationReport {
  const code: VerificationReason =
    reason === 'too_large'
      ? 'bundle_too_large'
      : reason === 'truncated'
        ? 'bundle_truncated'
        : reason === 'not_json' || reason === 'not_utf8'
          ? 'bundle_not_json'
          : reason === 'not_a_credential'
            ? 'input_not_recognised'
            : 'bundle_malformed';
  const checks = new Map<CheckName, CheckResult>([
    ['integrity', result('integrity', 'ERROR', code, message)],
  ]);
  return report(checks, {});
}

function parseTrust(trust: unknown): ParsedTrustPolicy | undefined {
  if (trust === null || trust === undefined) {
    return undefined;
  }
  if (isObject(trust) && trust.logKeys instanceof Map) {
    return trust as unknown as ParsedTrustPolicy;
  }
  const parsed = parseTrustPolicy(trust);
  if (!parsed.ok) {
    throw new AppError('verifier.invalid_trust_policy', `Invalid trust policy: ${parsed.message}`, {
      details: { reason: parsed.reason },
    });
  }
  return parsed.trust;
}

// Input handed over as objects can be hostile in ways JSON text cannot (cycles, throwing getters):
// whatever escapes the checks becomes an unreadable-input report, so verify never throws.
async function guarded(run: () => Promise<VerificationReport>): Promise<VerificationReport> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return unreadableReport('malformed', `The input could not be processed: ${message}`);
  }
}

/**
 * A verifier for one trust policy (a `tradehub-trust-policy/v1` value, its text, a parsed policy, or
 * null for none: then log checks are ERROR). Throws AppError `verifier.invalid_trust_policy` on a
 * policy that does not parse.
 */
export function createVerifier(trustPolicy: unknown, options: VerifierOptions = {}): Verifier {
  const trust = parseTrust(trustPolicy);
  const ed25519: Ed25519Verifier = createEd25519Verifier(options.crypto ?? 'auto');
  const checkpoints = new Map<string, CheckpointEvaluation>();
  const resolved = new Map<string, Promise<JsonObject>>();

  let checkpointsChecked = 0;

  // Documents verified in bulk mostly share one checkpoint: comparing with the last one is cheaper
  // than hashing the note text for the map.
  let last: { note: string; evaluation: CheckpointEvaluation } | undefined;
  const checkpointOf = (note: string): CheckpointEvaluation => {
    if (last !== undefined && last.note === note) {
      return last.evaluation;
    }
    const evaluation = checkpointEvaluation(note);
    last = { note, evaluation };
    return evaluation;
  };
  const checkpointEvaluation = (note: string): CheckpointEvaluation => {
    const cached = checkpoints.get(note);
    if (cached !== undefined) {
      return cached;
    }
    checkpointsChecked++;
    return remember(checkpoints, note, evaluateCheckpoint(note, trust));
  };

  // Log proofs by exact text: the members of one issuance batch under one checkpoint share it.
  const logParts = new Map<string, LogPart>();
  let lastLog: { text: string; part: LogPart } | undefined;
  const logPartOf = (text: string): LogPart => {
    if (lastLog !== undefined && lastLog.text === text) {
      return lastLog.part;
    }
    let part = logParts.get(text);
    if (part === undefined) {
      const tlog = parseTlogProof(text);
      const proof = tlog.ok ? tlog.proof : undefined;
      const entry = proof === undefined ? undefined : parseEntry(proof);
      const evaluation = proof === undefined ? undefined : checkpointOf(proof.checkpoint);
      const inclusion =
        proof === undefined || evaluation === undefined
          ? undefined
          : checkInclusion(proof, evaluation.checkpoint);
      part = remember(logParts, text, { tlog, proof, entry, evaluation, inclusion });
    }
    lastLog = { text, part };
    return part;
  };
  // Entry signatures and batch trees by entry object: one object per cached log proof.
  const entrySignatures = new WeakMap<TradeLogEntry, EntrySignature>();
  const batchMemos = new WeakMap<TradeLogEntry, BatchMemo>();
  const batchMemoOf = (entry: ParsedEntry | undefined): BatchMemo | undefined => {
    if (entry?.ok !== true || entry.entry.kind !== TradeLogEntryKind.ISSUE_BATCH) {
      return undefined;
    }
    let memo = batchMemos.get(entry.entry);
    if (memo === undefined) {
      memo = { nodes: new Map(), decoded: new Map() };
      batchMemos.set(entry.entry, memo);
    }
    return memo;
  };
  // And by entry bytes and key, for the same entry under another checkpoint (another tlog-proof).
  const entrySignaturesByBytes = new Map<string, boolean>();
  const entrySignatureValid = (entry: TradeLogEntry, publicKey: Uint8Array): boolean | Promise<boolean> => {
    const known = entrySignatures.get(entry);
    if (known !== undefined && sameKey(known.publicKey, publicKey)) {
      return known.valid;
    }
    const bytesKey = `${toHex(entry.bytes)}:${toHex(publicKey)}`;
    const byBytes = entrySignaturesByBytes.get(bytesKey);
    if (byBytes !== undefined) {
      entrySignatures.set(entry, { publicKey: publicKey.slice(), valid: byBytes });
      return byBytes;
    }
    const remembered = (valid: boolean) => {
      entrySignatures.set(entry, { publicKey: publicKey.slice(), valid });
      remember(entrySignaturesByBytes, bytesKey, valid);
      return valid;
    };
    const checked = ed25519.verify(entry.signature, tradeLogEntrySigningInput(entry), publicKey);
    return checked instanceof Promise ? checked.then(remembered) : remembered(checked);
  };
  // Keys found in a DID document, by document object and verification method: a pinned document
  // is one object for every document of its issuer. Bundled copies are new objects and miss.
  const issuerKeys = new WeakMap<JsonObject, Map<string, IssuerKeyResult>>();
  const issuerKeyOf = (document: JsonObject, issuerDid: string, method: string): IssuerKeyResult => {
    let byMethod = issuerKeys.get(document);
    if (byMethod === undefined) {
      byMethod = new Map();
      issuerKeys.set(document, byMethod);
    }
    const cacheKey = `${issuerDid}\n${method}`;
    const known = byMethod.get(cacheKey);
    if (known !== undefined) {
      return known;
    }
    return remember(byMethod, cacheKey, findIssuerKey(document, issuerDid, method));
  };

  const statusChecker = createStatusChecker({
    ed25519,
    checkpointOf,
    fetchStatusList: options.fetchStatusList,
  });

  const resolveDid = async (did: string): Promise<JsonObject> => {
    const resolver = options.resolveDid as ResolveDid;
    const cached = resolved.get(did);
    if (cached !== undefined) {
      return cached;
    }
    const pending = resolver(did).then((document) => {
      if (!isObject(document) || document.id !== did) {
        throw new ResolutionError(`Resolving ${did} did not return its DID document`);
      }
      return document;
    });
    remember(resolved, did, pending);
    // Only successes stay cached: a failed resolution is retried for the next document.
    pending.catch(() => resolved.delete(did));
    return pending;
  };

  const resolvedChoice = async (issuerDid: string, fallback: JsonObject | undefined): Promise<DidChoice> => {
    try {
      const document = await resolveDid(issuerDid);
      return {
        document,
        identity: result(
          'issuer_identity',
          'OK',
          'did_document_resolved',
          `The DID document of ${issuerDid} was fetched from its did:web location`,
          { did: issuerDid },
        ),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const identity =
        error instanceof ResolutionError
          ? result('issuer_identity', 'ERROR', 'did_resolution_failed', `Could not check: ${message}`)
          : result(
              'issuer_identity',
              'ERROR',
              'network_error',
              `Could not check: resolving ${issuerDid} failed: ${message}`,
            );
      return fallback === undefined ? { identity } : { document: fallback, identity };
    }
  };

  // Synchronous unless the DID has to be resolved: most documents need no await here.
  const chooseDidDocument = (
    issuerDid: string | undefined,
    bundle?: TradehubBundle,
  ): DidChoice | Promise<DidChoice> => {
    if (issuerDid === undefined) {
      return { identity: result('issuer_identity', 'INVALID', 'issuer_malformed') };
    }
    const pinned = trust?.didDocuments.get(issuerDid);
    if (pinned !== undefined) {
      return {
        document: pinned,
        identity: result(
          'issuer_identity',
          'OK',
          'did_document_pinned',
          `The DID document of ${issuerDid} is pinned in the trust policy`,
          { did: issuerDid },
        ),
      };
    }
    const fallback = bundle?.issuerDidDocument;
    if (options.resolveDid !== undefined) {
      return resolvedChoice(issuerDid, fallback);
    }
    if (fallback !== undefined) {
      return {
        document: fallback,
        identity: result(
          'issuer_identity',
          'SKIPPED',
          'did_document_from_bundle',
          `Only the bundle's own copy of ${issuerDid}'s DID document was available: the keys were checked against it, but the issuer's identity was not confirmed (pin the document in the trust policy or verify online)`,
          { did: issuerDid },
        ),
      };
    }
    return {
      identity: result(
        'issuer_identity',
        'ERROR',
        'no_did_document',
        `Could not check: no DID document for ${issuerDid} (no bundle, not pinned, not online)`,
      ),
    };
  };

  const verifyParts = async (
    credential: JsonObject,
    bundle: TradehubBundle | undefined,
  ): Promise<VerificationReport> => {
    const checks = new Map<CheckName, CheckResult>();
    const put = (check: CheckResult) => checks.set(check.check, check);
    const issuerDid = issuerDidOf(credential);
    const credentialId = typeof credential.id === 'string' ? credential.id : undefined;
    const prepared = prepareEddsaJcs2022Verification(credential, { expectedProofPurpose: 'assertionMethod' });
    const docHash =
      prepared.ok && prepared.documentIsUnsecured
        ? prepared.documentHash
        : documentHashOrUndefined(credential);

    // The log side: proof, entry, checkpoint, witnesses, inclusion.
    const logPart = bundle === undefined ? undefined : logPartOf(bundle.tlogProof);
    const tlog = logPart?.tlog;
    const proof = logPart?.proof;
    const entry = logPart?.entry;
    const evaluation = logPart?.evaluation;
    if (bundle === undefined) {
      put(
        result(
          'integrity',
          'SKIPPED',
          'no_proof_bundle',
          'No proof bundle: the document was not compared with a log entry',
        ),
      );
      put(
        result(
          'log_inclusion',
          'ERROR',
          'no_proof_bundle',
          'Could not check: no proof bundle, so nothing shows the document is in the log',
        ),
      );
      put(result('checkpoint', 'SKIPPED', 'no_proof_bundle'));
      put(result('witnesses', 'SKIPPED', 'no_proof_bundle'));
    } else if (
      proof === undefined ||
      entry === undefined ||
      evaluation === undefined ||
      logPart?.inclusion === undefined
    ) {
      const why = tlog?.ok === false ? tlog.message : '';
      put(result('integrity', 'SKIPPED', 'entry_unavailable'));
      put(result('log_inclusion', 'INVALID', 'tlog_proof_malformed', `The log proof is malformed: ${why}`));
      put(result('checkpoint', 'SKIPPED', 'tlog_proof_malformed'));
      put(result('witnesses', 'SKIPPED', 'tlog_proof_malformed'));
    } else {
      const memo = batchMemoOf(entry);
      put(
        checkIntegrity(entry, issuerDid, credentialId, docHash, {
          ...(bundle.issueBatch === undefined ? {} : { proof: bundle.issueBatch }),
          ...(memo === undefined ? {} : { memo }),
        }),
      );
      put(logPart.inclusion);
      put(evaluation.checkpointCheck);
      put(evaluation.witnessesCheck);
    }

    // The issuer side: DID document, key, signatures (the credential's and the entry's, in parallel).
    const chosen = chooseDidDocument(issuerDid, bundle);
    const choice = chosen instanceof Promise ? await chosen : chosen;
    put(choice.identity);
    const method = prepared.ok ? (credential.proof as JsonObject).verificationMethod : undefined;
    const key =
      choice.document === undefined || issuerDid === undefined || typeof method !== 'string'
        ? undefined
        : issuerKeyOf(choice.document, issuerDid, method);
    const logEntry = entry?.ok === true ? entry.entry : undefined;
    // Synchronous answers (node:crypto, cached entry signatures) are used as they are: an await per
    // document is a measurable part of bulk verification.
    const signatureCheck =
      prepared.ok && key?.ok === true
        ? ed25519.verify(prepared.signature, prepared.hashData, key.key.publicKey)
        : false;
    const entryCheck =
      logEntry !== undefined && key?.ok === true ? entrySignatureValid(logEntry, key.key.publicKey) : false;
    const [signatureValid, entrySignatureOk] =
      signatureCheck instanceof Promise || entryCheck instanceof Promise
        ? await Promise.all([signatureCheck, entryCheck])
        : [signatureCheck, entryCheck];
    if (!prepared.ok) {
      const reason = PROOF_FAILURES[prepared.reason] ?? 'proof_malformed';
      put(
        result('signature', 'INVALID', reason, `${VERIFICATION_REASON_TEXT[reason].en} (${prepared.reason})`),
      );
    } else if (issuerDid === undefined) {
      put(result('signature', 'INVALID', 'issuer_malformed'));
    } else if (choice.document === undefined) {
      put(result('signature', 'ERROR', 'no_did_document', choice.identity.message));
    } else if (key === undefined || !key.ok) {
      put(result('signature', 'INVALID', key?.reason ?? 'verification_method_not_found', key?.message));
    } else {
      put(
        signatureValid
          ? result('signature', 'OK', 'signature_verified', `The credential is signed by ${key.key.id}`, {
              key: key.key.id,
            })
          : result(
              'signature',
              'INVALID',
              'signature_invalid',
              `The signature by ${key.key.id} does not verify: the credential or its proof was altered`,
              { key: key.key.id },
            ),
      );
    }
    put(checkIssuerKey(key?.ok === true ? key.key : undefined, credential, logEntry, entrySignatureOk));
    // Offline, a bundled DID document alone proves nothing about who the issuer is; an issuance
    // entry in a log that only records issuers' own issuances does, once every log check held.
    const origin = evaluation?.checkpoint?.origin;
    const allOk = (...names: CheckName[]) => names.every((name) => checks.get(name)?.verdict === 'OK');
    if (
      choice.identity.reason === 'did_document_from_bundle' &&
      origin !== undefined &&
      trust?.issuerAttestingLogs.has(origin) === true &&
      (logEntry?.kind === TradeLogEntryKind.ISSUE || logEntry?.kind === TradeLogEntryKind.ISSUE_BATCH) &&
      allOk('integrity', 'log_inclusion', 'checkpoint', 'signature', 'issuer_key')
    ) {
      put(
        result(
          'issuer_identity',
          'OK',
          'issuer_attested_by_log',
          `The log ${origin}, which records an issuance only from the issuer it names, holds entry ${proof?.index} binding this key to ${issuerDid}`,
          { did: issuerDid ?? '', log: origin },
        ),
      );
    }

    const status = await statusChecker.checkStatus(credential, issuerDid, choice.document, bundle);
    put(status.check);

    return report(checks, {
      ...documentSummary(credential, issuerDid, credentialId, docHash),
      ...logSummary(proof, evaluation),
      ...(status.status === undefined ? {} : { status: status.status }),
    });
  };

  return {
    cryptoBackend: () => ed25519.backend(),
    stats: () => ({ checkpointsChecked, statusListsChecked: statusChecker.statusListsChecked() }),
    verify(input) {
      return guarded(() => {
        const read = readVerificationInput(input);
        if (read.kind === 'unreadable') {
          return Promise.resolve(unreadableReport(read.reason, read.message));
        }
        return read.kind === 'bundle'
          ? verifyParts(read.bundle.credential, read.bundle)
          : verifyParts(read.credential, undefined);
      });
    },
    verifyCredential(credential, bundleInput) {
      return guarded(() => {
        const read = readVerificationInput(credential);
        if (read.kind !== 'credential') {
          return Promise.resolve(
            unreadableReport(
              read.kind === 'unreadable' ? read.reason : 'not_a_credential',
              read.kind === 'unreadable' ? read.message : 'Expected a credential, got a bundle',
            ),
          );
        }
        const bundle = parseBundle(bundleInput);
        if (!bundle.ok) {
          return Promise.resolve(unreadableReport(bundle.reason, bundle.message));
        }
        return verifyParts(read.credential, bundle.bundle);
      });
    },
  };
}

/** A DID resolution that returned something other than the DID's document: ERROR, not a network error. */
class ResolutionError extends Error {
  override readonly name = 'ResolutionError';
}

function documentSummary(
  credential: JsonObject,
  issuerDid: string | undefined,
  credentialId: string | undefined,
  docHash: Uint8Array | undefined,
): Pick<VerificationReport, 'document'> {
  if (issuerDid === undefined || credentialId === undefined) {
    return {};
  }
  const types = (Array.isArray(credential.type) ? credential.type : [credential.type]).filter(
    (t): t is string => typeof t === 'string',
  );
  const subject = credential.credentialSubject;
  const documentType = isObject(subject) && typeof subject.type === 'string' ? subject.type : undefined;
  return {
    document: {
      id: credentialId,
      types,
      issuer: issuerDid,
      ...(typeof credential.validFrom === 'string' ? { issuedAt: credential.validFrom } : {}),
      ...(docHash === undefined ? {} : { docHash: toHex(docHash) }),
      ...(documentType === undefined ? {} : { documentType }),
    },
  };
}

function logSummary(
  proof: TlogProof | undefined,
  evaluation: CheckpointEvaluation | undefined,
): Pick<VerificationReport, 'log'> {
  const checkpoint = evaluation?.checkpoint;
  if (proof === undefined || checkpoint === undefined) {
    return {};
  }
  return {
    log: {
      origin: checkpoint.origin,
      index: proof.index,
      treeSize: checkpoint.size,
      cosignatures: (evaluation?.cosignatures ?? []).map((c) => ({ name: c.name, timestamp: c.timestamp })),
    },
  };
}

/**
 * The issue's signature: verifies a bundle (`bundle` omitted), a bare credential, or a credential with
 * the evidence of a separate bundle, against a trust policy. For many documents, create one verifier
 * with createVerifier and reuse it. Throws only on an invalid trust policy.
 */
export function verify(
  credentialOrBundle: unknown,
  bundle: unknown,
  trust: unknown,
  options: VerifierOptions = {},
): Promise<VerificationReport> {
  const verifier = createVerifier(trust, options);
  return bundle === undefined || bundle === null
    ? verifier.verify(credentialOrBundle)
    : verifier.verifyCredential(credentialOrBundle, bundle);
}
