import { appendAudit } from '../../../platform/audit/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { createUser } from './create-user.ts';
import { openSession } from './open-session.ts';
import { userAuditActor } from './presenters.ts';

export type RegisterUserInput = {
  email: string;
  displayName: string;
  password: string;
  locale?: 'zh-CN' | 'en' | undefined;
  requestId: string;
};

/** Self-service sign-up: the account and its first session commit together. */
export const registerUser = async (deps: IdentityDeps, input: RegisterUserInput) => {
  const result = await deps.db.transaction(async (trx) => {
    const user = await createUser(deps, trx, {
      email: input.email,
      displayName: input.displayName,
      password: input.password,
      locale: input.locale ?? null,
    });
    const session = await openSession(deps, trx, user.id);
    await appendAudit(trx, {
      organisationId: null,
      actor: userAuditActor(user),
      action: 'identity.user.register',
      object: { type: 'user', id: user.id },
      requestId: input.requestId,
      outcome: 'success',
      statusCode: 201,
    });
    return { userId: user.id, session };
  });
  deps.afterCommit();

  return result;
};
