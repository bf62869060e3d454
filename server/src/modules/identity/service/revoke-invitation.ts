import { AppError } from '@tradehub/kernel';
import { publishEvent } from '../../../platform/events/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { identityEvents } from '../events.ts';
import { identityTables } from '../repository.ts';
import type { WriteContext } from './context.ts';

/** Withdraws a pending invitation; its link stops working. */
export const revokeInvitation = async (
  deps: IdentityDeps,
  ctx: WriteContext,
  organisationId: string,
  invitationId: string,
) => {
  await deps.db.transaction(async (trx) => {
    const result = await identityTables(trx)
      .updateTable('identity.invitations')
      .set({ revoked_at: deps.now() })
      .where('id', '=', invitationId)
      .where('organisation_id', '=', organisationId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new AppError('http.not_found', `No pending invitation ${invitationId}.`);
    }
    await publishEvent(trx, {
      topic: identityEvents.invitationRevoked,
      organisationId,
      payload: { organisationId, invitationId },
    });
    await ctx.audit(trx, { organisationId, object: { type: 'invitation', id: invitationId } });
  });
  deps.afterCommit();
};
