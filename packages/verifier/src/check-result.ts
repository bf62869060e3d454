// The result of one verification check, and small helpers the verify*.ts modules share.

import type { JsonObject } from './data-integrity.ts';
import type { CheckName, VerificationReason } from './verification-reasons.ts';
import { VERIFICATION_REASON_TEXT } from './verification-reasons.ts';

/** The verdict of one check: ERROR means "could not check", SKIPPED "did not apply or was not asked". */
export type Verdict = 'OK' | 'INVALID' | 'ERROR' | 'SKIPPED';

/** The outcome of one check. `message` is English; `reason` is the stable code a UI translates. */
export type CheckResult = {
  readonly check: CheckName;
  readonly verdict: Verdict;
  readonly reason: VerificationReason;
  readonly message: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
};

/** Free-form facts of a check result (key, index, tree size...), for UIs and logs. */
export type Details = Record<string, string | number | boolean>;

/** A check result; the message defaults to the reason's English text. */
export function result(
  check: CheckName,
  verdict: Verdict,
  reason: VerificationReason,
  message: string = VERIFICATION_REASON_TEXT[reason].en,
  details?: Details,
): CheckResult {
  return details === undefined
    ? { check, verdict, reason, message }
    : { check, verdict, reason, message, details };
}

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How many entries each cache of a verifier keeps. */
export const MAX_CACHED = 256;

/** Stores `value` under `key`, forgetting the oldest entry once the cache is full. */
export function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) {
      cache.delete(oldest);
    }
  }
  cache.set(key, value);
  return value;
}

/** The DID of a credential's (or status list's) `issuer`: a string or an object with an id. */
export function issuerDidOf(document: JsonObject): string | undefined {
  const issuer = document.issuer;
  const id = isObject(issuer) ? issuer.id : issuer;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
