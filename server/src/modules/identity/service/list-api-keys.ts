import type { IdentityDeps } from '../deps.ts';
import { identityTables } from '../repository.ts';
import { presentApiKey } from './presenters.ts';
import { apiKeyDisplayPrefix } from './secrets.ts';

/** An organisation's API keys, without their secrets. */
export const listApiKeys = async (deps: IdentityDeps, organisationId: string) => {
  const rows = await identityTables(deps.db.kysely)
    .selectFrom('identity.api_keys')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();

  return { items: rows.map((row) => presentApiKey(row, apiKeyDisplayPrefix(row.id))) };
};
