import type { ErrorCode } from '@tandem/contracts';

/** Why one event was refused. `field` is a JSON pointer into the request body. */
export interface Rejection {
  code: Extract<ErrorCode, 'validation_failed' | 'payload_too_large'>;
  field: string;
  detail: string;
}

/** Ingestion steps return values, never throw, for expected outcomes. */
export type StepResult<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

export const ok = <T>(value: T): StepResult<T> => ({ ok: true, value });

export const rejected = <T = never>(
  code: Rejection['code'],
  field: string,
  detail: string,
): StepResult<T> => ({
  ok: false,
  rejection: { code, field, detail },
});
