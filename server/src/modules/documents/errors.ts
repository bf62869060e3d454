/** Error codes of the documents module and the HTTP status each maps to. */
export const documentsErrorStatuses = {
  'documents.not_found': 404,
  'documents.invalid_subject': 400,
  'documents.batch_too_large': 413,
  'documents.not_yet_anchored': 409,
  'documents.already_revoked': 409,
  'documents.already_suspended': 409,
  'documents.not_suspended': 409,
  'documents.status_list_full': 409,
  'documents.title_record_exists': 409,
  'documents.title_not_holder': 403,
  'documents.title_stale_head': 409,
  'documents.title_action_not_allowed': 409,
  'documents.draft_not_found': 404,
  'documents.draft_version_conflict': 409,
  'documents.draft_already_issued': 409,
  'documents.already_superseded': 409,
  'documents.kind_not_available': 400,
} as const satisfies Record<string, number>;

export type DocumentsErrorCode = keyof typeof documentsErrorStatuses;

/** Field error codes the module puts in a problem's `errors`, beyond the kernel's. */
export const documentsFieldErrorCodes = [
  'documents.subject_too_large',
  'documents.reserved_field',
  'documents.number_not_integer',
  'documents.valid_until_before_issue',
  'documents.unknown_organisation',
  'documents.unknown_document',
  'documents.not_a_bill_of_lading',
  'documents.document_not_active',
  'documents.same_document',
  'documents.title_action_not_allowed',
  'documents.unknown_field',
  'documents.replaces_other_kind',
] as const;
