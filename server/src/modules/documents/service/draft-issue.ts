import { AppError } from '@tradehub/kernel';
import type { Transaction } from 'kysely';
import type { DocumentsDeps } from '../deps.ts';
import type { DocumentInput } from '../domain/credential.ts';
import { validateKindSubject } from '../domain/kinds/index.ts';
import { findCredential } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { requireKind } from './draft-create.ts';
import { loadDraft } from './draft-get.ts';
import { presentDraft } from './draft-present.ts';
import { findSuccessor, markDraftIssued } from './draft-repository.ts';
import { type IssuedDocument, type IssueOptions, issueDocuments } from './issue-documents.ts';

/** The `version` an issued subject carries: whole and at least 1; anything else counts as 1. */
export const versionOf = (subject: unknown): number => {
  const version = (subject as { version?: unknown } | null)?.version;
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 1 ? version : 1;
};

/**
 * Issues a draft as a signed credential after checking it against its kind's schema. With
 * `replacesDocumentId` (given here or saved in the draft) it is an amendment: the credential's
 * subject carries `replaces` (the earlier credential's id) and `version` (the earlier one's + 1),
 * and the earlier document gets this one as `supersededBy`. The draft row is kept and records
 * the document it became.
 */
export const issueDraft = async (
  deps: DocumentsDeps,
  ctx: WriteContext,
  organisationId: string,
  draftId: string,
  options: {
    replacesDocumentId?: string | undefined;
    validUntil?: string | undefined;
    /** The caller's own record of the issued document, in the same transaction (IssueOptions). */
    within?: IssueOptions['within'];
  } = {},
) => {
  const draft = await loadDraft(deps.db.kysely, organisationId, draftId);
  if (draft.issued_document_id !== null) {
    throw new AppError(
      'documents.draft_already_issued',
      `Draft ${draftId} was issued as ${draft.issued_document_id}.`,
      {
        details: { issuedDocumentId: draft.issued_document_id },
      },
    );
  }
  const spec = requireKind(draft.kind);
  const checked = validateKindSubject(spec, draft.subject, 'subject');
  if (!checked.ok) {
    throw new AppError('http.validation_failed', `The draft is not a valid ${spec.kind}.`, {
      fieldErrors: checked.errors,
    });
  }
  const replacesId = options.replacesDocumentId ?? draft.replaces_document_id ?? undefined;
  let amendment: { replaces: string; version: number } | undefined;
  if (replacesId !== undefined) {
    const earlier = await findCredential(deps.db.kysely, organisationId, replacesId);
    if (earlier === undefined) {
      throw new AppError('documents.not_found', `No document ${replacesId}.`);
    }
    if (earlier.document_type !== spec.documentType) {
      throw new AppError('http.validation_failed', 'An amendment replaces a document of its own kind.', {
        fieldErrors: [
          {
            field: 'replacesDocumentId',
            code: 'documents.replaces_other_kind',
            message: `${replacesId} is a ${earlier.document_type}, the draft a ${spec.documentType}`,
          },
        ],
      });
    }
    const successor = await findSuccessor(deps.db.kysely, organisationId, replacesId);
    if (successor !== undefined) {
      throw new AppError('documents.already_superseded', `Document ${replacesId} was already amended.`, {
        details: { supersededBy: successor.issued_document_id },
      });
    }
    const credential = JSON.parse(earlier.credential) as { id: string; credentialSubject?: unknown };
    amendment = { replaces: credential.id, version: versionOf(credential.credentialSubject) + 1 };
  }
  const documentVersion = amendment?.version ?? 1;
  const input: DocumentInput = {
    documentType: spec.documentType,
    documentNumber: draft.document_number,
    subject: {
      ...checked.subject,
      version: documentVersion,
      ...(amendment === undefined ? {} : { replaces: amendment.replaces }),
    },
    ...(options.validUntil === undefined ? {} : { validUntil: options.validUntil }),
  };
  const marker = async (trx: Transaction<object>, issued: IssuedDocument[]) => {
    const [document] = issued;
    if (document === undefined) {
      throw new AppError('http.internal', 'Issuing returned no document.');
    }
    if (replacesId !== undefined && (await findSuccessor(trx, organisationId, replacesId)) !== undefined) {
      throw new AppError('documents.already_superseded', `Document ${replacesId} was already amended.`);
    }
    const marked = await markDraftIssued(trx, organisationId, draftId, {
      documentId: document.id,
      documentVersion,
      replacesDocumentId: replacesId ?? null,
      at: deps.now(),
    });
    if (marked !== 1) {
      throw new AppError('documents.draft_already_issued', `Draft ${draftId} was issued by another request.`);
    }
    await options.within?.(trx, issued);
  };
  // The draft is marked issued, and the replaced document's single successor claimed, in the
  // issuing transaction: together with the credential or not at all.
  const [issued] = await issueDocuments(deps, ctx, organisationId, [input], () => '', {
    within: marker,
  }).catch(async (error: unknown) => {
    // A concurrent amendment of the same document that committed first trips the unique index.
    if (
      !(error instanceof AppError) &&
      replacesId !== undefined &&
      (await findSuccessor(deps.db.kysely, organisationId, replacesId)) !== undefined
    ) {
      throw new AppError('documents.already_superseded', `Document ${replacesId} was already amended.`);
    }
    throw error;
  });
  if (issued === undefined) {
    throw new AppError('http.internal', 'Issuing returned no document.');
  }
  return { document: issued, draft: presentDraft(await loadDraft(deps.db.kysely, organisationId, draftId)) };
};
