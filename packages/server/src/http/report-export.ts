import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type CsvExportColumn, csvStream } from '../app/imports/csv-io.js';

/**
 * Every report answers JSON, or CSV when asked (`?format=csv`, or `Accept: text/csv` without a
 * format). Cells go through the formula guard (core/csv), so text such as `=HYPERLINK(…)` from a
 * source or reason code reaches a spreadsheet as text.
 */
export const Format = Type.Optional(
  Type.Enum(['json', 'csv'], { description: 'json (default) or csv; Accept: text/csv asks for CSV too' }),
);

export function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return (request.headers.accept ?? '').split(',')[0]?.trim().startsWith('text/csv') ?? false;
}

export function sendCsv<R>(
  reply: FastifyReply,
  name: string,
  columns: readonly CsvExportColumn<R>[],
  rows: Iterable<R>,
) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(csvStream(columns, rows));
}

type Cell = string | number | boolean | null;
export interface FieldRow {
  field: string;
  value: Cell;
}

/** Array items are named by the first of these keys they have, else by their position. */
const nameKeys = ['stage', 'month', 'group', 'kind', 'model', 'key'] as const;

/**
 * A nested report as two columns, `field` and `value`: one row per number or text, the field a
 * dotted path (`counts.reached.mql`, `conversion.mql>accepted.rate`). Every report can be
 * exported this way without losing a figure.
 */
export function fieldRows(value: unknown, prefix = ''): FieldRow[] {
  if (value === null || value === undefined) return prefix ? [{ field: prefix, value: null }] : [];
  if (value instanceof Date) return [{ field: prefix, value: value.toISOString() }];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => fieldRows(item, join(prefix, itemName(item, i))));
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      fieldRows(v, join(prefix, k)),
    );
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return [{ field: prefix, value }];
  return [];
}

function itemName(item: unknown, index: number): string {
  if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    if (typeof o.to === 'string' && 'reasonCode' in o)
      return `${o.from ?? '(new)'}>${o.to}:${o.reasonCode ?? '(none)'}`;
    if (typeof o.from === 'string' && typeof o.to === 'string') return `${o.from}>${o.to}`;
    for (const key of nameKeys) {
      const v = o[key];
      if (typeof v === 'string' || typeof v === 'number') return String(v);
      if (v === null && key === 'group') return '(none)';
    }
  }
  return String(index);
}

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

export const fieldColumns: CsvExportColumn<FieldRow>[] = [
  { header: 'field', value: (r) => r.field },
  { header: 'value', value: (r) => r.value },
];

/** Answers a report as JSON, or as CSV when asked: `rows` and `columns` default to field rows. */
export function answer<T, R = FieldRow>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    format: string | undefined;
    name: string;
    json: T;
    columns?: readonly CsvExportColumn<R>[];
    rows?: Iterable<R>;
  },
): T | FastifyReply {
  if (!wantsCsv(request, options.format)) return options.json;
  if (options.columns && options.rows) return sendCsv(reply, options.name, options.columns, options.rows);
  return sendCsv(reply, options.name, fieldColumns, fieldRows(options.json));
}
