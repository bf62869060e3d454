// issuer_key: was the key that signed valid at signing time, and did it sign the log entry too?

import { constantTimeEqual } from '@tradehub/kernel';
import type { CheckResult } from './check-result.ts';
import { result } from './check-result.ts';
import type { JsonObject } from './data-integrity.ts';
import type { IssuerKey } from './did-document.ts';
import { parseDateTimeMs } from './did-document.ts';
import type { TradeLogEntry } from './entry.ts';
import { actorHashOfEd25519Key } from './entry.ts';

/**
 * Why `key` could not have signed `what` at `signedAtMs` (revoked, rotated out, not for issuing),
 * or undefined when it could.
 */
export function keyValidity(
  key: IssuerKey,
  signedAtMs: number | undefined,
  what: string,
): CheckResult | undefined {
  const at = signedAtMs === undefined ? '' : new Date(signedAtMs).toISOString();
  if (key.revokedMs !== undefined || key.expiresMs !== undefined) {
    if (signedAtMs === undefined) {
      return result(
        'issuer_key',
        'INVALID',
        'issuance_time_unknown',
        `The key ${key.id} was later revoked or rotated out, and ${what} has no signing time`,
      );
    }
  }
  if (key.revokedMs !== undefined && signedAtMs !== undefined && signedAtMs >= key.revokedMs) {
    return result(
      'issuer_key',
      'INVALID',
      'key_revoked',
      `${what} was signed at ${at} with the key ${key.id}, revoked at ${key.revoked}`,
      { key: key.id, signedAt: at, revoked: key.revoked ?? '' },
    );
  }
  if (key.expiresMs !== undefined && signedAtMs !== undefined && signedAtMs >= key.expiresMs) {
    return result(
      'issuer_key',
      'INVALID',
      'key_expired',
      `${what} was signed at ${at} with the key ${key.id}, rotated out at ${key.expires}`,
      { key: key.id, signedAt: at, expires: key.expires ?? '' },
    );
  }
  if (!key.forAssertion && key.revokedMs === undefined) {
    return result(
      'issuer_key',
      'INVALID',
      'key_not_for_assertion',
      `The key ${key.id} is not listed under assertionMethod in the issuer's DID document`,
      { key: key.id },
    );
  }
  return undefined;
}

/** The issuer_key check of a credential; `entrySignatureValid` is the log entry's signature check. */
export function checkIssuerKey(
  key: IssuerKey | undefined,
  credential: JsonObject,
  logEntry: TradeLogEntry | undefined,
  entrySignatureValid: boolean,
): CheckResult {
  if (key === undefined) {
    return result('issuer_key', 'SKIPPED', 'no_key');
  }
  const proof = credential.proof as JsonObject;
  const created = parseDateTimeMs(proof.created);
  // The later of the two claimed times: backdating one of them does not help a stolen key.
  const signedAt =
    created === undefined
      ? logEntry?.timeMs
      : logEntry === undefined
        ? created
        : Math.max(created, logEntry.timeMs);
  const invalid = keyValidity(key, signedAt, 'The credential');
  if (invalid !== undefined) {
    return invalid;
  }
  if (logEntry !== undefined) {
    if (!constantTimeEqual(logEntry.actor, actorHashOfEd25519Key(key.publicKey))) {
      return result(
        'issuer_key',
        'INVALID',
        'entry_actor_mismatch',
        `The log entry was made by another key than ${key.id}`,
        { key: key.id },
      );
    }
    if (!entrySignatureValid) {
      return result(
        'issuer_key',
        'INVALID',
        'entry_signature_invalid',
        `The log entry's signature by ${key.id} does not verify`,
        { key: key.id },
      );
    }
  }
  const at = signedAt === undefined ? 'an unstated time' : new Date(signedAt).toISOString();
  const entryNote = logEntry === undefined ? ' (no log entry to compare)' : ', and it signed the log entry';
  return result(
    'issuer_key',
    'OK',
    'key_valid_at_issuance',
    `The key ${key.id} was valid for issuing at ${at}${entryNote}`,
    { key: key.id, signedAt: at },
  );
}
