import type { Database } from '../../platform/db/index.ts';
import type { RailsSettings } from './rails/types.ts';

/** What the payments module needs from the composition root. */
export type PaymentsDeps = {
  db: Database;
  now: () => Date;
  /** The organisation's kind (identity): banks and payment institutions grant overdrafts and quote FX. */
  organisationKind: (organisationId: string) => Promise<string | undefined>;
  /** Payment rails: the operator's transports and instructing agent (default: none, sandbox only). */
  rails?: RailsSettings;
};
