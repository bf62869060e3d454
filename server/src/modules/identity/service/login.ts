import { AppError } from '@tradehub/kernel';
import { loadUserRoles } from '../../../platform/access/index.ts';
import { appendAudit } from '../../../platform/audit/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { findUserByEmail } from '../repository.ts';
import { openSession } from './open-session.ts';
import { userAuditActor } from './presenters.ts';

export type LoginInput = { email: string; password: string; address: string; requestId: string };

/**
 * Checks a password and opens a session. Unknown account and wrong password give the same
 * error; more than the allowed failures per minute per address or per account give 429.
 */
export const login = async (deps: IdentityDeps, input: LoginInput) => {
  const email = input.email.trim().toLowerCase();
  const limiterKeys = [`address:${input.address}`, `account:${email}`];
  if (deps.loginLimiter.isBlocked(limiterKeys)) {
    throw new AppError('identity.login_rate_limited', 'Too many failed logins; wait a minute.');
  }
  const user = await findUserByEmail(deps.db.kysely, email);
  // Verifying against a decoy of the same cost when the account does not exist keeps the answer
  // time the same, so the response time does not tell which e-mail addresses have accounts.
  const hash = user?.password_hash ?? (await deps.passwords.decoyHash());
  const valid = await deps.passwords.verify(hash, input.password);
  if (user === undefined || user.password_hash === null || user.disabled_at !== null || !valid) {
    deps.loginLimiter.recordFailure(limiterKeys);
    await appendAudit(deps.db.kysely, {
      organisationId: null,
      actor: { type: 'anonymous', id: user?.id ?? null, label: input.address },
      action: 'identity.session.login',
      object: null,
      requestId: input.requestId,
      outcome: 'denied',
      statusCode: 401,
    });
    throw new AppError('identity.invalid_credentials', 'The e-mail or password is wrong.');
  }
  deps.loginLimiter.reset(`account:${email}`);
  const session = await deps.db.transaction(async (trx) => {
    const opened = await openSession(deps, trx, user.id);
    // One row per organisation the person belongs to, so each organisation's admins see its
    // members' sign-ins in their own trail (and one unfiled row if they belong to none).
    const organisations = [...(await loadUserRoles(trx, user.id)).keys()];
    for (const organisationId of organisations.length === 0 ? [null] : organisations) {
      await appendAudit(trx, {
        organisationId,
        actor: userAuditActor(user),
        action: 'identity.session.login',
        object: { type: 'session', id: opened.sessionId },
        requestId: input.requestId,
        outcome: 'success',
        statusCode: 200,
      });
    }
    return opened;
  });

  return { token: session.token, userId: user.id, expiresAt: session.expiresAt };
};
