import type { IdentityDeps } from '../deps.ts';
import { organisationDid } from '../domain/did-web.ts';
import { listSigningKeys as listSigningKeyRows } from '../repository.ts';
import { presentSigningKey } from './presenters.ts';

/** Every signing key the organisation ever had, newest first, with when each stopped being usable. */
export const listSigningKeys = async (deps: IdentityDeps, organisationId: string) => {
  const did = organisationDid(deps.publicUrl, organisationId);
  const rows = await listSigningKeyRows(deps.db.kysely, organisationId);

  return { did, items: rows.reverse().map((row) => presentSigningKey(row, did)) };
};
