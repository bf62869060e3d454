import type { Database } from '../../platform/db/index.ts';

/**
 * What the composition root hands the expo module. The module table lets expo import identity
 * only; everything it reads from trade, finance, documents, the log or statistics arrives here as
 * a function, wired in app.ts.
 */
export type ExpoDeps = {
  db: Database;
  now: () => Date;
  codes: {
    /** The HS 2022 subheading exists in the shipped nomenclature. */
    isHs6: (code: string) => boolean;
    /** A UN/ECE Recommendation 20 unit code. */
    isUnitCode: (code: string) => boolean;
    /** Whether a UN/LOCODE is in the imported list, only well formed, or invalid. */
    checkUnlocode: (code: string) => 'verified' | 'unverified' | 'invalid';
  };
  /** identity's organisation kind (exporter, importer, regulator …). */
  organisationKind: (organisationId: string) => Promise<string | undefined>;
  /** identity's directory names and countries. */
  organisationNames: (
    organisationIds: readonly string[],
  ) => Promise<ReadonlyMap<string, { name: string; nameZh: string }>>;
};
