import type { Transaction } from 'kysely';

/** The organisation key that signs TRACE_BATCH log entries (identity's active Ed25519 key). */
export type TraceSigningKey = {
  did: string;
  publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array | Promise<Uint8Array>;
};

/** What the trace needs from the transparency log and identity (their index.ts functions). */
export type LogisticsTraceDeps = {
  /** Queues log entries inside the caller's transaction (transparency-log `queueEntries`). */
  queueEntries(trx: Transaction<object>, bodies: readonly Uint8Array[]): Promise<unknown>;
  /** After the commit: lets the sequencer start a full batch without waiting for its timer. */
  entriesQueued(count: number): void;
  signingKey(organisationId: string): Promise<TraceSigningKey>;
  /** The log index of the entry with this leaf hash once a checkpoint verifiers accept covers it. */
  indexOfLeafHash(leafHash: Uint8Array): Promise<number | undefined>;
  /** The C2SP tlog-proof text of the entry at `index`, against that checkpoint. */
  tlogProof(index: number): Promise<string>;
  /** The log's checkpoint origin and verifier key, which an exported trace names. */
  log: { origin: string; verifierKey: string };
};
