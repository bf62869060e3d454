/** One problem with one input field; `code` is what the UI translates, `message` is English for logs. */
export type FieldError = { field: string; code: string; message: string };

/** The field error codes the kernel produces; every module may add its own `module.snake_case` codes. */
export const KERNEL_FIELD_ERROR_CODES = [
  'kernel.required',
  'kernel.invalid_format',
  'kernel.invalid_check_digit',
  'kernel.unknown_code',
  'kernel.too_long',
  'kernel.too_short',
] as const;

/** A field error code produced by the kernel's validators. */
export type KernelFieldErrorCode = (typeof KERNEL_FIELD_ERROR_CODES)[number];

/** Every AppError code the kernel throws, for the server's map from code to HTTP status. */
export const KERNEL_ERROR_CODES = [
  'kernel.currency_mismatch',
  'kernel.invalid_allocation',
  'kernel.invalid_base64url',
  'kernel.invalid_code_list',
  'kernel.invalid_csv',
  'kernel.invalid_hex',
  'kernel.invalid_id',
  'kernel.invalid_json_value',
  'kernel.invalid_money',
  'kernel.invalid_utf8',
  'kernel.too_many_decimals',
  'kernel.unknown_country',
  'kernel.unknown_currency',
  'kernel.unsupported_currency',
] as const;

/** Options of an AppError beyond its code and message. */
export type AppErrorOptions = {
  details?: Record<string, unknown>;
  fieldErrors?: FieldError[];
  cause?: unknown;
};

// `module.snake_case`: the module part may contain hyphens because module folders are kebab-case.
const APP_ERROR_CODE_PATTERN = /^[a-z][a-z0-9_-]*\.[a-z][a-z0-9_]*$/;

/** A programmer error: a broken invariant, never a user mistake, so domain code never catches it. */
export class AssertionError extends Error {
  override readonly name: string = 'AssertionError';
}

/** Throws an AssertionError when `condition` is falsy; narrows the type when it is not. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new AssertionError(message);
  }
}

/** True when `code` has the `module.snake_case` shape every AppError code must have. */
export function isAppErrorCode(code: string): boolean {
  return APP_ERROR_CODE_PATTERN.test(code);
}

/** An expected failure the caller can act on, identified by a stable `module.snake_case` code. */
export class AppError extends Error {
  override readonly name: string = 'AppError';
  readonly code: string;
  // Declared only, so the members are absent (not undefined) when no value is given.
  declare readonly details?: Record<string, unknown>;
  declare readonly fieldErrors?: FieldError[];

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    assert(
      isAppErrorCode(code),
      `AppError code must look like module.snake_case, got ${JSON.stringify(code)}`,
    );
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.details !== undefined) {
      this.details = options.details;
    }
    if (options.fieldErrors !== undefined) {
      this.fieldErrors = options.fieldErrors;
    }
  }
}

/** True when `error` is an AppError, optionally with the given code. */
export function isAppError(error: unknown, code?: string): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
