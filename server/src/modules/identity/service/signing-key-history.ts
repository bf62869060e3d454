import type { IdentityDeps } from '../deps.ts';
import { organisationDid } from '../domain/did-web.ts';
import { listSigningKeys } from '../repository.ts';
import { type SigningKeyRecord, signingKeyRecord } from './presenters.ts';

/** Every key the organisation ever had, oldest first. */
export const signingKeyHistory = async (
  deps: IdentityDeps,
  organisationId: string,
): Promise<SigningKeyRecord[]> => {
  const did = organisationDid(deps.publicUrl, organisationId);
  return (await listSigningKeys(deps.db.kysely, organisationId)).map((row) => signingKeyRecord(row, did));
};
