import { newId } from '@tradehub/kernel';
import type { ApiKeyScope } from '../../../platform/access/index.ts';
import { publishEvent } from '../../../platform/events/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { identityEvents } from '../events.ts';
import { identityTables } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { presentApiKey } from './presenters.ts';
import { apiKeyDisplayPrefix, formatApiKey, hashSecretToken, newSecretToken } from './secrets.ts';

/** Creates an API key for a machine client. The secret is returned once and stored only hashed. */
export const createApiKey = async (
  deps: IdentityDeps,
  ctx: WriteContext,
  organisationId: string,
  input: { name: string; scopes: ApiKeyScope[] },
) => {
  const id = newId('key');
  const secret = newSecretToken();
  const scopes = [...new Set(input.scopes)].sort();
  const row = await deps.db.transaction(async (trx) => {
    const created = await identityTables(trx)
      .insertInto('identity.api_keys')
      .values({
        id,
        organisation_id: organisationId,
        name: input.name,
        scopes,
        secret_hash: hashSecretToken(secret),
        created_by: ctx.actor?.kind === 'user' ? ctx.actor.userId : 'system',
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await publishEvent(trx, {
      topic: identityEvents.apiKeyCreated,
      organisationId,
      payload: { organisationId, apiKeyId: id, scopes },
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'api_key', id },
      detail: { name: input.name, scopes },
    });

    return created;
  });
  deps.afterCommit();

  return { apiKey: presentApiKey(row, apiKeyDisplayPrefix(id)), secret: formatApiKey(id, secret) };
};
