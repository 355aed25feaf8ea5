/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): `=`, `+`,
 * `-`, `@`, a tab and a carriage return. A text cell starting with one gets a leading
 * apostrophe, which spreadsheets show as text and do not evaluate.
 */
const formulaStarts = new Set(['=', '+', '-', '@', '\t', '\r']);

export const formulaGuard = "'";

/** True when a spreadsheet could evaluate this text cell. */
export function startsFormula(cell: string): boolean {
  return cell.length > 0 && formulaStarts.has(cell[0]!);
}

/**
 * The text of one exported cell: text is neutralised, numbers are written as numbers (a finite
 * number is never evaluated, and `-5` must stay a number), null and undefined are empty.
 * @example exportCell('=SUM(A1)') // "'=SUM(A1)"
 */
export function exportCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return startsFormula(value) ? `${formulaGuard}${value}` : value;
}
