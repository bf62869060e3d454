import type { Database } from '../../platform/db/index.ts';

/** What the composition root hands the stats module. */
export type StatsDeps = {
  db: Database;
  /** The clock: which periods have begun, and the day the health board is read on by default. */
  now: () => Date;
  /** identity's organisation kind: the dashboards are the commerce department's (a regulator). */
  organisationKind: (organisationId: string) => Promise<string | undefined>;
  /** identity's directory names, for the direct-reporting review queue and health board. */
  organisationNames: (
    organisationIds: readonly string[],
  ) => Promise<ReadonlyMap<string, { name: string; nameZh: string }>>;
};
