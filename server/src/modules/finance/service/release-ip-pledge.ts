import type { Executor } from '../../../platform/access/index.ts';
import type { FinanceDeps } from '../deps.ts';
import { findRegistration, releaseRegistration } from '../repository.ts';
import { registrationNotFound } from './release-registration.ts';

/**
 * Releases the registration of an IP pledge inside the caller's transaction `trx`, when the bank
 * releases the pledge in the IP registry, so the right may be pledged again. A registration that
 * lapsed meanwhile stays expired; one released already is left as it is.
 */
export const releaseIpPledge = async (
  deps: FinanceDeps,
  trx: Executor,
  release: { financierOrganisationId: string; registrationId: string },
): Promise<void> => {
  const row = await findRegistration(trx, release.registrationId, true);
  if (
    row === undefined ||
    row.asset_type !== 'ip_asset' ||
    row.financier_organisation_id !== release.financierOrganisationId
  ) {
    throw registrationNotFound(release.registrationId);
  }
  if (row.status === 'active') {
    await releaseRegistration(trx, release.registrationId, deps.now());
  }
};
