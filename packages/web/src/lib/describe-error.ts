import { ApiError } from './api.js';

function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} second${Math.ceil(seconds) === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** A sentence a person can act on, for any error thrown while talking to the server. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? error.message : 'Something went wrong.';
  }
  switch (error.code) {
    case 'invalid_credentials':
      return 'The email or password is incorrect.';
    case 'login_throttled':
      return error.retryAfter !== undefined
        ? `Too many failed attempts. Try again in ${waitText(error.retryAfter)}.`
        : `Too many failed attempts. ${error.detail}`;
    case 'rate_limited':
      return error.retryAfter !== undefined
        ? `Too many requests. Try again in ${waitText(error.retryAfter)}.`
        : 'Too many requests. Try again shortly.';
    case 'session_expired':
    case 'unauthenticated':
      return 'Your session has ended. Please log in again.';
    case 'csrf_failed':
      return 'Your session could not be verified. Reload the page and try again.';
    case 'forbidden':
      return `You do not have access to this: ${error.detail}`;
    case 'network_error':
      return 'The server could not be reached. Check your connection and try again.';
    case 'service_unavailable':
      return 'The server is busy or starting up. Try again in a moment.';
    case 'internal_error':
      return 'The server hit an unexpected error. Try again, and tell your administrator if it persists.';
    default: {
      const field = error.field?.replace(/^\//, '');
      return field && !error.detail.includes(field) ? `${field}: ${error.detail}` : error.detail;
    }
  }
}
