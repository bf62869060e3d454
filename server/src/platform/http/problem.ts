import { AppError, type FieldError } from '@tradehub/kernel';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** An RFC 9457 problem document with tradehub's extension members `code`, `requestId`, `errors`. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
};

export const problemContentType = 'application/problem+json; charset=utf-8';
const problemTypeBase = 'https://tradehub.dev/problems/';

/** Status of the codes the platform itself raises; modules add theirs at composition. */
export const platformErrorStatuses: Record<string, number> = {
  'http.validation_failed': 400,
  'http.malformed_json': 400,
  'http.unauthenticated': 401,
  'http.forbidden': 403,
  'http.not_found': 404,
  'http.method_not_allowed': 405,
  'http.idempotency_conflict': 409,
  'http.idempotency_in_progress': 409,
  'http.payload_too_large': 413,
  'http.unsupported_media_type': 415,
  'http.rate_limited': 429,
  'http.internal': 500,
  'db.unavailable': 503,
  'http.shutting_down': 503,
};

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export const problem = (
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
): Problem => ({
  type: `${problemTypeBase}${code}`,
  title: titles[status] ?? 'Error',
  status,
  code,
  detail,
  instance: request.url.split('?')[0] ?? request.url,
  requestId: request.id,
  ...(errors && errors.length > 0 ? { errors } : {}),
});

export const sendProblem = (reply: FastifyReply, body: Problem) =>
  reply.status(body.status).type(problemContentType).send(body);

// Zod issue codes become the kernel's field codes so the UI translates one vocabulary.
const fieldCodeOfIssue = (keyword: string, params: Record<string, unknown>): string => {
  const nested = params.params;
  if (nested && typeof nested === 'object' && 'code' in nested && typeof nested.code === 'string') {
    return nested.code;
  }
  if (keyword === 'too_big') {
    return 'kernel.too_long';
  }
  if (keyword === 'too_small') {
    return params.minimum === 1 && params.origin === 'string' ? 'kernel.required' : 'kernel.too_short';
  }
  if (keyword === 'invalid_type' && params.input === undefined) {
    return 'kernel.required';
  }
  if (keyword === 'invalid_value' || keyword === 'invalid_enum_value') {
    return 'kernel.unknown_code';
  }
  if (keyword === 'unrecognized_keys') {
    return 'kernel.unknown_field';
  }

  return 'kernel.invalid_format';
};

const fieldOfPath = (instancePath: string, prefix: string | undefined): string => {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (path.length > 0) {
    return path;
  }

  return prefix ?? 'body';
};

type ErrorMapping = { isDatabaseUnavailable: (error: unknown) => boolean; statuses: Record<string, number> };

/** Turns anything thrown in a request into a problem document; unknown errors become 500. */
export const toProblem = (
  request: FastifyRequest,
  error: unknown,
  mapping: ErrorMapping,
): { body: Problem; unexpected: boolean } => {
  if (error instanceof AppError) {
    const status = mapping.statuses[error.code] ?? 500;

    return {
      body: problem(request, status, error.code, error.message, error.fieldErrors),
      unexpected: false,
    };
  }
  if (mapping.isDatabaseUnavailable(error)) {
    return {
      body: problem(request, 503, 'db.unavailable', 'The database is unreachable; try again shortly.'),
      unexpected: false,
    };
  }
  // Text the database cannot store (a NUL character, invalid UTF-8) is the sender's mistake.
  const sqlState = (error as { code?: unknown }).code;
  if (sqlState === '22021' || sqlState === '22P05' || sqlState === '54000') {
    return {
      body: problem(request, 400, 'http.validation_failed', 'The request holds text that cannot be stored.'),
      unexpected: false,
    };
  }
  // So is a number beyond what a column holds (an amount of 10^30 minor units): the transaction
  // it came in rolled back, so nothing of it was written.
  if (sqlState === '22003') {
    return {
      body: problem(request, 400, 'http.validation_failed', 'The request holds a number too large to store.'),
      unexpected: false,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext;
    const errors = error.validation.map((issue) => ({
      field: fieldOfPath(issue.instancePath, where === 'body' ? undefined : where),
      code: fieldCodeOfIssue(issue.keyword, issue.params),
      message: issue.message ?? 'invalid',
    }));

    return {
      body: problem(request, 400, 'http.validation_failed', 'The request has invalid fields.', errors),
      unexpected: false,
    };
  }

  return fastifyErrorProblem(request, error as FastifyError);
};

const fastifyErrorProblem = (request: FastifyRequest, error: FastifyError) => {
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status === 413) {
    return {
      body: problem(request, 413, 'http.payload_too_large', 'The request body is too large.'),
      unexpected: false,
    };
  }
  if (status === 415) {
    return {
      body: problem(request, 415, 'http.unsupported_media_type', 'Send the body as application/json.'),
      unexpected: false,
    };
  }
  if (status === 429) {
    return {
      body: problem(request, 429, 'http.rate_limited', 'Too many requests; slow down.'),
      unexpected: false,
    };
  }
  if (status === 400) {
    const code =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? 'http.malformed_json'
        : 'http.validation_failed';

    return { body: problem(request, 400, code, error.message), unexpected: false };
  }
  if (status === 503 && error.code === 'FST_ERR_SERVER_CLOSING') {
    return {
      body: problem(request, 503, 'http.shutting_down', 'The server is shutting down.'),
      unexpected: false,
    };
  }
  if (status >= 400 && status < 500) {
    return { body: problem(request, status, 'http.bad_request', error.message), unexpected: false };
  }

  return {
    body: problem(request, 500, 'http.internal', `Something went wrong; quote request id ${request.id}.`),
    unexpected: true,
  };
};
