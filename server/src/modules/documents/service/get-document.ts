import { AppError } from '@tradehub/kernel';
import type { DocumentsDeps } from '../deps.ts';
import { findCredential } from '../repository.ts';
import { resolveLogIndex } from './log-position.ts';
import { presentSummary } from './presenters.ts';
import type { ShareTokens } from './share-token.ts';

/** The capability link to the public verification page of a document. */
export const verificationUrl = (publicUrl: string, tokens: ShareTokens, documentId: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/verify?doc=${encodeURIComponent(documentId)}&t=${tokens.tokenFor(documentId)}`;

/** A document of the organisation: its credential, status, log position and verification link. */
export const getDocument = async (
  deps: DocumentsDeps,
  tokens: ShareTokens,
  organisationId: string,
  documentId: string,
) => {
  const row = await findCredential(deps.db.kysely, organisationId, documentId);
  if (row === undefined) {
    throw new AppError('documents.not_found', `No document ${documentId}.`);
  }
  const index = await resolveLogIndex(deps, row);
  return {
    ...presentSummary({ ...row, log_index: index === undefined ? null : String(index) }),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revocationReason: row.revocation_reason,
    issuedBy: row.issued_by,
    validUntil: row.valid_until?.toISOString() ?? null,
    log: index === undefined ? { state: 'pending' as const } : { state: 'integrated' as const, index },
    credential: JSON.parse(row.credential) as Record<string, unknown>,
    verificationUrl: verificationUrl(deps.publicUrl, tokens, row.id),
  };
};
