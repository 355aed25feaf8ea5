import { ApiError } from './api.js';

/** The server's message for one input, to show under that input (null when it is not at fault). */
export function fieldError(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.isAbout(field)) return error.detail;
  const issue = error.errors?.find((e) => e.field.replace(/^\//, '') === field);
  return issue?.detail ?? null;
}

/** Whether an error is shown under an input already, so a general alert would repeat it. */
export function isFieldError(error: unknown, fields: readonly string[]): boolean {
  return fields.some((field) => fieldError(error, field) !== null);
}
