import type { FinanceDeps } from '../deps.ts';
import { findRegistration } from '../repository.ts';
import { requireFinancier } from './financier.ts';
import { asOf } from './list-registrations.ts';
import { presentRegistration, type RegistrationView } from './presenters.ts';
import { registrationNotFound } from './release-registration.ts';

/** One of the financier's registrations; another financier's is not found. */
export const getRegistration = async (
  deps: FinanceDeps,
  organisationId: string,
  registrationId: string,
): Promise<RegistrationView> => {
  await requireFinancier(deps, organisationId);
  const row = await findRegistration(deps.db.kysely, registrationId);
  if (row === undefined || row.financier_organisation_id !== organisationId) {
    throw registrationNotFound(registrationId);
  }
  return asOf(presentRegistration(row), deps.now());
};
