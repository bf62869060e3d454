import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';

/** An order of the organisation's that ended (completed or cancelled), as the trade module holds it. */
export type ConcludedOrder = {
  id: string;
  status: 'completed' | 'cancelled';
  sellerOrganisationId: string;
  /** Null while the buyer is an e-mail invitation nobody claimed: not a verified counterparty. */
  buyerOrganisationId: string | null;
  /** When it reached its final status (its last change). */
  concludedAt: Date;
};

/** How an order's escrow ended in the ledger; `funded` is still open. */
export type EscrowOutcomeFact = {
  status: 'funded' | 'released' | 'refunded' | 'split';
  buyerOrganisationId: string;
  sellerOrganisationId: string;
};

/** What credit scores need from the composition root: every read of another module goes through it. */
export type CreditDeps = {
  db: Database;
  now: () => Date;
  /** The hub secret: the snapshot key is derived from it. */
  secretKey: Uint8Array;
  /** trade: the organisation's orders (seller or buyer) that ended at or after `since`. */
  concludedOrders: (organisationId: string, since: Date) => Promise<ConcludedOrder[]>;
  /** payments: the order's escrow, or undefined when it had none. */
  escrowOf: (orderId: string) => Promise<EscrowOutcomeFact | undefined>;
  /** identity: the organisation's kind (only financiers receive shared snapshots). */
  organisationKind: (organisationId: string) => Promise<string | undefined>;
  /** transparency-log: where a snapshot's hash is appended and proven. */
  log: {
    queueEntries: (trx: Transaction<object>, bodies: readonly Uint8Array[]) => Promise<unknown>;
    entriesQueued: (count: number) => void;
    /** The index of the first entry with this leaf hash once a checkpoint covers it, else undefined. */
    indexOfLeafHash: (leafHash: Uint8Array) => Promise<number | undefined>;
    /** The C2SP tlog-proof@v1 text of entry `index`. */
    tlogProof: (index: number) => Promise<string>;
    /** The log's checkpoint verifier key (`<origin>+<id>+<key>`). */
    verifierKey: string;
  };
};
