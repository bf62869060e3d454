// The status check: each credentialStatus entry looked up in a Bitstring Status List signed by the
// same issuer and, when the list came in a bundle, proven to be in the log.

import { constantTimeEqual } from '@tradehub/kernel';
import type { TradehubBundle } from './bundle.ts';
import type { CheckResult, Details, Verdict } from './check-result.ts';
import { isObject, issuerDidOf, remember, result } from './check-result.ts';
import type { JsonObject, PreparedEddsaJcs2022Verification } from './data-integrity.ts';
import { prepareEddsaJcs2022Verification } from './data-integrity.ts';
import type { IssuerKey } from './did-document.ts';
import { fetchJson, findIssuerKey, parseDateTimeMs } from './did-document.ts';
import type { Ed25519Verifier } from './ed25519.ts';
import { actorHashOfEd25519Key, TradeLogEntryKind, tradeLogEntrySigningInput } from './entry.ts';
import { decodeStatusList, parseStatusListIndex, readStatusBit } from './status-list.ts';
import { parseTlogProof } from './tlog-proof.ts';
import type { VerificationReason } from './verification-reasons.ts';
import { keyValidity } from './verify-issuer.ts';
import type { CheckpointEvaluation } from './verify-log.ts';
import { checkInclusion, documentHashOrUndefined, parseEntry, tradeLogRecordId } from './verify-log.ts';
import type { FetchFunction } from './web-platform.ts';
import { globalFetch } from './web-platform.ts';

/** Fetches a status list credential by its URL; throwing means the network failed (ERROR). */
export type FetchStatusList = (url: string) => Promise<unknown>;

/** What the status check found, and as of which evidence. */
export type StatusSummary = {
  readonly revoked: boolean;
  readonly suspended: boolean;
  /** The evidence status is known from: the logged list's tree size and the list's validFrom. */
  readonly asOf: { readonly treeSize?: number; readonly statusListValidFrom?: string };
};

/** What a checked status list yields; cached per exact content. */
type StatusListEvaluation =
  | {
      readonly ok: true;
      readonly bits: Uint8Array;
      readonly purposes: readonly string[];
      readonly validFrom?: string;
      readonly treeSize?: number;
    }
  | { readonly ok: false; readonly check: CheckResult };

type StatusSource = { readonly list: JsonObject; readonly tlogProof?: string };

const STATUS_LIST_FETCH_MAX_CHARS = 1024 * 1024;

// A document's DID document is the same object for every list of that document: serialise it once.
const didDocumentKeys = new WeakMap<JsonObject, string>();
function didDocumentKey(document: JsonObject): string {
  let key = didDocumentKeys.get(document);
  if (key === undefined) {
    key = JSON.stringify(document);
    didDocumentKeys.set(document, key);
  }
  return key;
}

const MAX_BUNDLE_STATUS_SLOTS = 16;

/** Do two values parsed from JSON hold the same data? Bounded depth; false for anything else. */
function sameJsonValue(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 50) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJsonValue(item, b[i], depth + 1));
  }
  const prototypeA: unknown = Object.getPrototypeOf(a);
  const prototypeB: unknown = Object.getPrototypeOf(b);
  if (
    (prototypeA !== Object.prototype && prototypeA !== null) ||
    (prototypeB !== Object.prototype && prototypeB !== null)
  ) {
    return false;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) {
    return false;
  }
  const recordB = b as Record<string, unknown>;
  const recordA = a as Record<string, unknown>;
  return keysA.every(
    (key) => Object.hasOwn(recordB, key) && sameJsonValue(recordA[key], recordB[key], depth + 1),
  );
}

/** What the status check needs from its verifier. */
export type StatusCheckerDeps = {
  readonly ed25519: Ed25519Verifier;
  readonly checkpointOf: (note: string) => CheckpointEvaluation;
  readonly fetchStatusList?: FetchStatusList | undefined;
};

/** The status check of one verifier, with its cache of checked status lists (by exact content). */
export function createStatusChecker(deps: StatusCheckerDeps) {
  const statusLists = new Map<string, Promise<StatusListEvaluation>>();
  let checked = 0;

  const verifyStatusList = async (
    source: StatusSource,
    issuerDid: string,
    didDocument: JsonObject,
  ): Promise<StatusListEvaluation> => {
    const bad = (
      reason: VerificationReason,
      message: string,
      verdict: Verdict = 'INVALID',
    ): StatusListEvaluation => ({
      ok: false,
      check: result('status', verdict, reason, message),
    });
    const { list, tlogProof } = source;
    const subject = list.credentialSubject;
    const types = Array.isArray(list.type) ? list.type : [list.type];
    const purposes = isObject(subject)
      ? (Array.isArray(subject.statusPurpose) ? subject.statusPurpose : [subject.statusPurpose]).filter(
          (p): p is string => typeof p === 'string',
        )
      : [];
    if (
      !types.includes('BitstringStatusListCredential') ||
      typeof list.id !== 'string' ||
      !isObject(subject) ||
      subject.type !== 'BitstringStatusList' ||
      purposes.length === 0
    ) {
      return bad('status_list_malformed', 'A status list is not a BitstringStatusListCredential');
    }
    const listId = list.id;
    if (issuerDidOf(list) !== issuerDid) {
      return bad('status_list_issuer_mismatch', `The status list ${listId} is not issued by ${issuerDid}`);
    }
    const prepared = prepareEddsaJcs2022Verification(list, { expectedProofPurpose: 'assertionMethod' });
    const proof = list.proof;
    const method =
      isObject(proof) && typeof proof.verificationMethod === 'string' ? proof.verificationMethod : '';
    const key = findIssuerKey(didDocument, issuerDid, method);
    if (!prepared.ok || !key.ok) {
      const why = !prepared.ok ? prepared.reason : key.ok ? '' : key.message;
      return bad(
        'status_list_signature_invalid',
        `The status list ${listId} has no valid issuer proof (${why})`,
      );
    }
    if (!(await deps.ed25519.verify(prepared.signature, prepared.hashData, key.key.publicKey))) {
      return bad(
        'status_list_signature_invalid',
        `The issuer's signature on the status list ${listId} does not verify`,
      );
    }
    const created = isObject(proof) ? parseDateTimeMs(proof.created) : undefined;
    const keyProblem = keyValidity(key.key, created, `The status list ${listId}`);
    if (keyProblem !== undefined) {
      return bad('status_list_signature_invalid', keyProblem.message);
    }
    let treeSize: number | undefined;
    if (tlogProof !== undefined) {
      const logged = await statusListLogged(tlogProof, list, listId, issuerDid, key.key, prepared);
      if (typeof logged !== 'number') {
        return { ok: false, check: logged };
      }
      treeSize = logged;
    }
    const decoded = await decodeStatusList(subject.encodedList);
    if (!decoded.ok) {
      return decoded.reason === 'unsupported'
        ? bad('status_list_undecodable', decoded.message, 'ERROR')
        : bad('status_list_malformed', `The status list ${listId} does not decode: ${decoded.message}`);
    }
    return {
      ok: true,
      bits: decoded.bits,
      purposes,
      ...(typeof list.validFrom === 'string' ? { validFrom: list.validFrom } : {}),
      ...(treeSize === undefined ? {} : { treeSize }),
    };
  };

  // The list's STATUS_LIST_PUBLISHED entry: right record, right hash, signed by the key, in the log.
  const statusListLogged = async (
    text: string,
    list: JsonObject,
    listId: string,
    issuerDid: string,
    key: IssuerKey,
    prepared: PreparedEddsaJcs2022Verification,
  ): Promise<number | CheckResult> => {
    const notLogged = (why: string, verdict: Verdict = 'INVALID') =>
      result(
        'status',
        verdict,
        verdict === 'ERROR' ? 'no_trust_policy' : 'status_list_not_logged',
        `The status list ${listId} is not proven to be in the log: ${why}`,
      );
    const parsed = parseTlogProof(text);
    if (!parsed.ok) {
      return notLogged(parsed.message);
    }
    const entry = parseEntry(parsed.proof);
    if (!entry.ok) {
      return notLogged(entry.message);
    }
    const docHash = prepared.documentIsUnsecured ? prepared.documentHash : documentHashOrUndefined(list);
    const e = entry.entry;
    if (
      e.kind !== TradeLogEntryKind.STATUS_LIST_PUBLISHED ||
      docHash === undefined ||
      !constantTimeEqual(e.docHash, docHash) ||
      !constantTimeEqual(e.recordId, tradeLogRecordId(issuerDid, listId)) ||
      !constantTimeEqual(e.actor, actorHashOfEd25519Key(key.publicKey))
    ) {
      return notLogged('its log entry records another list, kind or key');
    }
    if (!(await deps.ed25519.verify(e.signature, tradeLogEntrySigningInput(e), key.publicKey))) {
      return notLogged("its log entry's signature does not verify");
    }
    const evaluation = deps.checkpointOf(parsed.proof.checkpoint);
    if (evaluation.checkpointCheck.verdict === 'ERROR') {
      return notLogged(evaluation.checkpointCheck.message, 'ERROR');
    }
    if (evaluation.checkpointCheck.verdict !== 'OK' || evaluation.witnessesCheck.verdict === 'INVALID') {
      return notLogged(
        `its checkpoint: ${evaluation.checkpointCheck.verdict === 'OK' ? evaluation.witnessesCheck.message : evaluation.checkpointCheck.message}`,
      );
    }
    const inclusion = checkInclusion(parsed.proof, evaluation.checkpoint);
    if (inclusion.verdict !== 'OK') {
      return notLogged(inclusion.message);
    }
    return evaluation.checkpoint?.size ?? 0;
  };

  // The last list checked per position in the bundle: documents verified in bulk carry the same
  // lists, and comparing values is cheaper than serialising them for the cache key.
  const lastChecked: ({ source: StatusSource; didDocument: JsonObject; value: unknown } | undefined)[] = [];
  const statusListOf = (source: StatusSource, issuerDid: string, didDocument: JsonObject, slot: number) => {
    const last = lastChecked[slot];
    if (
      last !== undefined &&
      last.didDocument === didDocument &&
      last.source.tlogProof === source.tlogProof &&
      sameJsonValue(last.source.list, source.list)
    ) {
      return last.value as ReturnType<typeof verifyStatusList>;
    }
    const value = statusListByContent(source, issuerDid, didDocument);
    if (slot < MAX_BUNDLE_STATUS_SLOTS) {
      try {
        // A copy: the caller may change its objects after this call.
        const list = JSON.parse(JSON.stringify(source.list)) as JsonObject;
        lastChecked[slot] = { source: { ...source, list }, didDocument, value };
      } catch {
        lastChecked[slot] = undefined;
      }
    }
    return value;
  };

  const statusListByContent = (source: StatusSource, issuerDid: string, didDocument: JsonObject) => {
    let cacheKey: string;
    try {
      // The exact list, its log proof and the DID document its key came from decide the outcome.
      cacheKey = `${JSON.stringify(source.list)}\n${source.tlogProof ?? ''}\n${didDocumentKey(didDocument)}`;
    } catch {
      return verifyStatusList(source, issuerDid, didDocument);
    }
    const cached = statusLists.get(cacheKey);
    if (cached !== undefined) {
      return cached;
    }
    checked++;
    return remember(statusLists, cacheKey, verifyStatusList(source, issuerDid, didDocument));
  };

  const checkStatus = async (
    credential: JsonObject,
    issuerDid: string | undefined,
    didDocument: JsonObject | undefined,
    bundle: TradehubBundle | undefined,
  ): Promise<{ check: CheckResult; status?: StatusSummary }> => {
    const entries =
      credential.credentialStatus === undefined
        ? []
        : Array.isArray(credential.credentialStatus)
          ? credential.credentialStatus
          : [credential.credentialStatus];
    if (entries.length === 0) {
      return { check: result('status', 'SKIPPED', 'no_credential_status') };
    }
    const supplied = bundle?.statusList;
    if (supplied === undefined && deps.fetchStatusList === undefined) {
      return {
        check: result(
          'status',
          'SKIPPED',
          'no_status_list',
          'No status list was supplied: revocation and suspension were not checked (verify online to fetch it)',
        ),
      };
    }
    if (issuerDid === undefined || didDocument === undefined) {
      return {
        check: result(
          'status',
          'ERROR',
          'no_did_document',
          'Could not check the status list: no issuer DID document',
        ),
      };
    }
    let revoked = false;
    let suspended = false;
    let asOfTreeSize: number | undefined;
    let asOfValidFrom: string | undefined;
    for (const [slot, entry] of entries.entries()) {
      if (!isObject(entry) || entry.type !== 'BitstringStatusListEntry') {
        return { check: result('status', 'ERROR', 'status_entry_unsupported') };
      }
      const { statusPurpose, statusListCredential: url } = entry;
      const index = parseStatusListIndex(entry.statusListIndex);
      if (typeof statusPurpose !== 'string' || typeof url !== 'string' || index === undefined) {
        return { check: result('status', 'INVALID', 'status_entry_malformed') };
      }
      if (entry.statusSize !== undefined && entry.statusSize !== 1) {
        return {
          check: result(
            'status',
            'ERROR',
            'status_entry_unsupported',
            'Could not check: status entries wider than one bit are not supported',
          ),
        };
      }
      let source: StatusSource;
      if (supplied !== undefined) {
        const at = supplied.credentials.findIndex((list) => list.id === url);
        const list = supplied.credentials[at];
        if (list === undefined) {
          return {
            check: result(
              'status',
              'ERROR',
              'status_list_missing',
              `Could not check: the bundle has no status list ${url}`,
            ),
          };
        }
        source = {
          list,
          ...(supplied.tlogProofs[at] === undefined ? {} : { tlogProof: supplied.tlogProofs[at] as string }),
        };
      } else {
        try {
          const fetched = await (deps.fetchStatusList as FetchStatusList)(url);
          if (!isObject(fetched)) {
            return {
              check: result(
                'status',
                'ERROR',
                'network_error',
                `Could not check: ${url} did not return a status list`,
              ),
            };
          }
          source = { list: fetched };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          return {
            check: result(
              'status',
              'ERROR',
              'network_error',
              `Could not check: fetching the status list ${url} failed: ${message}`,
            ),
          };
        }
      }
      if (source.list.id !== url) {
        return {
          check: result(
            'status',
            'INVALID',
            'status_list_malformed',
            `The status list fetched from ${url} has another id`,
          ),
        };
      }
      const evaluation = await statusListOf(source, issuerDid, didDocument, slot);
      if (!evaluation.ok) {
        return { check: evaluation.check };
      }
      if (!evaluation.purposes.includes(statusPurpose)) {
        return {
          check: result(
            'status',
            'INVALID',
            'status_purpose_mismatch',
            `The status list ${url} is not for ${statusPurpose}`,
          ),
        };
      }
      const bit = readStatusBit(evaluation.bits, index);
      if (bit === undefined) {
        return {
          check: result(
            'status',
            'INVALID',
            'status_index_out_of_range',
            `Index ${index} is outside the status list ${url}`,
          ),
        };
      }
      revoked ||= bit && statusPurpose === 'revocation';
      suspended ||= bit && statusPurpose === 'suspension';
      if (evaluation.treeSize !== undefined) {
        asOfTreeSize = Math.min(asOfTreeSize ?? evaluation.treeSize, evaluation.treeSize);
      }
      if (
        evaluation.validFrom !== undefined &&
        (asOfValidFrom === undefined || evaluation.validFrom < asOfValidFrom)
      ) {
        asOfValidFrom = evaluation.validFrom;
      }
    }
    const status = {
      revoked,
      suspended,
      asOf: {
        ...(asOfTreeSize === undefined ? {} : { treeSize: asOfTreeSize }),
        ...(asOfValidFrom === undefined ? {} : { statusListValidFrom: asOfValidFrom }),
      },
    };
    const asOf = `as of the status list of ${asOfValidFrom ?? 'unknown date'}${asOfTreeSize === undefined ? ' (not proven in the log: fetched online)' : ` logged in the tree of ${asOfTreeSize} entries`}`;
    const details: Details = { revoked, suspended };
    if (asOfTreeSize !== undefined) {
      details.treeSize = asOfTreeSize;
    }
    if (asOfValidFrom !== undefined) {
      details.statusListValidFrom = asOfValidFrom;
    }
    if (revoked) {
      return {
        check: result('status', 'INVALID', 'revoked', `The document has been revoked, ${asOf}`, details),
        status,
      };
    }
    if (suspended) {
      return {
        check: result('status', 'INVALID', 'suspended', `The document is suspended, ${asOf}`, details),
        status,
      };
    }
    return {
      check: result(
        'status',
        'OK',
        'status_active',
        `The document is neither revoked nor suspended, ${asOf}`,
        details,
      ),
      status,
    };
  };

  return { checkStatus, statusListsChecked: () => checked };
}

/** Options of createStatusListFetcher. */
export type StatusListFetcherOptions = { readonly fetch?: FetchFunction };

/** A FetchStatusList over fetch (the global one by default); failures throw, which verify reports as ERROR. */
export function createStatusListFetcher(options: StatusListFetcherOptions = {}): FetchStatusList {
  return async (url) => {
    if (!/^https?:\/\//.test(url)) {
      throw new Error(`${url} is not an http(s) URL`);
    }
    const fetch = options.fetch ?? globalFetch();
    if (fetch === undefined) {
      throw new Error('this JavaScript engine has no fetch');
    }
    return fetchJson(fetch, url, STATUS_LIST_FETCH_MAX_CHARS);
  };
}
