import type { CsvSchema, CsvValues } from './columns.js';

/** One thing wrong with a file: its line (1 = the header), the column at fault and why. */
export interface CsvProblem {
  line: number;
  /** The column's name, or null when the whole row is at fault (e.g. a wrong cell count). */
  column: string | null;
  reason: string;
}

/** Where each schema column sits in the file's header. */
export interface HeaderMap {
  /** Schema column name → index in each record; absent optional columns are missing. */
  index: ReadonlyMap<string, number>;
  width: number;
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * Reads the header row against the schema: every required column must be there, a column may
 * not repeat, and columns the schema does not know are refused (a typo would otherwise drop
 * data silently).
 */
export function readHeader(
  schema: CsvSchema,
  header: readonly string[],
): { map: HeaderMap; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const byName = new Map(schema.map((c) => [key(c.name), c.name]));
  const index = new Map<string, number>();
  header.forEach((raw, i) => {
    const name = byName.get(key(raw.replace(/^\uFEFF/, '')));
    if (name === undefined) {
      problems.push({
        line: 1,
        column: raw,
        reason: `is not a known column (known: ${schema.map((c) => c.name).join(', ')})`,
      });
    } else if (index.has(name)) {
      problems.push({ line: 1, column: name, reason: 'appears twice' });
    } else {
      index.set(name, i);
    }
  });
  for (const c of schema) {
    if (c.required && !index.has(c.name))
      problems.push({ line: 1, column: c.name, reason: 'is a required column' });
  }
  return { map: { index, width: header.length }, problems };
}

export type RowOutcome =
  | { ok: true; line: number; values: CsvValues }
  | { ok: false; line: number; problems: CsvProblem[] };

/** Checks every cell of one record; all its problems are reported, not just the first. */
export function validateRecord(
  schema: CsvSchema,
  header: HeaderMap,
  record: readonly string[],
  line: number,
): RowOutcome {
  if (record.length !== header.width) {
    return {
      ok: false,
      line,
      problems: [
        { line, column: null, reason: `has ${record.length} cells where the header has ${header.width}` },
      ],
    };
  }
  const values: CsvValues = {};
  const problems: CsvProblem[] = [];
  for (const c of schema) {
    const i = header.index.get(c.name);
    const raw = i === undefined ? '' : (record[i] ?? '').trim();
    if (raw === '') {
      if (c.required) problems.push({ line, column: c.name, reason: 'is required' });
      values[c.name] = null;
      continue;
    }
    const parsed = c.parse(raw);
    if (parsed.ok) values[c.name] = parsed.value;
    else problems.push({ line, column: c.name, reason: parsed.reason });
  }
  return problems.length > 0 ? { ok: false, line, problems } : { ok: true, line, values };
}

/** What a preview shows and an import answers: counts, the first rows, every problem (capped). */
export interface ImportReport {
  totalRows: number;
  goodRows: number;
  badRows: number;
  /** The first good rows as they will be imported. */
  preview: Array<{ line: number; values: CsvValues }>;
  problems: CsvProblem[];
  /** More problems were found than are listed. */
  problemsTruncated: boolean;
}

export interface ReportLimits {
  previewRows: number;
  maxProblems: number;
}

export const defaultReportLimits: ReportLimits = { previewRows: 10, maxProblems: 1_000 };

/** Accumulates row outcomes into a report in one pass, with bounded memory for problems. */
export class ReportBuilder {
  private readonly report: ImportReport = {
    totalRows: 0,
    goodRows: 0,
    badRows: 0,
    preview: [],
    problems: [],
    problemsTruncated: false,
  };

  constructor(private readonly limits: ReportLimits = defaultReportLimits) {}

  /** Problems that concern the file rather than a row (the header). */
  fileProblems(problems: readonly CsvProblem[]): void {
    for (const p of problems) this.problem(p);
  }

  add(outcome: RowOutcome): void {
    this.report.totalRows++;
    if (outcome.ok) {
      this.report.goodRows++;
      if (this.report.preview.length < this.limits.previewRows) {
        this.report.preview.push({ line: outcome.line, values: outcome.values });
      }
    } else {
      this.report.badRows++;
      for (const p of outcome.problems) this.problem(p);
    }
  }

  private problem(p: CsvProblem): void {
    if (this.report.problems.length < this.limits.maxProblems) this.report.problems.push(p);
    else this.report.problemsTruncated = true;
  }

  get clean(): boolean {
    return this.report.problems.length === 0 && !this.report.problemsTruncated;
  }

  result(): ImportReport {
    // Rows are resolved in batches, so problems may arrive out of line order; a stable sort by
    // line keeps a row's problems in column order.
    const byLine = <T extends { line: number }>(a: T, b: T) => a.line - b.line;
    return {
      ...this.report,
      preview: [...this.report.preview].sort(byLine),
      problems: [...this.report.problems].sort(byLine),
    };
  }
}
