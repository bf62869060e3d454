import type { Database } from '../../platform/db/index.ts';
import type { RegistryKey } from './domain/fingerprints.ts';

/** What the finance module needs from the composition root. */
export type FinanceDeps = {
  db: Database;
  now: () => Date;
  /**
   * The registry keys, the current one first: new registrations are fingerprinted under it, and
   * checks look up every one, so rows made under a retired key are still found until they lapse.
   */
  registryKeys: readonly [RegistryKey, ...RegistryKey[]];
};
