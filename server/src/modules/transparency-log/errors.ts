/** Error codes of the transparency-log module and the HTTP status each maps to. */
export const transparencyLogErrorStatuses = {
  'transparency-log.entry_empty': 400,
  'transparency-log.entry_not_base64': 400,
  'transparency-log.entry_too_large': 413,
  'transparency-log.too_many_entries': 413,
  'transparency-log.no_checkpoint': 404,
  'transparency-log.checkpoint_not_found': 404,
  'transparency-log.entry_not_found': 404,
  'transparency-log.tile_not_found': 404,
  'transparency-log.index_out_of_range': 400,
  'transparency-log.size_out_of_range': 400,
  // Refusals of the composition root's entry check (what an organisation may append).
  'transparency-log.entry_malformed': 400,
  'transparency-log.entry_kind_reserved': 403,
  'transparency-log.entry_signer_unknown': 403,
  'transparency-log.entry_signature_invalid': 400,
  // The stored tiles do not fit the tree: only an edit behind the log's back does that.
  'transparency-log.tree_inconsistent': 500,
} as const satisfies Record<string, number>;

export type TransparencyLogErrorCode = keyof typeof transparencyLogErrorStatuses;
