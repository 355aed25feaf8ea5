import type { Transaction } from 'kysely';
import type { CsvSchema, CsvValues } from '../../core/csv/columns.js';
import { type CsvProblem, type ImportReport, ReportBuilder } from '../../core/csv/validate-rows.js';
import type { Db } from '../../store/db.js';
import type { Executor } from '../../store/executor.js';
import type { Database } from '../../store/schema.js';
import type { Viewer } from '../viewer.js';
import { type CsvSource, readCsv } from './csv-io.js';

/** A row that passed its cells' checks, to be resolved against the database. */
export interface GoodRow {
  line: number;
  values: CsvValues;
}

export type Resolved<T> =
  | { ok: true; line: number; item: T }
  | { ok: false; line: number; problems: CsvProblem[] };

export interface ResolveContext {
  db: Executor;
  viewer: Viewer;
  /** Per-import memory for checks across rows (duplicates), owned by the import kind. */
  seen: Map<string, number>;
}

/**
 * One kind of CSV import: its columns, how a batch of checked rows is resolved against the
 * database (references by name, domain or id; duplicates), and how resolved items are written.
 */
export interface ImportKind<T> {
  name: string;
  schema: CsvSchema;
  resolve(ctx: ResolveContext, rows: readonly GoodRow[]): Promise<Resolved<T>[]>;
  /** Writes the items in the import's one transaction; answers how many records were written. */
  commit(trx: Transaction<Database>, input: { viewer: Viewer; items: T[]; now: Date }): Promise<number>;
}

export interface ImportRequest {
  viewer: Viewer;
  source: CsvSource;
  /** Validate only: nothing is written, the report is the preview. */
  dryRun: boolean;
  /** Import the good rows even when some are bad; otherwise a file with a bad row imports nothing. */
  onlyGoodRows: boolean;
  now: Date;
  maxRows?: number;
  /** Called after each batch of rows is validated (the CLI's progress bar). */
  onProgress?: (rowsRead: number) => void;
}

export interface ImportOutcome {
  kind: string;
  report: ImportReport;
  clean: boolean;
  /** Records written (0 for a dry run or a refused file). */
  imported: number;
  /** Bad rows left out because onlyGoodRows was chosen. */
  skipped: number;
  committed: boolean;
}

export const defaultMaxImportRows = 200_000;
const batchSize = 500;

/**
 * Validates every row of a file first (cells, then references, batch by batch), keeping only the
 * resolved items; then writes them in one transaction if the file is clean, or if the caller
 * chose to import only the good rows. A file-level problem (header, broken quoting, too many
 * rows) always imports nothing.
 */
export async function runImport<T>(
  db: Db,
  kind: ImportKind<T>,
  request: ImportRequest,
): Promise<ImportOutcome> {
  const report = new ReportBuilder();
  const items: T[] = [];
  const ctx: ResolveContext = { db, viewer: request.viewer, seen: new Map() };
  let batch: GoodRow[] = [];
  let read = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const resolved = await kind.resolve(ctx, batch);
    const byLine = new Map(batch.map((r) => [r.line, r.values]));
    for (const r of resolved) {
      if (r.ok) {
        items.push(r.item);
        report.add({ ok: true, line: r.line, values: byLine.get(r.line) ?? {} });
      } else {
        report.add(r);
      }
    }
    batch = [];
    request.onProgress?.(read);
  };
  const end = await readCsv(
    request.source,
    kind.schema,
    async (outcome) => {
      read++;
      if (outcome.ok) batch.push({ line: outcome.line, values: outcome.values });
      else report.add(outcome);
      if (batch.length >= batchSize) await flush();
    },
    { maxRows: request.maxRows ?? defaultMaxImportRows },
  );
  await flush();
  report.fileProblems(end.fileProblems);
  const result = report.result();
  const clean = report.clean;
  const base = { kind: kind.name, report: result, clean, imported: 0, skipped: 0, committed: false };
  const importable = clean || (request.onlyGoodRows && end.fileProblems.length === 0);
  if (request.dryRun || !importable || items.length === 0) {
    return { ...base, skipped: importable && !request.dryRun ? result.badRows : 0 };
  }
  const imported = await db
    .transaction()
    .execute((trx) => kind.commit(trx, { viewer: request.viewer, items, now: request.now }));
  return { ...base, imported, skipped: result.badRows, committed: true };
}
