import type { CampaignCost } from './campaigns-api.js';

/** A month of a campaign's cost table: set (with its amount) or open for entry. */
export interface MonthRow {
  month: string;
  amountCents: number | null;
}

const monthOf = (day: string) => day.slice(0, 7);

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Every month from the campaign's start to its end (or to `today` when it has no end), plus any
 * month with a cost outside that span, oldest first. An undated campaign shows its costs and the
 * current month. At most 60 months are spanned, so a mistyped year cannot flood the page.
 */
export function monthRows(
  campaign: { startsOn: string | null; endsOn: string | null },
  costs: readonly CampaignCost[],
  today: string,
): MonthRow[] {
  const amounts = new Map(costs.map((c) => [c.month, c.amountCents]));
  const months = new Set(costs.map((c) => c.month));
  const first = campaign.startsOn ? monthOf(campaign.startsOn) : monthOf(today);
  const now = monthOf(today);
  // Without an end, up to the current month (or the start, for a campaign yet to begin).
  let last = campaign.endsOn ? monthOf(campaign.endsOn) : now;
  if (!campaign.endsOn && last < first) last = first;
  let m = first;
  for (let i = 0; i < 60 && m <= last; i++) {
    months.add(m);
    m = nextMonth(m);
  }
  return [...months].sort().map((month) => ({ month, amountCents: amounts.get(month) ?? null }));
}

/** Spend so far: the costs of months up to the current one. */
export function spentToDate(costs: readonly CampaignCost[], today: string): number {
  const now = monthOf(today);
  return costs.reduce((s, c) => (c.month <= now ? s + c.amountCents : s), 0);
}

/** A channel key the server accepts, from what a person typed: `Paid Search` → `paid_search`. */
export function channelKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40);
}
