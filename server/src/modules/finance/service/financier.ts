import { AppError } from '@tradehub/kernel';
import { findOrganisationDirectoryEntries } from '../../identity/index.ts';
import type { FinanceDeps } from '../deps.ts';

/** The organisation kinds that finance trade, and so may query and register in the registry. */
export const financierKinds: ReadonlySet<string> = new Set(['bank', 'payment_institution', 'insurer']);

/**
 * Refuses an organisation that is not a financier with 403: an exporter asking the registry
 * about an invoice would learn whether a bank financed it, which is the bank's business.
 */
export const requireFinancier = async (deps: FinanceDeps, organisationId: string): Promise<void> => {
  const entry = (await findOrganisationDirectoryEntries(deps.db.kysely, [organisationId])).get(
    organisationId,
  );
  if (entry === undefined || !financierKinds.has(entry.kind)) {
    throw new AppError(
      'finance.not_a_financier',
      'Only banks, payment institutions and insurers use the duplicate-financing registry.',
    );
  }
};
