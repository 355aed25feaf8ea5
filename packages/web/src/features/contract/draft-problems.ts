import { ApiError } from '../../lib/api.js';
import type { ContractProblem } from './contract-pointer.js';

/**
 * The contract problems a failed save names, one per field (the server sends the first as
 * `field` and all of them as `errors`); none when the failure is not about the contract.
 */
export function contractProblems(error: unknown): ContractProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return [];
  const listed = (error.errors ?? []).map((e) => ({ field: e.field, detail: e.detail }));
  if (listed.length > 0) return listed;
  return error.field ? [{ field: error.field, detail: error.detail }] : [];
}

/** `2026-03-01T09:30:00.000Z` as a `datetime-local` input shows it, in the reader's time zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value back to an instant; null when empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
