import { newId } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { identityTables } from '../repository.ts';
import { hashSecretToken, newSecretToken } from './secrets.ts';

/** Opens a session for a person; only the token's hash is stored. */
export const openSession = async (deps: IdentityDeps, ex: Executor, userId: string) => {
  const token = newSecretToken();
  const sessionId = newId('ses');
  const expiresAt = new Date(deps.now().getTime() + deps.sessionTtlMs);
  await identityTables(ex)
    .insertInto('identity.sessions')
    .values({ id: sessionId, token_hash: hashSecretToken(token), user_id: userId, expires_at: expiresAt })
    .execute();

  return { token, sessionId, expiresAt };
};
