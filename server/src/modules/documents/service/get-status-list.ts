import { AppError } from '@tradehub/kernel';
import type { DocumentsDeps } from '../deps.ts';
import type { StatusPurpose } from '../domain/credential.ts';
import { findStatusList } from '../repository.ts';

/** The current signed status list credential of an organisation, as the public fetches it. */
export const getStatusList = async (deps: DocumentsDeps, organisationId: string, purpose: StatusPurpose) => {
  const list = await findStatusList(deps.db.kysely, organisationId, purpose);
  if (list === undefined) {
    throw new AppError('documents.not_found', 'This organisation has published no status list.');
  }
  return list.credential;
};
