import type { Database } from '../../platform/db/index.ts';

/** What the payments module needs from the composition root. */
export type PaymentsDeps = {
  db: Database;
  now: () => Date;
  /** The organisation's kind (identity): banks and payment institutions grant overdrafts and quote FX. */
  organisationKind: (organisationId: string) => Promise<string | undefined>;
};
