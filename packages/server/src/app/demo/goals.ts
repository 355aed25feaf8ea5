import type { DemoContext, Row } from './context.js';
import { day } from './random.js';

/**
 * A 90-day revenue goal that began 30 days ago, set a fifth above the revenue won in the last 90
 * days (rounded to 10,000): the 80 days of history before it give the plan measured rates and a
 * deal size, and a third of the period has gone to pace against.
 */
export function generateGoals(ctx: DemoContext, opportunities: readonly Row<'opportunity'>[]): Row<'goal'>[] {
  const today = Math.floor(ctx.nowMs / day) * day;
  const start = new Date(today - 30 * day);
  const end = new Date(today + 59 * day);
  const since = ctx.nowMs - 90 * day;
  const won = opportunities
    .filter((o) => o.status === 'won' && o.closed_at && new Date(o.closed_at).getTime() >= since)
    .reduce((sum, o) => sum + Number(o.amount_cents ?? 0), 0);
  const target = Math.max(100_000_00, Math.round((won * 1.2) / 1_000_000) * 1_000_000);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return [
    {
      workspace_id: ctx.workspaceId,
      id: ctx.id(ctx.nowMs - 30 * day),
      name: 'New business, 90 days',
      period_start: iso(start),
      period_end: iso(end),
      target_cents: target,
      currency: 'USD',
      funnel: null,
      created_by: ctx.users.manager,
      created_at: new Date(ctx.nowMs - 30 * day),
      updated_at: new Date(ctx.nowMs - 30 * day),
    },
  ];
}
