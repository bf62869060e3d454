/** Error codes of the transparency-log module and the HTTP status each maps to. */
export const transparencyLogErrorStatuses = {
  'transparency-log.entry_empty': 400,
  'transparency-log.entry_too_large': 413,
  'transparency-log.too_many_entries': 413,
  'transparency-log.no_checkpoint': 404,
  'transparency-log.tile_not_found': 404,
} as const satisfies Record<string, number>;

export type TransparencyLogErrorCode = keyof typeof transparencyLogErrorStatuses;
