import { AppError } from '@tradehub/kernel';
import { type Executor, listOrganisationRoles, type Role } from '../../../platform/access/index.ts';
import { identityTables } from '../repository.ts';

export const membership = (userId: string, role: string, organisationId: string) => ({
  subject: { type: 'user', id: userId },
  relation: role,
  object: { type: 'organisation', id: organisationId },
});

/**
 * A member's role and the organisation's owner count, read under a lock on the organisation row:
 * without it, two admins demoting the last two owners at the same moment would each still see
 * the other owner, and both would pass.
 */
export const currentRoles = async (trx: Executor, organisationId: string, userId: string) => {
  await identityTables(trx)
    .selectFrom('identity.organisations')
    .select('id')
    .where('id', '=', organisationId)
    .forUpdate()
    .execute();
  const all = await listOrganisationRoles(trx, organisationId);
  const mine = all.find((entry) => entry.userId === userId);
  if (mine === undefined) {
    throw new AppError('http.not_found', `No member ${userId} in this organisation.`);
  }
  const owners = all.filter((entry) => entry.role === 'owner').length;

  return { role: mine.role as Role, owners };
};
