import type { Database } from '../../platform/db/index.ts';
import type { LogisticsTraceDeps } from './trace/deps.ts';

/** What the logistics module needs from the trade module (its index.ts functions). */
export type LogisticsOrders = {
  /**
   * The seller and buyer of an order `organisationId` may see, with the role it has in it;
   * throws AppError `trade.order_not_found` for an order it may not see.
   */
  partiesOf(
    organisationId: string,
    orderId: string,
  ): Promise<{ myRole: string; sellerOrganisationId: string; buyerOrganisationId: string | null }>;
};

/** The code lists the hub loaded (platform/codes). */
export type LogisticsCodeLists = {
  /** verified: in the list; unverified: well-formed, country not loaded; invalid otherwise. */
  checkUnlocode: (code: string) => 'verified' | 'unverified' | 'invalid';
  /** True when the 6-digit HS subheading exists in the loaded HS edition. */
  isHs6: (code: string) => boolean;
  /**
   * The entry of a UN/LOCODE in the loaded list (shipped subset and imported entries), naming and
   * positioning the places of plans; without it places have no name or position.
   */
  lookupUnlocode?: (
    code: string,
  ) => { name: string; coordinates: { lat: number; lon: number } | null } | undefined;
};

/** What the logistics module needs from the composition root. */
export type LogisticsDeps = {
  db: Database;
  now: () => Date;
  codes: LogisticsCodeLists;
  orders: LogisticsOrders;
  /** True when an organisation with this id is registered on the hub. */
  organisationExists: (organisationId: string) => Promise<boolean>;
  /** The organisation's kind (identity's organisation kinds); undefined when none has this id. */
  organisationKind: (organisationId: string) => Promise<string | undefined>;
  /** Wakes the outbox dispatcher once a transaction that published events has committed. */
  afterCommit: () => void;
  /** The transparency log and signing keys the verifiable trace commits with (trace/deps.ts). */
  trace: LogisticsTraceDeps;
  /** The hub's secret key: event-callback secrets are sealed at rest with a key derived from it. */
  secretKey: Uint8Array;
  /** The hub's public base URL, for the callback URLs a carrier is given. */
  publicUrl: string;
};
