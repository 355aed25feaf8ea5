import { mainStages } from '../core/funnel/index.js';
import {
  type JointReportData,
  type RenderedReport,
  renderJointReport,
} from '../core/reports/joint-report.js';
import type { Executor } from '../store/executor.js';
import { listGoals } from '../store/goal.repo.js';
import { attributionReport } from './attribution.js';
import { funnelHealthReport } from './funnel-report.js';
import { goalPlan } from './goals.js';
import type { Viewer } from './viewer.js';

const dayMs = 86_400_000;
const topRows = 5;

/** The Monday 00:00 UTC starting the week that contains `at`. */
export function weekStart(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * dayMs);
}

const stageNames: Record<(typeof mainStages)[number], string> = {
  lead: 'Leads',
  mql: 'MQLs',
  accepted: 'Accepted',
  sql: 'SQLs',
  opportunity: 'Opportunities',
  won: 'Won',
};

/**
 * Everything the joint report says about the week [from, from + 7 days), read workspace-wide
 * (both teams receive the same numbers): the goal in force, pipeline created and marketing's
 * share of it, the funnel, SLA attainment both ways, the reasons leads came back, top campaigns.
 */
export async function jointReportData(
  db: Executor,
  input: { workspaceId: string; from: Date; now: Date; publicUrl: string },
): Promise<JointReportData> {
  const viewer: Viewer = {
    workspaceId: input.workspaceId,
    userId: null,
    role: 'admin',
    teamId: null,
    partnerId: null,
  };
  const from = input.from;
  const to = new Date(from.getTime() + 7 * dayMs);
  const workspace = await db
    .selectFrom('workspace')
    .select('name')
    .where('id', '=', input.workspaceId)
    .executeTakeFirstOrThrow();
  const today = input.now.toISOString().slice(0, 10);
  const goal = (await listGoals(db, input.workspaceId))
    .filter((g) => g.periodStart <= today && today <= g.periodEnd)
    .sort((a, b) => (a.periodStart < b.periodStart ? 1 : -1))[0];
  const plan = goal ? await goalPlan(db, viewer, { id: goal.id, lookbackDays: 365, now: input.now }) : null;
  const currency = goal?.currency ?? 'USD';
  const health = await funnelHealthReport(db, viewer, { from, to, funnel: null, now: input.now });
  const attribution = await attributionReport(db, {
    viewer,
    models: ['w_shaped'],
    from,
    to,
    by: 'campaign',
    currency,
  });

  const reasons = new Map<string, number>();
  for (const row of health.leakage) {
    const reason = row.reasonLabel ?? row.reasonCode ?? `${row.to}, no reason`;
    reasons.set(reason, (reasons.get(reason) ?? 0) + row.count);
  }
  const rows = attribution.results[0]?.rows ?? [];
  return {
    workspaceName: workspace.name,
    from,
    to,
    currency,
    goal: plan
      ? {
          name: plan.goal.name,
          targetCents: plan.revenue.targetCents,
          wonCents: plan.revenue.wonCents,
          projectedCents: plan.revenue.projectedCents,
          elapsedShare: plan.elapsedShare,
          onTrack: plan.onTrack,
          marketing: [
            { label: 'Leads', ...plan.marketing.leads },
            { label: 'MQLs', ...plan.marketing.mqls },
          ],
          sales: [
            { label: 'SQLs', ...plan.sales.sqls },
            { label: 'Opportunities', ...plan.sales.opportunities },
            { label: 'Deals won', ...plan.sales.won },
          ],
        }
      : null,
    pipeline: {
      totalCents: attribution.marketing.pipeline.totalCents,
      sourcedCents: attribution.marketing.pipeline.sourcedCents,
      influencedCents: attribution.marketing.pipeline.influencedCents,
    },
    funnel: mainStages.map((stage) => ({ stage: stageNames[stage], leads: health.counts.reached[stage] })),
    attainment: [
      ...health.speedToLead.attainment.sales.map((a) => ({ side: 'sales' as const, ...a })),
      ...health.speedToLead.attainment.marketing.map((a) => ({ side: 'marketing' as const, ...a })),
    ],
    rejections: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1))
      .slice(0, topRows),
    campaigns: rows
      .filter((r) => r.pipelineCents > 0)
      .sort((a, b) => b.pipelineCents - a.pipelineCents)
      .slice(0, topRows)
      .map((r) => ({
        name: (r.campaignId && attribution.campaigns.get(r.campaignId)?.name) || r.channel,
        pipelineCents: r.pipelineCents,
      })),
    link: `${input.publicUrl}/api/v1/reports/joint?week=${from.toISOString().slice(0, 10)}&format=html`,
  };
}

export async function jointReport(
  db: Executor,
  input: { workspaceId: string; from: Date; now: Date; publicUrl: string },
): Promise<{ data: JointReportData; rendered: RenderedReport }> {
  const data = await jointReportData(db, input);
  return { data, rendered: renderJointReport(data) };
}
