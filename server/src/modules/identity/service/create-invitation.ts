import { AppError, newId, validateEmail } from '@tradehub/kernel';
import type { Role } from '../../../platform/access/index.ts';
import { publishEvent } from '../../../platform/events/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { identityEvents } from '../events.ts';
import { identityTables } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { presentInvitation } from './presenters.ts';
import { hashSecretToken, newSecretToken } from './secrets.ts';

/** Invites a person by e-mail; the link carries a one-time token shown only in this answer. */
export const createInvitation = async (
  deps: IdentityDeps,
  ctx: WriteContext,
  organisationId: string,
  input: { email: string; role: Role },
) => {
  const email = validateEmail(input.email);
  if (!email.ok) {
    throw new AppError('http.validation_failed', 'The e-mail address is not valid.', {
      fieldErrors: [{ field: 'email', code: email.code, message: email.message }],
    });
  }
  if (input.role === 'owner' && ctx.actor?.roles.get(organisationId) !== 'owner') {
    throw new AppError('http.forbidden', 'Only an owner can invite an owner.');
  }
  const token = newSecretToken();
  const id = newId('inv');
  const now = deps.now();
  const row = await deps.db.transaction(async (trx) => {
    const created = await identityTables(trx)
      .insertInto('identity.invitations')
      .values({
        id,
        organisation_id: organisationId,
        email: email.value,
        role: input.role,
        token_hash: hashSecretToken(token),
        created_by: ctx.actor?.kind === 'user' ? ctx.actor.userId : 'system',
        expires_at: new Date(now.getTime() + deps.invitationTtlMs),
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await publishEvent(trx, {
      topic: identityEvents.invitationCreated,
      organisationId,
      payload: { organisationId, invitationId: id, role: input.role },
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'invitation', id },
      detail: { role: input.role },
    });

    return created;
  });
  deps.afterCommit();

  return {
    invitation: presentInvitation(row, now),
    acceptUrl: `${deps.publicUrl}/invitations/${token}`,
  };
};
