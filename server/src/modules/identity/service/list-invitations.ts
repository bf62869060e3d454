import type { IdentityDeps } from '../deps.ts';
import { identityTables } from '../repository.ts';
import { presentInvitation } from './presenters.ts';

/** An organisation's invitations, newest first. */
export const listInvitations = async (deps: IdentityDeps, organisationId: string) => {
  const rows = await identityTables(deps.db.kysely)
    .selectFrom('identity.invitations')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  const now = deps.now();

  return { items: rows.map((row) => presentInvitation(row, now)) };
};
