import { AppError } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import { findOrganisationDirectoryEntries } from '../../identity/index.ts';
import type { FinanceDeps } from '../deps.ts';

/** The organisation kinds that finance trade, and so may query and register in the registry. */
export const financierKinds: ReadonlySet<string> = new Set(['bank', 'payment_institution', 'insurer']);

/**
 * Refuses an organisation that is not a financier with 403: an exporter asking the registry
 * about an invoice would learn whether a bank financed it, which is the bank's business. Inside a
 * transaction, `ex` is that transaction (PGlite has one connection).
 */
export const requireFinancier = async (
  deps: FinanceDeps,
  organisationId: string,
  ex: Executor = deps.db.kysely,
): Promise<void> => {
  const entry = (await findOrganisationDirectoryEntries(ex, [organisationId])).get(organisationId);
  if (entry === undefined || !financierKinds.has(entry.kind)) {
    throw new AppError(
      'finance.not_a_financier',
      'Only banks, payment institutions and insurers use the duplicate-financing registry.',
    );
  }
};
