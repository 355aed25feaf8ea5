/**
 * The backtest reads a chunk's events as one text value instead of one result row per event:
 * PGlite (and to a lesser degree node-postgres) pays per field returned, which made reading cost
 * several times what the database spends finding the rows. A line per event, fields separated by
 * tabs; JSON texts (property values, the name) never contain a raw tab or newline, since
 * PostgreSQL's JSON output escapes control characters.
 *
 * Fields: id, contact id, type, epoch milliseconds, the name as JSON (empty when null), then one
 * JSON value per requested property (empty when absent).
 */

export interface AnalysisEventRow {
  id: string;
  contact_id: string;
  type: string;
  name: string | null;
  /** Milliseconds since the epoch (read as a number: no Date per row). */
  at_ms: number;
  /** The requested top-level properties, in the order asked for; null when none were asked for. */
  props: unknown[] | null;
}

/** A JSON text to its value, without JSON.parse for the common plain string. */
export function jsonValue(text: string): unknown {
  if (text === '') return null;
  if (text.charCodeAt(0) === 34 && text.indexOf('\\') === -1) return text.slice(1, -1);
  return JSON.parse(text);
}

/** Decodes the lines `analysisEvents` asks the database for. */
export function decodeAnalysisEvents(text: string | null, propertyCount: number): AnalysisEventRow[] {
  if (!text) return [];
  const rows: AnalysisEventRow[] = [];
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    let props: unknown[] | null = null;
    if (propertyCount > 0) {
      props = new Array(propertyCount);
      for (let p = 0; p < propertyCount; p++) props[p] = jsonValue(f[5 + p] ?? '');
    }
    rows.push({
      id: f[0]!,
      contact_id: f[1]!,
      type: f[2]!,
      at_ms: Number(f[3]),
      name: jsonValue(f[4] ?? '') as string | null,
      props,
    });
  }
  return rows;
}
