/**
 * The address of a report's export (`format=csv` or `format=json`) with the query the page shows,
 * for a plain download link: the session cookie goes with it, like any same-origin request.
 * @example reportHref('/api/v1/reports/forecast', { horizonDays: 90 }, 'csv')
 */
export function reportHref(
  path: string,
  query: Record<string, string | number | null | undefined>,
  format: 'csv' | 'json' | 'html',
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  params.set('format', format);
  return `${path}?${params.toString()}`;
}

const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `2026-12` → `Dec 2026`; anything else is returned as it came. */
export function monthLabel(month: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : monthFormat.format(date);
}

/** A whole number with thousands separators; `—` when unknown. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return Math.round(value).toLocaleString('en-US');
}
