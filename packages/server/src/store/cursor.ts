import { invalid } from '../errors.js';

/**
 * Keyset pagination over (timestamp, id), newest first. The timestamp travels as PostgreSQL's
 * own text rendering: a JS Date keeps only milliseconds and would skip rows that share one.
 */
export interface Keyset {
  at: string;
  id: string;
}

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');
}

// PostgreSQL's ISO rendering of a timestamptz, e.g. 2025-03-01 09:30:00.123456+00
const timestampText = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      timestampText.test(value[0]) &&
      /^[0-9a-f-]{36}$/.test(value[1])
    ) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // fall through: a malformed cursor is the client's mistake
  }
  throw invalid('cursor', 'is not a cursor returned by this endpoint');
}

/** Items of one page and the cursor of the next (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cuts a `limit + 1` query result into a page. */
export function toPage<R extends { key_at: string; id: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(map),
    nextCursor: more && last ? encodeCursor({ at: last.key_at, id: last.id }) : null,
  };
}
