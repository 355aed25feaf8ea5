import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastReport } from '../src/app/forecast.js';
import { funnelHealthReport } from '../src/app/funnel-report.js';
import { goalPlan } from '../src/app/goals.js';
import { type DemoSummary, seedDemo } from '../src/app/seed-demo.js';
import type { Viewer } from '../src/app/viewer.js';
import type { DbHandle } from '../src/store/db.js';
import { createTestDb } from './db.js';

const now = new Date('2026-03-02T15:30:00Z');
const day = 86_400_000;

/** The reports over the demo workspace: the invariants hold on a realistic history. */
describe('reports over the demo data', () => {
  let handle: DbHandle;
  let summary: DemoSummary;
  let admin: Viewer;

  beforeAll(async () => {
    handle = await createTestDb();
    summary = await seedDemo(handle.db, { now });
    admin = { workspaceId: summary.workspace.id, userId: null, role: 'admin', teamId: null, partnerId: null };
  }, 240_000);
  afterAll(async () => handle?.close());

  it('reconciles funnel counts with the stored transitions in any window', async () => {
    for (const [fromDays, toDays] of [
      [120, 0],
      [60, 30],
      [20, 10],
    ] as const) {
      const from = new Date(now.getTime() - fromDays * day);
      const to = new Date(now.getTime() - toDays * day);
      const report = await funnelHealthReport(handle.db, admin, { from, to, funnel: null, now });
      const stored = await handle.db
        .selectFrom('stage_transition')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', admin.workspaceId)
        .where('at', '>=', from)
        .where('at', '<', to)
        .executeTakeFirstOrThrow();
      const entries = Object.values(report.counts.entries).reduce((s, n) => s + n, 0);
      expect(entries).toBe(Number(stored.n));
      // The funnel never widens, and every leak is in the leakage table.
      const reached = Object.values(report.counts.reached);
      for (let i = 1; i < reached.length; i++) expect(reached[i]).toBeLessThanOrEqual(reached[i - 1]!);
      const leaks =
        report.counts.entries.recycled + report.counts.entries.disqualified + report.counts.entries.lost;
      expect(report.leakage.reduce((s, r) => s + r.count, 0)).toBe(leaks);
    }
  });

  it('has a 90-day goal the plan can reach back from, and a forecast that adds up', async () => {
    const goal = await handle.db
      .selectFrom('goal')
      .select('id')
      .where('workspace_id', '=', admin.workspaceId)
      .executeTakeFirstOrThrow();
    const plan = await goalPlan(handle.db, admin, { id: goal.id, lookbackDays: 365, now });
    expect(plan.goal.periodStart).toBe('2026-01-31');
    expect(plan.goal.periodEnd).toBe('2026-04-30');
    expect(plan.elapsedShare).toBeGreaterThan(0.3);
    expect(plan.reverseFunnel.blockedAt).toBeNull();
    expect(plan.reverseFunnel.required.lead).toBeGreaterThanOrEqual(plan.reverseFunnel.required.won!);

    const forecast = await forecastReport(handle.db, admin, {
      asOf: now,
      lookbackDays: 90,
      horizonDays: null,
      accuracyDays: 30,
      currency: 'USD',
      funnel: null,
    });
    // Months and stages are each rounded once per row: they agree to within half a cent a row.
    const byMonth = forecast.pipeline.months.reduce((sum, m) => sum + m.weightedCents, 0);
    expect(forecast.pipeline.undated).toBe(0);
    expect(Math.abs(byMonth - forecast.pipeline.weightedCents)).toBeLessThanOrEqual(
      forecast.pipeline.months.length * forecast.pipeline.stages.length,
    );
    expect(forecast.totalExpectedCents).toBe(
      forecast.pipeline.weightedCents + forecast.funnelForecast.expectedRevenueCents,
    );
    expect(forecast.funnelForecast.expectedRevenueCents).toBeGreaterThan(0);
  });
});
