import { AppError } from '@tradehub/kernel';
import type { IssueBatchProof } from '@tradehub/verifier';
import type { DocumentsDeps } from '../deps.ts';
import { type StatusPurpose, statusPurposes } from '../domain/credential.ts';
import {
  type CredentialRow,
  findStatusListVersions,
  type StatusListVersionRow,
  setStatusListVersionLogIndex,
} from '../repository.ts';
import { issueBatchProofOf } from './issue-batch.ts';
import { resolveLogIndex } from './log-position.ts';

/** A `tradehub-bundle/v1`: everything an offline verifier needs for one document. */
export type TradehubBundle = {
  type: 'tradehub-bundle/v1';
  credential: Record<string, unknown>;
  tlogProof: string;
  issuerDidDocument: Record<string, unknown>;
  statusList?: { credentials: Record<string, unknown>[]; tlogProofs: string[] };
  /** The credential's place in its issuance batch, when an ISSUE_BATCH entry anchors it. */
  issueBatch?: IssueBatchProof;
};

/** Media type and size bound of a bundle (the contract's 1 MiB). */
export const BUNDLE_MEDIA_TYPE = 'application/json';
export const MAX_BUNDLE_BYTES = 1024 * 1024;

/** How long a client should wait before asking again for a bundle that is not anchored yet. */
export const ANCHOR_RETRY_AFTER_SECONDS = 2;

// How many versions back to look for one the log has integrated: a list changes a few times
// between two integrations at most, and older versions only make the status answer staler.
const VERSIONS_TO_TRY = 8;

const anchoredVersion = async (
  deps: Pick<DocumentsDeps, 'db' | 'log'>,
  organisationId: string,
  purpose: StatusPurpose,
): Promise<{ row: StatusListVersionRow; index: number } | undefined> => {
  const versions = await findStatusListVersions(deps.db.kysely, organisationId, purpose, VERSIONS_TO_TRY);
  for (const row of versions) {
    if (row.log_index !== null) {
      return { row, index: Number(row.log_index) };
    }
    const index = await deps.log.indexOfLeafHash(row.entry_leaf_hash);
    if (index !== undefined) {
      await setStatusListVersionLogIndex(deps.db.kysely, organisationId, purpose, row.version, index);
      return { row, index };
    }
  }
  return undefined;
};

/**
 * The bundle of a document whose ISSUE or ISSUE_BATCH entry a checkpoint covers: the credential,
 * its tlog-proof (entry in `extra`), for a batch the credential's path in the batch tree, the
 * issuer's DID document, and the newest anchored version of each status list with its own
 * tlog-proof. Before integration: 409 documents.not_yet_anchored.
 */
export const buildBundle = async (
  deps: DocumentsDeps,
  row: Pick<
    CredentialRow,
    'id' | 'organisation_id' | 'log_index' | 'entry_leaf_hash' | 'credential' | 'doc_hash'
  >,
): Promise<TradehubBundle> => {
  const index = await resolveLogIndex(deps, row);
  if (index === undefined) {
    throw new AppError(
      'documents.not_yet_anchored',
      'The document is issued but no checkpoint covers it yet; ask again in a few seconds.',
      { details: { retryAfterSeconds: ANCHOR_RETRY_AFTER_SECONDS } },
    );
  }
  const [tlogProof, issueBatch, issuerDidDocument, ...lists] = await Promise.all([
    deps.log.tlogProof(index),
    issueBatchProofOf(deps.db.kysely, row),
    deps.didDocument(row.organisation_id),
    ...statusPurposes.map((purpose) => anchoredVersion(deps, row.organisation_id, purpose)),
  ]);
  const anchored = lists.filter((list) => list !== undefined);
  const statusList =
    anchored.length === 0
      ? undefined
      : {
          credentials: anchored.map((list) => JSON.parse(list.row.credential) as Record<string, unknown>),
          tlogProofs: await Promise.all(anchored.map((list) => deps.log.tlogProof(list.index))),
        };
  return {
    type: 'tradehub-bundle/v1',
    credential: JSON.parse(row.credential) as Record<string, unknown>,
    tlogProof,
    issuerDidDocument,
    ...(statusList === undefined ? {} : { statusList }),
    ...(issueBatch === undefined ? {} : { issueBatch }),
  };
};
