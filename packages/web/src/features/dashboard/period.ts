/** The windows the shared dashboard offers, cut in UTC like the reports' days. */
export const periods = ['30d', '90d', 'qtd', 'last_quarter', 'ytd', '12m'] as const;
export type Period = (typeof periods)[number];

export const periodLabels: Record<Period, string> = {
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  qtd: 'This quarter',
  last_quarter: 'Last quarter',
  ytd: 'This year',
  '12m': 'Last 12 months',
};

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && (periods as readonly string[]).includes(value);
}

const dayMs = 86_400_000;

/** The report window `[from, to)` of a period as seen at `now` (ISO strings, as the API wants). */
export function periodWindow(period: Period, now: Date): { from: string; to: string } {
  const year = now.getUTCFullYear();
  const quarterStart = (y: number, q: number) => new Date(Date.UTC(y, q * 3, 1));
  const quarter = Math.floor(now.getUTCMonth() / 3);
  const back = (days: number) => ({
    from: new Date(now.getTime() - days * dayMs).toISOString(),
    to: now.toISOString(),
  });
  // At the very first instant of a quarter or year, "so far" is that instant's day.
  const since = (from: Date) => ({
    from: from.toISOString(),
    to: new Date(Math.max(now.getTime(), from.getTime() + dayMs)).toISOString(),
  });
  switch (period) {
    case '30d':
      return back(30);
    case '90d':
      return back(90);
    case '12m':
      return back(365);
    case 'qtd':
      return since(quarterStart(year, quarter));
    case 'last_quarter':
      return {
        from: quarterStart(quarter === 0 ? year - 1 : year, (quarter + 3) % 4).toISOString(),
        to: quarterStart(year, quarter).toISOString(),
      };
    case 'ytd':
      return since(new Date(Date.UTC(year, 0, 1)));
  }
}
