import type { IdentityDeps } from '../deps.ts';
import { organisationDid } from '../domain/did-web.ts';
import { findSigningKeyByActorHash } from '../repository.ts';
import { type SigningKeyRecord, signingKeyRecord } from './presenters.ts';

/**
 * The organisation's key whose multikey hashes to `actorHash` (the `actor` of a log entry), in
 * any status: whoever checks an entry decides from its times whether it was usable then.
 */
export const findSigningKeyByActor = async (
  deps: IdentityDeps,
  organisationId: string,
  actorHash: Uint8Array,
): Promise<SigningKeyRecord | undefined> => {
  if (actorHash.length !== 32) {
    return undefined;
  }
  const row = await findSigningKeyByActorHash(deps.db.kysely, organisationId, actorHash);
  return row === undefined
    ? undefined
    : signingKeyRecord(row, organisationDid(deps.publicUrl, organisationId));
};
