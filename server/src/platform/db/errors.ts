import { AppError } from '@tradehub/kernel';

// Node socket errors that mean "the server cannot be reached right now".
const unreachableErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

// SQLSTATEs outside class 08 that still mean "try again later": admin shutdown, crash shutdown,
// cannot connect now (starting up or shutting down), too many connections.
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '53300']);

// pg and pg-pool report some failures only in the message, without a code.
const unavailableMessages = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /is not queryable/i,
  /cannot use a pool after calling end/i,
  /pglite is closed/i,
];

const MAX_CAUSE_DEPTH = 5;

const isUnavailableAt = (error: unknown, depth: number): boolean => {
  if (depth > MAX_CAUSE_DEPTH || typeof error !== 'object' || error === null) {
    return false;
  }
  if (error instanceof DatabaseUnavailableError) {
    return true;
  }
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string') {
    if (unreachableErrnos.has(code) || unavailableSqlStates.has(code)) {
      return true;
    }
    if (/^08[0-9A-Z]{3}$/.test(code)) {
      return true;
    }
  }
  if (typeof message === 'string' && unavailableMessages.some((pattern) => pattern.test(message))) {
    return true;
  }
  // Node's happy-eyeballs connect wraps one error per address in an AggregateError.
  if (error instanceof AggregateError && error.errors.some((inner) => isUnavailableAt(inner, depth + 1))) {
    return true;
  }
  return isUnavailableAt(cause, depth + 1);
};

/**
 * True when `error` means the database cannot be reached (refused, reset, timed out, shutting
 * down, out of connections), as opposed to a query that the database rejected. Looks through
 * `cause` chains and AggregateErrors.
 */
export const isDatabaseUnavailable = (error: unknown): boolean => isUnavailableAt(error, 0);

/** The database cannot be reached; the HTTP layer answers 503 and the pool retries on its own. */
export class DatabaseUnavailableError extends AppError {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('db.unavailable', `The database is unavailable: ${reason}`, { cause });
  }
}

/** Rethrows unavailability errors as DatabaseUnavailableError and leaves every other error alone. */
export const toDatabaseError = (error: unknown): unknown =>
  isDatabaseUnavailable(error) && !(error instanceof DatabaseUnavailableError)
    ? new DatabaseUnavailableError(error)
    : error;

export type MigrationErrorCode =
  | 'db.migration_invalid'
  | 'db.migration_changed'
  | 'db.migration_missing'
  | 'db.migration_failed';

/** A migration problem that must stop start-up; the message names the file(s) concerned. */
export class MigrationError extends AppError {
  readonly files: string[];

  constructor(code: MigrationErrorCode, message: string, files: string[], cause?: unknown) {
    super(code, message, cause === undefined ? { details: { files } } : { details: { files }, cause });
    this.files = files;
  }
}
