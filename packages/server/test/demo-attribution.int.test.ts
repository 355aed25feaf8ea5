import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributionReport } from '../src/app/attribution.js';
import { type DemoSummary, seedDemo } from '../src/app/seed-demo.js';
import { attributionModels } from '../src/core/attribution/types.js';
import type { DbHandle } from '../src/store/db.js';
import { createTestDb } from './db.js';

const now = new Date('2026-03-02T15:30:00Z');
const day = 86_400_000;

describe('demo data for closed-loop reporting', () => {
  let handle: DbHandle;
  let summary: DemoSummary;

  beforeAll(async () => {
    handle = await createTestDb();
    summary = await seedDemo(handle.db, { now });
  }, 240_000);
  afterAll(async () => handle?.close());

  it('spreads each campaign’s cost over its months, cent-exact', async () => {
    const db = handle.db;
    const campaigns = await db
      .selectFrom('campaign')
      .select(['id', 'cost_cents'])
      .where('workspace_id', '=', summary.workspace.id)
      .execute();
    const costs = await db
      .selectFrom('campaign_cost')
      .select(['campaign_id', 'amount_cents'])
      .where('workspace_id', '=', summary.workspace.id)
      .execute();
    for (const c of campaigns) {
      const spent = costs
        .filter((x) => x.campaign_id === c.id)
        .reduce((s, x) => s + Number(x.amount_cents), 0);
      expect(spent).toBe(Number(c.cost_cents));
    }
  });

  it('has deals with contact roles, touchpoints and an attribution story', async () => {
    const db = handle.db;
    const roles = await db
      .selectFrom('opportunity_contact_role')
      .select('opportunity_id')
      .where('workspace_id', '=', summary.workspace.id)
      .execute();
    expect(new Set(roles.map((r) => r.opportunity_id)).size).toBe(summary.counts.opportunities);
    const touches = await db
      .selectFrom('touchpoint')
      .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', summary.workspace.id)
      .groupBy('channel')
      .execute();
    const channels = new Set(touches.map((x) => x.channel));
    for (const c of ['webinar', 'paid_search', 'sales']) expect(channels).toContain(c);

    const report = await attributionReport(db, {
      viewer: {
        workspaceId: summary.workspace.id,
        userId: null,
        role: 'admin',
        teamId: null,
        partnerId: null,
      },
      models: [...attributionModels],
      from: new Date(now.getTime() - 120 * day),
      to: now,
      by: 'campaign',
      currency: 'USD',
    });
    expect(report.deals.pipeline).toBeGreaterThan(10);
    expect(report.deals.revenue).toBeGreaterThan(0);
    const share = report.marketing.pipeline.sourcedShare!;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(1);
    const linear = report.results.find((r) => r.model === 'linear')!;
    const credited = linear.rows.filter((r) => r.campaignId !== null && r.pipelineCents > 0);
    expect(credited.length).toBeGreaterThan(3);
    expect(linear.rows.some((r) => r.campaignId !== null && r.costCents > 0 && r.roi !== null)).toBe(true);
  });
});
