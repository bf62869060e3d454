import type { IdentityDeps } from '../deps.ts';
import { identityTables } from '../repository.ts';
import type { WriteContext } from './context.ts';

/** Ends the caller's session; the cookie is cleared by the route. */
export const logout = async (deps: IdentityDeps, ctx: WriteContext, sessionId: string) => {
  await deps.db.transaction(async (trx) => {
    await identityTables(trx)
      .updateTable('identity.sessions')
      .set({ revoked_at: deps.now() })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
    await ctx.audit(trx, { organisationId: null, object: { type: 'session', id: sessionId } });
  });
};
