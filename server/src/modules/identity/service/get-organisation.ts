import { AppError } from '@tradehub/kernel';
import type { IdentityDeps } from '../deps.ts';
import { findOrganisation } from '../repository.ts';
import { presentOrganisation } from './presenters.ts';

/** One organisation's profile; the route has already decided that the caller may read it. */
export const getOrganisation = async (deps: IdentityDeps, organisationId: string) => {
  const row = await findOrganisation(deps.db.kysely, organisationId);
  if (row === undefined) {
    throw new AppError('http.not_found', `No organisation ${organisationId}.`);
  }
  return presentOrganisation(row);
};
