/**
 * The closed set of error codes Tandem returns. Codes are stable: never renamed, never reused.
 * Every code is documented in docs/errors.md (a test checks it).
 */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'login_throttled',
  'session_expired',
  'csrf_failed',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'service_unavailable',
  'internal_error',
  'import_invalid',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/**
 * Body of every error response, served as `application/problem+json` (RFC 9457).
 * @example { "type": "https://tandem.dev/errors/validation_failed", "title": "Validation failed",
 *   "status": 400, "code": "validation_failed", "detail": "must be an email", "field": "/email" }
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  /** JSON pointer (or header/query name) of the offending input, when one is at fault. */
  field?: string;
  /** Further problems, one per field, when several are at fault. */
  errors?: Array<{ field: string; detail: string; code?: string }>;
}
