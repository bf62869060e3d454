/**
 * Error codes of the standalone witness. They reach the operator through the `tradehub witness`
 * command (exit code 1 or 2), never the hub's HTTP API, which is why no HTTP status goes with them:
 * the witness's own HTTP answers are the plain-text statuses of c2sp.org/tlog-witness.
 */
export const witnessErrorCodes = [
  'witness.invalid_log_key',
  'witness.invalid_key_file',
  'witness.key_file_exists',
  'witness.state_file_invalid',
  'witness.state_file_locked',
  'witness.log_key_changed',
  'witness.log_unreachable',
] as const;

export type WitnessErrorCode = (typeof witnessErrorCodes)[number];
