import { AppError } from '@tradehub/kernel';
import type { IdentityDeps } from '../deps.ts';
import { findInvitationByTokenHash } from '../repository.ts';
import { invitationStatus } from './presenters.ts';
import { hashSecretToken } from './secrets.ts';

export const pendingInvitation = async (deps: IdentityDeps, token: string) => {
  const row = await findInvitationByTokenHash(deps.db.kysely, hashSecretToken(token));
  if (row === undefined || invitationStatus(row, deps.now()) !== 'pending') {
    throw new AppError('identity.invitation_invalid', 'This invitation link is not valid any more.');
  }
  return row;
};
