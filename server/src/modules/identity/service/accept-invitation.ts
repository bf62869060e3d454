import { AppError } from '@tradehub/kernel';
import { grantRelation } from '../../../platform/access/index.ts';
import { appendAudit } from '../../../platform/audit/index.ts';
import { publishEvent } from '../../../platform/events/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { identityEvents } from '../events.ts';
import { findUserByEmail, identityTables } from '../repository.ts';
import { createUser } from './create-user.ts';
import { pendingInvitation } from './pending-invitation.ts';
import { userAuditActor } from './presenters.ts';

export type AcceptInvitationInput = {
  token: string;
  displayName?: string;
  password?: string;
  requestId: string;
  /** The person already signed in, if any; must be the invited address. */
  signedInUserId: string | null;
};

/**
 * Accepts an invitation: a new person registers with a password, an existing one must be signed
 * in as the invited address. Returns the user id so the route can open a session.
 */
export const acceptInvitation = async (deps: IdentityDeps, input: AcceptInvitationInput) => {
  const invitation = await pendingInvitation(deps, input.token);
  const existing = await findUserByEmail(deps.db.kysely, invitation.email);
  if (existing !== undefined && existing.id !== input.signedInUserId) {
    throw new AppError('identity.invitation_email_mismatch', 'Sign in as the invited address to accept.');
  }
  if (existing === undefined && (input.password === undefined || input.displayName === undefined)) {
    throw new AppError('identity.password_required', 'Choose a display name and a password.', {
      fieldErrors: [
        ...(input.displayName === undefined
          ? [{ field: 'displayName', code: 'kernel.required', message: 'required' }]
          : []),
        ...(input.password === undefined
          ? [{ field: 'password', code: 'kernel.required', message: 'required' }]
          : []),
      ],
    });
  }
  const userId = await deps.db.transaction(async (trx) => {
    const claimed = await identityTables(trx)
      .updateTable('identity.invitations')
      .set({ accepted_at: deps.now() })
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) {
      throw new AppError('identity.invitation_invalid', 'This invitation link is not valid any more.');
    }
    const user =
      existing ??
      (await createUser(deps, trx, {
        email: invitation.email,
        displayName: input.displayName ?? invitation.email,
        password: input.password ?? '',
      }));
    await identityTables(trx)
      .updateTable('identity.invitations')
      .set({ accepted_by: user.id })
      .where('id', '=', invitation.id)
      .execute();
    await grantRelation(
      trx,
      {
        subject: { type: 'user', id: user.id },
        relation: invitation.role,
        object: { type: 'organisation', id: invitation.organisation_id },
      },
      invitation.created_by,
    );
    await publishEvent(trx, {
      topic: identityEvents.memberAdded,
      organisationId: invitation.organisation_id,
      payload: { organisationId: invitation.organisation_id, userId: user.id, role: invitation.role },
    });
    await appendAudit(trx, {
      organisationId: invitation.organisation_id,
      actor: userAuditActor(user),
      action: 'identity.invitation.accept',
      object: { type: 'invitation', id: invitation.id },
      requestId: input.requestId,
      outcome: 'success',
      statusCode: 200,
    });

    return user.id;
  });
  deps.afterCommit();

  return { userId };
};
