import { AppError } from '@tradehub/kernel';
import { type JsonObject, TITLE_CHAIN_TYPE, type TitleChain } from '@tradehub/verifier';
import type { DocumentsDeps } from '../deps.ts';
import { pintCodeOf } from '../domain/title-actions.ts';
import { findCredential } from '../repository.ts';
import { listTitleActions } from '../repository-title.ts';
import { ANCHOR_RETRY_AFTER_SECONDS } from './build-bundle.ts';
import { toHex } from './crypto.ts';
import { getBundle } from './get-bundle.ts';
import { loadVisibleRecord, resolveActionIndex } from './title-common.ts';

const notAnchored = () =>
  new AppError(
    'documents.not_yet_anchored',
    'An action of the record is not covered by a witnessed checkpoint yet; ask again in a few seconds.',
    { details: { retryAfterSeconds: ANCHOR_RETRY_AFTER_SECONDS } },
  );

/**
 * The `tradehub-title-chain/v1` of a record: every action's entry as a C2SP tlog-proof (entry,
 * leaf index, inclusion proof, checkpoint with its cosignatures), the bundle of every version of
 * the bill of lading, and the DID documents (with key history) of every party, so that
 * `tradehub-verify` checks the chain offline and names the holder. 409 not_yet_anchored until a
 * witnessed checkpoint covers the last action.
 */
export const exportTitleChain = async (
  deps: DocumentsDeps,
  organisationId: string,
  recordId: string,
): Promise<TitleChain> => {
  const row = await loadVisibleRecord(deps, organisationId, recordId);
  const actions = await listTitleActions(deps.db.kysely, row.id);
  const indices = await Promise.all(actions.map((action) => resolveActionIndex(deps, action)));
  if (indices.some((index) => index === undefined)) {
    throw notAnchored();
  }
  const parties = [
    ...new Set([
      row.issuer_organisation_id,
      ...actions.flatMap((a) => [
        a.by_organisation_id,
        ...(a.to_organisation_id === null ? [] : [a.to_organisation_id]),
      ]),
    ]),
  ];
  const documentIds = [...new Set(actions.map((a) => a.document_id))];
  const [tlogProofs, didDocuments, names, bundles, original] = await Promise.all([
    Promise.all(indices.map((index) => deps.log.tlogProof(index as number))),
    Promise.all(parties.map((id) => deps.didDocument(id))),
    Promise.all(parties.map((id) => deps.organisationName(id))),
    Promise.all(
      documentIds.map(async (id) => (await getBundle(deps, row.issuer_organisation_id, id)).bundle),
    ),
    findCredential(deps.db.kysely, row.issuer_organisation_id, row.document_id),
  ]);
  if (original === undefined) {
    throw new AppError('http.internal', `The record's document ${row.document_id} is missing.`);
  }
  const issuerDid = String(didDocuments[0]?.id);
  return {
    type: TITLE_CHAIN_TYPE,
    record: {
      id: row.id,
      issuer: issuerDid,
      credentialId: original.credential_id,
      documentNumber: original.document_number,
      recordId: toHex(row.record_id),
    },
    parties: parties.map((_id, i) => ({ did: String(didDocuments[i]?.id), name: names[i] ?? '' })),
    // Plain JSON objects, as JSON.stringify sends them.
    documents: bundles as unknown as JsonObject[],
    actions: actions.map((action, i) => ({
      seq: action.seq,
      action: action.action,
      pintCode: pintCodeOf(action.action),
      tlogProof: tlogProofs[i] as string,
    })),
    didDocuments: didDocuments as JsonObject[],
  };
};
