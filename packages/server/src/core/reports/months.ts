/**
 * 'YYYY-MM' of the `count` calendar months up to and including the month of `at` in `timeZone`,
 * oldest first.
 * @example lastMonths(new Date('2031-01-15T00:00:00Z'), 3, 'UTC') // ['2030-11', '2030-12', '2031-01']
 */
export function lastMonths(at: Date, count: number, timeZone: string): string[] {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(at);
  let year = Number(parts.find((p) => p.type === 'year')?.value);
  let month = Number(parts.find((p) => p.type === 'month')?.value);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-${String(month).padStart(2, '0')}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return out.reverse();
}
