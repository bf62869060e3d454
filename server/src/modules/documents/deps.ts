import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/index.ts';

/**
 * An organisation's active signing key as the identity module hands it out. `sign` is called tens
 * of thousands of times a second by batch issuance; a synchronous result is the fast path.
 */
export type IssuerKey = {
  keyId: string;
  /** The organisation's did:web. */
  did: string;
  /** `<did>#<keyId>`: the DID URL a proof names. */
  verificationMethod: string;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array | Promise<Uint8Array>;
};

/** What the documents module needs from the transparency log (its index.ts functions). */
export type DocumentsLog = {
  /** Queues entries inside the caller's transaction (at most 1,000 per call). */
  queueEntries(trx: Transaction<object>, bodies: readonly Uint8Array[]): Promise<unknown>;
  /** The index of the integrated entry with this RFC 6962 leaf hash; undefined while pending. */
  indexOfLeafHash(leafHash: Uint8Array): Promise<number | undefined>;
  /** A C2SP tlog-proof@v1 of entry `index` (its body in `extra`) against the latest checkpoint. */
  tlogProof(index: number): Promise<string>;
  /** Told after a commit how many entries it queued, so the sequencer can start a full batch at once. */
  entriesQueued(count: number): void;
};

/** What the documents module needs from the composition root. */
export type DocumentsDeps = {
  db: Database;
  now: () => Date;
  /** The hub's public base URL: status list URLs and verification links start with it. */
  publicUrl: string;
  /** The hub's secret; the key of the share-link tokens is derived from it. */
  secretKey: Uint8Array;
  log: DocumentsLog;
  /** The organisation's active signing key (identity's `signingKeys.activeKey`). */
  activeKey(organisationId: string): Promise<IssuerKey>;
  /** The organisation's DID document as served at `/org/<id>/did.json` (identity). */
  didDocument(organisationId: string): Promise<Record<string, unknown>>;
  /** The organisation's English name, the issuer's `name` in every credential (identity). */
  organisationName(organisationId: string): Promise<string>;
  /** Wakes the outbox dispatcher once a transaction that published events has committed. */
  afterCommit: () => void;
};
