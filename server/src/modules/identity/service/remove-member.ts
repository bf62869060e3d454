import { AppError } from '@tradehub/kernel';
import { revokeRelation } from '../../../platform/access/index.ts';
import { publishEvent } from '../../../platform/events/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { identityEvents } from '../events.ts';
import type { WriteContext } from './context.ts';
import { currentRoles, membership } from './memberships.ts';

/** Removes a member; the last owner cannot leave. */
export const removeMember = async (
  deps: IdentityDeps,
  ctx: WriteContext,
  organisationId: string,
  userId: string,
) => {
  await deps.db.transaction(async (trx) => {
    const current = await currentRoles(trx, organisationId, userId);
    if (current.role === 'owner' && current.owners === 1) {
      throw new AppError('identity.last_owner', 'The last owner cannot leave; name another owner first.');
    }
    await revokeRelation(trx, membership(userId, current.role, organisationId));
    await publishEvent(trx, {
      topic: identityEvents.memberRemoved,
      organisationId,
      payload: { organisationId, userId },
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'user', id: userId },
      detail: { role: current.role },
    });
  });
  deps.afterCommit();
};
