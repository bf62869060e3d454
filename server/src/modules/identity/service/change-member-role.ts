import { AppError } from '@tradehub/kernel';
import { grantRelation, type Role, revokeRelation } from '../../../platform/access/index.ts';
import { publishEvent } from '../../../platform/events/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { identityEvents } from '../events.ts';
import type { WriteContext } from './context.ts';
import { listMembers } from './list-members.ts';
import { currentRoles, membership } from './memberships.ts';

/** Gives a member another role; an organisation always keeps at least one owner. */
export const changeMemberRole = async (
  deps: IdentityDeps,
  ctx: WriteContext,
  organisationId: string,
  userId: string,
  role: Role,
) => {
  await deps.db.transaction(async (trx) => {
    const current = await currentRoles(trx, organisationId, userId);
    if (current.role === 'owner' && role !== 'owner' && current.owners === 1) {
      throw new AppError(
        'identity.last_owner',
        'The last owner cannot be demoted; name another owner first.',
      );
    }
    if (role === 'owner' && ctx.actor?.roles.get(organisationId) !== 'owner') {
      throw new AppError('http.forbidden', 'Only an owner can make someone an owner.');
    }
    await revokeRelation(trx, membership(userId, current.role, organisationId));
    await grantRelation(
      trx,
      membership(userId, role, organisationId),
      ctx.actor?.kind === 'user' ? ctx.actor.userId : null,
    );
    await publishEvent(trx, {
      topic: identityEvents.memberRoleChanged,
      organisationId,
      payload: { organisationId, userId, role },
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'user', id: userId },
      detail: { from: current.role, to: role },
    });
  });
  deps.afterCommit();
  const members = await listMembers(deps, organisationId);
  const updated = members.items.find((member) => member.userId === userId);
  if (updated === undefined) {
    throw new AppError('http.not_found', `No member ${userId} in this organisation.`);
  }
  return updated;
};
