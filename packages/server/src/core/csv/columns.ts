/**
 * Column types for CSV imports. Each turns the raw text of a cell into a value or a reason it is
 * bad; an empty cell is `null` (a required column refuses it before its parser runs).
 */
export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface CsvColumn<T = unknown> {
  /** The header name, compared ignoring case and surrounding spaces. */
  name: string;
  required: boolean;
  /** Shown in docs and the preview: what the column holds. */
  description: string;
  parse(raw: string): CellResult<T>;
}

export type CsvSchema = readonly CsvColumn[];

/** The values of a good row, by column name (absent or empty optional cells are null). */
export type CsvValues = Record<string, unknown>;

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = (reason: string): CellResult<never> => ({ ok: false, reason });

interface ColumnOptions {
  required?: boolean;
  description: string;
}

function column<T>(
  name: string,
  options: ColumnOptions,
  parse: (raw: string) => CellResult<T>,
): CsvColumn<T> {
  return { name, required: options.required ?? false, description: options.description, parse };
}

export function textColumn(name: string, options: ColumnOptions & { maxLength?: number }): CsvColumn<string> {
  const max = options.maxLength ?? 500;
  return column(name, options, (raw) =>
    raw.length > max ? bad(`is longer than ${max} characters`) : ok(raw),
  );
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function emailColumn(name: string, options: ColumnOptions): CsvColumn<string> {
  return column(name, options, (raw) =>
    raw.length <= 320 && emailPattern.test(raw) ? ok(raw.toLowerCase()) : bad('is not an email address'),
  );
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (text: string): boolean => uuidPattern.test(text);

const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** A company domain; `https://www.acme.com/` and `www.acme.com` read as `acme.com`. */
export function normaliseDomain(raw: string): string | null {
  const host = raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^www\./, '');
  return domainPattern.test(host) ? host : null;
}

export function domainColumn(name: string, options: ColumnOptions): CsvColumn<string> {
  return column(name, options, (raw) => {
    const domain = normaliseDomain(raw);
    return domain ? ok(domain) : bad('is not a domain such as acme.com');
  });
}

/** A calendar date written YYYY-MM-DD, checked to exist (no 31 February). */
export function parseIsoDate(raw: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? raw : null;
}

export function dateColumn(name: string, options: ColumnOptions): CsvColumn<string> {
  return column(name, options, (raw) => {
    const date = parseIsoDate(raw);
    return date ? ok(date) : bad('is not a date written YYYY-MM-DD');
  });
}

/** A month written YYYY-MM (or a date in it); the value is its first day, YYYY-MM-01. */
export function monthColumn(name: string, options: ColumnOptions): CsvColumn<string> {
  return column(name, options, (raw) => {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(raw);
    const month = m ? Number(m[2]) : 0;
    if (!m || month < 1 || month > 12 || (m[3] !== undefined && parseIsoDate(raw) === null)) {
      return bad('is not a month written YYYY-MM');
    }
    return ok(`${m[1]}-${m[2]}-01`);
  });
}

/** Largest amount accepted, in cents: safely below 2^53 and far above any real deal. */
export const maxCents = 1e15;

/**
 * Money as a decimal amount in major units (`1234.5`, `1,234.50`, `1234`), read exactly into
 * integer cents: no floating point touches it. Negative amounts and more than two decimals are
 * refused.
 */
export function parseMoneyCents(raw: string): number | null {
  const text = raw.replace(/[\s,_]/g, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) && cents <= maxCents ? cents : null;
}

export function moneyColumn(name: string, options: ColumnOptions): CsvColumn<number> {
  return column(name, options, (raw) => {
    const cents = parseMoneyCents(raw);
    return cents === null
      ? bad('is not an amount such as 1234.50 (no sign, at most two decimals)')
      : ok(cents);
  });
}

export function currencyColumn(name: string, options: ColumnOptions): CsvColumn<string> {
  return column(name, options, (raw) =>
    /^[A-Za-z]{3}$/.test(raw)
      ? ok(raw.toUpperCase())
      : bad('is not a three-letter currency code such as USD'),
  );
}

export function integerColumn(
  name: string,
  options: ColumnOptions & { min: number; max: number },
): CsvColumn<number> {
  return column(name, options, (raw) => {
    const n = /^-?\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
    return Number.isInteger(n) && n >= options.min && n <= options.max
      ? ok(n)
      : bad(`is not a whole number from ${options.min} to ${options.max}`);
  });
}

export function enumColumn<T extends string>(
  name: string,
  options: ColumnOptions & { values: readonly T[] },
): CsvColumn<T> {
  const known = new Map(options.values.map((v) => [v.toLowerCase(), v]));
  return column(name, options, (raw) => {
    const value = known.get(raw.toLowerCase());
    return value ? ok(value) : bad(`is not one of ${options.values.join(', ')}`);
  });
}

const truthy = new Set(['true', 'yes', 'y', '1']);
const falsy = new Set(['false', 'no', 'n', '0']);
export function booleanColumn(name: string, options: ColumnOptions): CsvColumn<boolean> {
  return column(name, options, (raw) => {
    const v = raw.toLowerCase();
    return truthy.has(v) ? ok(true) : falsy.has(v) ? ok(false) : bad('is not true or false');
  });
}
