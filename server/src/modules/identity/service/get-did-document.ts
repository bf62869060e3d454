import { AppError } from '@tradehub/kernel';
import type { IdentityDeps } from '../deps.ts';
import { buildDidDocument, type DidDocument, organisationDid } from '../domain/did-web.ts';
import { findOrganisation, listSigningKeys } from '../repository.ts';
import { publicKeyMultibaseOf, sm2PublicKeyJwk } from './presenters.ts';

/**
 * The organisation's did:web DID document, built from its key history. Reading never creates a
 * key: an organisation that has not signed anything yet may have none to show.
 */
export const getDidDocument = async (deps: IdentityDeps, organisationId: string): Promise<DidDocument> => {
  if ((await findOrganisation(deps.db.kysely, organisationId)) === undefined) {
    throw new AppError('http.not_found', `No organisation ${organisationId}.`);
  }
  const rows = await listSigningKeys(deps.db.kysely, organisationId);
  return buildDidDocument(
    organisationDid(deps.publicUrl, organisationId),
    rows.map((row) => {
      const multibase = publicKeyMultibaseOf(row);
      return {
        keyId: row.id,
        status: row.status,
        ...(multibase === null
          ? { publicKeyJwk: sm2PublicKeyJwk(row.public_key) }
          : { publicKeyMultibase: multibase }),
        retiredAt: row.retired_at,
        revokedAt: row.revoked_at,
      };
    }),
  );
};
