import { AppError } from '@tradehub/kernel';
import { publishEvent } from '../../../platform/events/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { identityEvents } from '../events.ts';
import { identityTables } from '../repository.ts';
import type { WriteContext } from './context.ts';

/** Revokes an API key at once; requests with it get 401 from then on. */
export const revokeApiKey = async (
  deps: IdentityDeps,
  ctx: WriteContext,
  organisationId: string,
  keyId: string,
) => {
  await deps.db.transaction(async (trx) => {
    const result = await identityTables(trx)
      .updateTable('identity.api_keys')
      .set({ revoked_at: deps.now() })
      .where('id', '=', keyId)
      .where('organisation_id', '=', organisationId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new AppError('http.not_found', `No active API key ${keyId}.`);
    }
    await publishEvent(trx, {
      topic: identityEvents.apiKeyRevoked,
      organisationId,
      payload: { organisationId, apiKeyId: keyId },
    });
    await ctx.audit(trx, { organisationId, object: { type: 'api_key', id: keyId } });
  });
  deps.afterCommit();
};
