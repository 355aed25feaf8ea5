import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import type { CsvSchema } from '../../core/csv/columns.js';
import { exportCell } from '../../core/csv/formula-guard.js';
import {
  type CsvProblem,
  type RowOutcome,
  readHeader,
  validateRecord,
} from '../../core/csv/validate-rows.js';

export type CsvSource = Readable | AsyncIterable<string | Buffer> | string | Buffer;

export interface ReadCsvOptions {
  /** Rows beyond this are refused: a file problem, and nothing is imported. */
  maxRows: number;
}

/** How the read ended: a file-level problem (bad header, broken quoting, too many rows) or none. */
export interface ReadCsvEnd {
  fileProblems: CsvProblem[];
}

function toStream(source: CsvSource): Readable {
  if (typeof source === 'string' || Buffer.isBuffer(source)) return Readable.from([source]);
  if (source instanceof Readable) return source;
  return Readable.from(source);
}

/**
 * Streams a CSV file through csv-parse, checks its header against the schema, then validates
 * each record as it arrives and hands the outcome to `onRow` (backpressure: the next record
 * waits for it). Memory stays bounded by what `onRow` keeps. Lines are counted from 1, the
 * header; a record spanning several lines (a quoted newline) is reported at its last line.
 */
export async function readCsv(
  source: CsvSource,
  schema: CsvSchema,
  onRow: (outcome: RowOutcome) => void | Promise<void>,
  options: ReadCsvOptions,
): Promise<ReadCsvEnd> {
  const parser = toStream(source).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: 64 * 1024,
    }),
  );
  let header: ReturnType<typeof readHeader>['map'] | null = null;
  let rows = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === null) {
        const read = readHeader(schema, item.record);
        if (read.problems.length > 0) {
          parser.destroy();
          return { fileProblems: read.problems };
        }
        header = read.map;
        continue;
      }
      if (++rows > options.maxRows) {
        parser.destroy();
        return {
          fileProblems: [
            { line: item.info.lines, column: null, reason: `the file has more than ${options.maxRows} rows` },
          ],
        };
      }
      await onRow(validateRecord(schema, header, item.record, item.info.lines));
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      return { fileProblems: [{ line, column: null, reason: `is not valid CSV: ${error.message}` }] };
    }
    throw error;
  }
  if (header === null)
    return {
      fileProblems: [{ line: 1, column: null, reason: 'the file is empty: a header row is required' }],
    };
  return { fileProblems: [] };
}

/** One column of an export: its header and how to read it from a row. */
export interface CsvExportColumn<R> {
  header: string;
  value(row: R): string | number | boolean | null | undefined;
}

/**
 * Streams rows as CSV (RFC 4180 quoting by csv-stringify), every cell through the formula guard,
 * so a cell such as `=HYPERLINK(…)` reaches the spreadsheet as text.
 */
export function csvStream<R>(
  columns: readonly CsvExportColumn<R>[],
  rows: Iterable<R> | AsyncIterable<R>,
): Readable {
  const out = stringify({ header: false });
  const source = Readable.from(
    (async function* () {
      yield columns.map((c) => exportCell(c.header));
      for await (const row of rows) yield columns.map((c) => exportCell(c.value(row)));
    })(),
    { objectMode: true },
  );
  source.on('error', (error) => out.destroy(error));
  return source.pipe(out);
}

/** The same export as one string (small reports and tests). */
export async function csvText<R>(
  columns: readonly CsvExportColumn<R>[],
  rows: Iterable<R> | AsyncIterable<R>,
): Promise<string> {
  let text = '';
  for await (const chunk of csvStream(columns, rows)) text += String(chunk);
  return text;
}
