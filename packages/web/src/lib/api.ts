import type { ErrorCode, Problem } from '@tandem/contracts';

/** An error answered by the server (application/problem+json) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  /** The stable error code, or 'network_error' when the server could not be reached. */
  readonly code: ErrorCode | 'network_error' | 'unexpected_response';
  /** JSON pointer (or header/query name) of the offending input, e.g. `/email`. */
  readonly field: string | undefined;
  readonly detail: string;
  /** Seconds to wait before retrying, from the Retry-After header. */
  readonly retryAfter: number | undefined;
  readonly errors: Problem['errors'];

  constructor(init: {
    status: number;
    code: ApiError['code'];
    detail: string;
    field?: string | undefined;
    retryAfter?: number | undefined;
    errors?: Problem['errors'];
  }) {
    super(init.detail);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.field = init.field;
    this.retryAfter = init.retryAfter;
    this.errors = init.errors;
  }

  /** Whether the problem concerns the given input field (`email` matches `/email`). */
  isAbout(field: string): boolean {
    return this.field !== undefined && this.field.replace(/^\//, '') === field;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The session's CSRF token lives in memory only: it arrives with the session and is sent back on writes.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's CSRF token, for requests made without `api` (uploads with progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string';
}

/** Turns a non-2xx response into an ApiError, reading the problem+json body when there is one. */
export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const body: unknown = await response.json().catch(() => null);
    if (isProblem(body)) {
      return new ApiError({
        status: response.status,
        code: body.code,
        detail: body.detail || body.title,
        field: body.field,
        retryAfter,
        errors: body.errors,
      });
    }
  }
  return new ApiError({
    status: response.status,
    code: response.status >= 500 ? 'internal_error' : 'unexpected_response',
    detail: `the server answered ${response.status} ${response.statusText}`.trim(),
    retryAfter,
  });
}

/**
 * Calls the Tandem API on the same origin with the session cookie.
 * Resolves with the parsed JSON body (undefined for 204) or rejects with an ApiError.
 * @example const { items } = await api<{ items: Lead[] }>('/api/v1/leads', { query: { stage: 'mql' } });
 */
export async function api<T>(
  path: string,
  options: RequestOptions = {},
  fetchImpl: FetchLike = fetch,
): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (unsafeMethods.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetchImpl(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network_error', detail: 'the server could not be reached' });
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}
