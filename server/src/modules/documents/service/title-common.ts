import { AppError, type FieldError } from '@tradehub/kernel';
import type { DocumentsDeps } from '../deps.ts';
import { pintCodeOf, type TitleRecordState } from '../domain/title-actions.ts';
import { type CredentialRow, findCredential } from '../repository.ts';
import {
  findTitleRecord,
  listTitleActions,
  setTitleActionLogIndex,
  type TitleActionRow,
  type TitleRecordRow,
  tookPartIn,
} from '../repository-title.ts';
import { toHex } from './crypto.ts';

/** Events of transferable records (ids only), published in the transaction of the action. */
export const titleEvents = {
  recordIssued: 'documents.transferable_record.issued',
  actionRecorded: 'documents.transferable_record.action_recorded',
} as const;

const notFound = (recordId: string) =>
  new AppError('documents.not_found', `No transferable record ${recordId}.`);

/** A 400 naming one field of the body. */
export const fieldError = (field: string, code: string, message: string) =>
  new AppError('http.validation_failed', message, {
    fieldErrors: [{ field, code, message } satisfies FieldError],
  });

/**
 * A record the organisation may see: it issued it, holds it, is its endorsee, or took part in
 * an action on it. Anything else is "not found", so record ids reveal nothing to others.
 */
export const loadVisibleRecord = async (
  deps: Pick<DocumentsDeps, 'db'>,
  organisationId: string,
  recordId: string,
): Promise<TitleRecordRow> => {
  const row = await findTitleRecord(deps.db.kysely, recordId);
  if (row === undefined) {
    throw notFound(recordId);
  }
  const related =
    row.issuer_organisation_id === organisationId ||
    row.holder_organisation_id === organisationId ||
    row.endorsee_organisation_id === organisationId ||
    (await tookPartIn(deps.db.kysely, recordId, organisationId));
  if (!related) {
    throw notFound(recordId);
  }
  return row;
};

export const stateOfRow = (row: TitleRecordRow): TitleRecordState => ({
  issuerOrganisationId: row.issuer_organisation_id,
  holderOrganisationId: row.holder_organisation_id,
  endorseeOrganisationId: row.endorsee_organisation_id,
  surrenderedByOrganisationId: row.surrendered_by_organisation_id,
  status: row.status,
});

/** The DID of an organisation, or a 400 on `field` when there is no such organisation. */
export const didOfOrganisation = async (
  deps: Pick<DocumentsDeps, 'didDocument'>,
  organisationId: string,
  field: string,
): Promise<string> => {
  try {
    return String((await deps.didDocument(organisationId)).id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'http.not_found') {
      throw fieldError(field, 'documents.unknown_organisation', `No organisation ${organisationId}.`);
    }
    throw error;
  }
};

/**
 * A bill of lading the issuer issued and still stands behind, for a record or its amendment; a
 * 400 on `field` otherwise.
 */
export const activeBillOfLading = async (
  deps: Pick<DocumentsDeps, 'db'>,
  issuerOrganisationId: string,
  documentId: string,
  field: string,
): Promise<CredentialRow> => {
  const row = await findCredential(deps.db.kysely, issuerOrganisationId, documentId);
  if (row === undefined) {
    throw fieldError(field, 'documents.unknown_document', `No document ${documentId} of this organisation.`);
  }
  if (row.document_type !== 'BillOfLading') {
    throw fieldError(
      field,
      'documents.not_a_bill_of_lading',
      'Only a BillOfLading can become a transferable record.',
    );
  }
  if (row.revoked_at !== null || row.suspended) {
    throw fieldError(field, 'documents.document_not_active', 'The document is revoked or suspended.');
  }
  return row;
};

/** The log index of an action's entry once a witnessed checkpoint covers it (then kept). */
export const resolveActionIndex = async (
  deps: Pick<DocumentsDeps, 'db' | 'log'>,
  action: TitleActionRow,
): Promise<number | undefined> => {
  if (action.log_index !== null) {
    return Number(action.log_index);
  }
  const index = await deps.log.indexOfLeafHash(action.entry_leaf_hash);
  if (index !== undefined) {
    await setTitleActionLogIndex(deps.db.kysely, action.record_id, action.seq, index);
  }
  return index;
};

const presentAction = (action: TitleActionRow, logIndex: number | undefined) => ({
  seq: action.seq,
  action: action.action,
  pintCode: pintCodeOf(action.action),
  byOrganisationId: action.by_organisation_id,
  toOrganisationId: action.to_organisation_id,
  at: action.at.toISOString(),
  entryHash: toHex(action.entry_leaf_hash),
  logIndex: logIndex ?? null,
});

export type RecordView = {
  id: string;
  documentId: string;
  currentDocumentId: string;
  documentNumber: string;
  status: TitleRecordRow['status'];
  issuerOrganisationId: string;
  holderOrganisationId: string;
  holderName: string;
  endorseeOrganisationId: string | null;
  headHash: string;
  actions: ReturnType<typeof presentAction>[];
};

/** The RecordView of the HTTP contract, with every action. */
export const presentRecord = async (
  deps: Pick<DocumentsDeps, 'db' | 'log' | 'organisationName'>,
  row: TitleRecordRow,
): Promise<RecordView> => {
  const [actions, holderName, document] = await Promise.all([
    listTitleActions(deps.db.kysely, row.id),
    deps.organisationName(row.holder_organisation_id),
    findCredential(deps.db.kysely, row.issuer_organisation_id, row.current_document_id),
  ]);
  const indices = await Promise.all(actions.map((action) => resolveActionIndex(deps, action)));
  return {
    id: row.id,
    documentId: row.document_id,
    currentDocumentId: row.current_document_id,
    documentNumber: document?.document_number ?? '',
    status: row.status,
    issuerOrganisationId: row.issuer_organisation_id,
    holderOrganisationId: row.holder_organisation_id,
    holderName,
    endorseeOrganisationId: row.endorsee_organisation_id,
    headHash: toHex(row.head_hash),
    actions: actions.map((action, i) => presentAction(action, indices[i])),
  };
};
