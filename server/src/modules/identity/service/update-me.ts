import { assert } from '@tradehub/kernel';
import type { IdentityDeps } from '../deps.ts';
import { identityTables } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { presentUser } from './presenters.ts';

export type UpdateMeInput = { locale?: 'zh-CN' | 'en' | null | undefined; displayName?: string | undefined };

/** Changes the caller's own profile: display name and remembered language. */
export const updateMe = async (deps: IdentityDeps, ctx: WriteContext, input: UpdateMeInput) => {
  const actor = ctx.actor;
  assert(actor?.kind === 'user', 'updateMe needs a signed-in person');

  return deps.db.transaction(async (trx) => {
    const row = await identityTables(trx)
      .updateTable('identity.users')
      .set({
        ...(input.locale === undefined ? {} : { locale: input.locale }),
        ...(input.displayName === undefined ? {} : { display_name: input.displayName }),
        updated_at: deps.now(),
      })
      .where('id', '=', actor.userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.audit(trx, { organisationId: null, object: { type: 'user', id: actor.userId } });

    return { user: presentUser(row) };
  });
};
