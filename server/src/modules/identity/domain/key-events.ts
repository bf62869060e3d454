import { canonicalize, sha256, utf8Encode } from '@tradehub/kernel';
import { type TradeLogEntryFields, TradeLogEntryKind, ZERO_HASH } from '@tradehub/verifier';

/** What happened to a key, as committed to the transparency log. */
export type KeyEventKind = 'created' | 'rotated' | 'revoked';

export const revocationReasons = [
  'key_compromise',
  'superseded',
  'cessation_of_operation',
  'unspecified',
] as const;

export type RevocationReason = (typeof revocationReasons)[number];

/**
 * The record id of an organisation's key history in the log: SHA-256("key/v1\n" || DID). All of
 * its KEY_ROTATION entries share it and chain through prev_entry_hash.
 */
export const keyHistoryRecordId = (did: string): Uint8Array => sha256(utf8Encode(`key/v1\n${did}`));

export type KeyEventStatement = {
  did: string;
  /** The key the event is about: the new key when created or rotated, the revoked key when revoked. */
  keyId: string;
  event: KeyEventKind;
  /** When the change takes effect: creation, retirement, or revocation (which may be backdated). */
  at: Date;
  reason?: RevocationReason;
};

/** The RFC 8785 text of a statement; its SHA-256 is the entry's doc_hash. */
export const keyEventStatementText = (statement: KeyEventStatement): string =>
  canonicalize({
    did: statement.did,
    keyId: statement.keyId,
    event: statement.event,
    at: statement.at.toISOString(),
    ...(statement.reason === undefined ? {} : { reason: statement.reason }),
  });

/**
 * The fields of a KEY_ROTATION entry. `actor` is the key that signs the entry (the active key
 * after the change), `counterparty` the key that left (rotated out or revoked), zeros on creation.
 */
export const keyEventEntryFields = (input: {
  did: string;
  statementText: string;
  timeMs: number;
  prevEntryHash: Uint8Array | null;
  actor: Uint8Array;
  counterparty: Uint8Array | null;
}): TradeLogEntryFields => ({
  kind: TradeLogEntryKind.KEY_ROTATION,
  timeMs: input.timeMs,
  recordId: keyHistoryRecordId(input.did),
  docHash: sha256(utf8Encode(input.statementText)),
  prevEntryHash: input.prevEntryHash ?? ZERO_HASH,
  actor: input.actor,
  counterparty: input.counterparty ?? ZERO_HASH,
  aux: ZERO_HASH,
});
