import type { ErrorCode, Problem } from '@tandem/contracts';

/** One HTTP status per error code, decided here and nowhere else. */
export const errorStatus = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  login_throttled: 429,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
  import_invalid: 422,
} as const satisfies Record<ErrorCode, number>;

const titles: Record<ErrorCode, string> = {
  validation_failed: 'Validation failed',
  unauthenticated: 'Authentication required',
  invalid_credentials: 'Invalid credentials',
  session_expired: 'Session expired',
  login_throttled: 'Too many failed logins',
  csrf_failed: 'CSRF token missing or invalid',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  service_unavailable: 'Service unavailable',
  internal_error: 'Internal error',
  import_invalid: 'The file has bad rows',
};

export interface AppErrorOptions {
  field?: string;
  errors?: Problem['errors'];
  /** Seconds the client should wait before retrying (sets Retry-After). */
  retryAfter?: number;
  cause?: unknown;
}

/** The one error type the application throws for expected failures. */
export class AppError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  readonly errors: Problem['errors'];
  readonly retryAfter: number | undefined;

  constructor(
    readonly code: ErrorCode,
    detail?: string,
    options: AppErrorOptions = {},
  ) {
    super(detail ?? titles[code], { cause: options.cause });
    this.name = 'AppError';
    this.status = errorStatus[code];
    this.field = options.field;
    this.errors = options.errors;
    this.retryAfter = options.retryAfter;
  }

  toProblem(): Problem {
    const problem: Problem = {
      type: `https://tandem.dev/errors/${this.code}`,
      title: titles[this.code],
      status: this.status,
      code: this.code,
      detail: this.message,
    };
    if (this.field !== undefined) problem.field = this.field;
    if (this.errors !== undefined) problem.errors = this.errors;
    return problem;
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const invalid = (field: string, detail: string): AppError =>
  new AppError('validation_failed', detail, { field });
