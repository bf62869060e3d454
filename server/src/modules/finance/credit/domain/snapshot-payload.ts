import { canonicalizeToBytes, sha256 } from '@tradehub/kernel';
import type { CreditFacts, CreditScore } from './scorecard.ts';

/** Names what the signed bytes are, so a signature over a snapshot is valid for nothing else. */
export const SNAPSHOT_TYPE = 'tradehub-credit-snapshot/v1';

/** Exactly what the hub signs: its RFC 8785 canonical JSON is the signed message. */
export type SnapshotPayload = {
  type: typeof SNAPSHOT_TYPE;
  id: string;
  organisationId: string;
  computedAt: string;
  /** The hub's signing key (its id): a verifier looks the public key up in the scorecard. */
  keyId: string;
  facts: CreditFacts;
  score: CreditScore;
};

/** The signed message: the payload's RFC 8785 canonical JSON as UTF-8. */
export const snapshotMessage = (payload: SnapshotPayload): Uint8Array => canonicalizeToBytes(payload);

/** SHA-256 of the signed message: the `doc_hash` of the snapshot's log entry. */
export const snapshotHash = (payload: SnapshotPayload): Uint8Array => sha256(snapshotMessage(payload));

/** record_id of a snapshot's log entry: SHA-256("credit-snapshot/v1\n" ‖ organisation id ‖ "\n" ‖ snapshot id). */
export const snapshotRecordId = (organisationId: string, snapshotId: string): Uint8Array =>
  sha256(new TextEncoder().encode(`credit-snapshot/v1\n${organisationId}\n${snapshotId}`));
