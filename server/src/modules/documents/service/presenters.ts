import type { CredentialRow, CredentialSummaryRow } from '../repository.ts';
import { toHex } from './crypto.ts';

export type DocumentStatus = 'active' | 'revoked' | 'suspended';

export const statusOf = (row: Pick<CredentialRow, 'revoked_at' | 'suspended'>): DocumentStatus =>
  row.revoked_at !== null ? 'revoked' : row.suspended ? 'suspended' : 'active';

export const presentSummary = (row: CredentialSummaryRow) => ({
  id: row.id,
  credentialId: row.credential_id,
  documentType: row.document_type,
  documentNumber: row.document_number,
  status: statusOf(row),
  statusIndex: row.status_index,
  docHash: toHex(row.doc_hash),
  logIndex: row.log_index === null ? null : Number(row.log_index),
  issuedAt: row.issued_at.toISOString(),
});
