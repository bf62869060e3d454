// One fetch wrapper for every call to the tradehub server: same-origin cookies, JSON both ways,
// and RFC 9457 problem documents turned into a typed ApiError the UI can translate by code.

export type ProblemFieldError = { field: string; code: string; message: string };

export type Problem = {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: ProblemFieldError[];
  readonly requestId: string | null;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId ?? null;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

export const isUnauthenticated = (error: unknown): boolean =>
  isApiError(error) && error.status === 401 && error.code === 'http.unauthenticated';

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler | null = null;

/**
 * Registers what happens when any call answers 401 `http.unauthenticated` (the session expired or
 * was never there). The app wires this to "clear cached data and go to the login page"; doing it
 * here rather than per query covers queries, mutations and imperative calls (exports) alike.
 */
export const setUnauthenticatedHandler = (handler: UnauthenticatedHandler | null): void => {
  onUnauthenticated = handler;
};

export type QueryValue = string | number | null | undefined;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
};

const buildUrl = (path: string, query: Record<string, QueryValue> | undefined): string => {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const toFieldErrors = (value: unknown): ProblemFieldError[] | undefined => {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const out: ProblemFieldError[] = [];
  for (const item of value) {
    if (isRecord(item)) {
      out.push({
        field: typeof item.field === 'string' ? item.field : '',
        code: typeof item.code === 'string' ? item.code : '',
        message: typeof item.message === 'string' ? item.message : '',
      });
    }
  }
  return out;
};

// Reads a problem document defensively: a proxy or a crashed upstream may answer with HTML or
// with JSON of another shape, and the UI must still get a code it can translate.
const toProblem = (status: number, body: unknown): Problem => {
  if (!isRecord(body) || typeof body.code !== 'string') {
    return { status, code: 'client.unexpected_response' };
  }
  const problem: Problem = {
    status: typeof body.status === 'number' ? body.status : status,
    code: body.code,
  };
  if (typeof body.type === 'string') {
    problem.type = body.type;
  }
  if (typeof body.title === 'string') {
    problem.title = body.title;
  }
  if (typeof body.detail === 'string') {
    problem.detail = body.detail;
  }
  if (typeof body.instance === 'string') {
    problem.instance = body.instance;
  }
  if (typeof body.requestId === 'string') {
    problem.requestId = body.requestId;
  }
  const errors = toFieldErrors(body.errors);
  if (errors) {
    problem.errors = errors;
  }
  return problem;
};

const readJson = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * Calls the API and resolves with the parsed JSON body (undefined for 204), or rejects with an
 * ApiError. The generic parameter states what the contract promises for the route.
 */
export const apiRequest = async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (method !== 'GET') {
    // The server only accepts writes declared as JSON (a cross-site form cannot send that type),
    // and it rejects a JSON content type with an empty body, so body-less writes send `{}`.
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body ?? {});
  }
  if (options.signal) {
    init.signal = options.signal;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause;
    }
    throw new ApiError({ status: 0, code: 'client.network_error' });
  }

  if (response.status === 204) {
    return undefined as T;
  }
  const body = await readJson(response);
  if (!response.ok) {
    const error = new ApiError(toProblem(response.status, body));
    if (isUnauthenticated(error) && onUnauthenticated) {
      onUnauthenticated();
    }
    throw error;
  }
  return body as T;
};

export const apiGet = <T>(
  path: string,
  query?: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<T> => {
  const options: RequestOptions = {};
  if (query) {
    options.query = query;
  }
  if (signal) {
    options.signal = signal;
  }
  return apiRequest<T>(path, options);
};

export const apiPost = <T>(path: string, body?: unknown): Promise<T> =>
  apiRequest<T>(path, { method: 'POST', body });

export const apiPatch = <T>(path: string, body: unknown): Promise<T> =>
  apiRequest<T>(path, { method: 'PATCH', body });

export const apiDelete = (path: string): Promise<void> => apiRequest<void>(path, { method: 'DELETE' });

/** Encodes one path segment (ids and tokens come from the server but are never trusted as paths). */
export const seg = (value: string): string => encodeURIComponent(value);
