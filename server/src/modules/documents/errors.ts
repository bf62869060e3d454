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
} as const satisfies Record<string, number>;

export type DocumentsErrorCode = keyof typeof documentsErrorStatuses;

/** Field error codes the module puts in a problem's `errors`, beyond the kernel's. */
export const documentsFieldErrorCodes = [
  'documents.subject_too_large',
  'documents.reserved_field',
  'documents.number_not_integer',
  'documents.valid_until_before_issue',
] as const;
