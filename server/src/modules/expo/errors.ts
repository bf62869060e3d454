/**
 * Error codes of the expo module and the HTTP status each maps to, one block per part of the
 * module (catalogue, search, matchmaking, meetings, services trade, IP registry).
 */
export const expoErrorStatuses = {
  // Bad input anywhere in the module: the problem's `errors` name the fields.
  'expo.invalid': 400,
  'expo.not_found': 404,
  // A write naming a version it did not read (optimistic locking).
  'expo.version_conflict': 409,
} as const satisfies Record<string, number>;

/**
 * Field error codes of the expo module (a problem's `errors[].code`), one block per part; the web
 * app translates each (server/test/module-codes-i18n.int.test.ts).
 */
export const expoFieldErrorCodes = ['expo.required'] as const;
