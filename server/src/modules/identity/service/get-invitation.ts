import { AppError } from '@tradehub/kernel';
import type { Role } from '../../../platform/access/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { findOrganisation, findUserByEmail } from '../repository.ts';
import { pendingInvitation } from './pending-invitation.ts';
import { presentOrganisationSummary } from './presenters.ts';

/** What an invitation link offers, shown before the person accepts it. */
export const getInvitation = async (deps: IdentityDeps, token: string) => {
  const invitation = await pendingInvitation(deps, token);
  const organisation = await findOrganisation(deps.db.kysely, invitation.organisation_id);
  if (organisation === undefined) {
    throw new AppError('identity.invitation_invalid', 'This invitation link is not valid any more.');
  }
  const existing = await findUserByEmail(deps.db.kysely, invitation.email);

  return {
    organisation: presentOrganisationSummary(organisation),
    email: invitation.email,
    role: invitation.role as Role,
    hasAccount: existing !== undefined,
  };
};
