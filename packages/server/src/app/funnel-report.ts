import type { LeadStage } from '@tandem/contracts';
import {
  type Cohort,
  cohortConversion,
  conversionByGroup,
  conversionRates,
  type FunnelCounts,
  funnelCounts,
  type GroupConversion,
  type LeakageRow,
  leakageByReason,
  type StageConversion,
  type StageVelocity,
  stageVelocity,
  type TimeWindow,
} from '../core/funnel/index.js';
import { byLead, inWindow } from '../core/funnel/types.js';
import { lastMonths } from '../core/reports/months.js';
import type { Executor } from '../store/executor.js';
import { loadTransitions, type ReportTransition, reasonLabels, stagesAt } from '../store/report-data.repo.js';
import { type SpeedToLeadReport, speedToLeadReport } from './speed-to-lead.js';
import type { Viewer } from './viewer.js';

export interface FunnelHealthReport {
  from: Date;
  to: Date;
  funnel: string | null;
  counts: FunnelCounts;
  conversion: StageConversion[];
  velocity: StageVelocity[];
  leakage: Array<LeakageRow & { reasonLabel: string | null }>;
  /** MQL → SQL of the leads whose first MQL fell in the window, converted by `to`. */
  mqlToSql: { bySource: GroupConversion[]; byContractVersion: GroupConversion[] };
  speedToLead: SpeedToLeadReport;
}

/**
 * Funnel health over [from, to): counts and conversion per stage, time in stage, leakage by reason
 * (labelled from the lead contract), MQL → SQL by source and by contract version, and the
 * speed-to-lead and SLA summary. Only leads the viewer may see count.
 */
export async function funnelHealthReport(
  db: Executor,
  viewer: Viewer,
  options: { from: Date; to: Date; funnel: string | null; now: Date },
): Promise<FunnelHealthReport> {
  const window: TimeWindow = { since: options.from, until: options.to };
  // Leads that moved in the window are all the counts, velocity, leakage and conversion need;
  // the stage of every lead at the window's end is counted in the database.
  const transitions = await loadTransitions(db, viewer, {
    funnel: options.funnel,
    until: options.to,
    active: { since: options.from },
  });
  const current = await stagesAt(db, viewer, { funnel: options.funnel, until: options.to });
  const counts = funnelCounts(transitions, window);
  for (const stage of Object.keys(counts.current) as LeadStage[])
    counts.current[stage] = current.get(stage) ?? 0;
  const labels = await reasonLabels(db, viewer.workspaceId);
  const cohort = firstEntriesIn(transitions, 'mql', window);
  const sources = new Map(transitions.map((t) => [t.leadId, t.source]));
  return {
    from: options.from,
    to: options.to,
    funnel: options.funnel,
    counts,
    conversion: conversionRates(counts),
    // A lead still in a stage is counted as open there, moved in the window or not.
    velocity: stageVelocity(transitions, window).map((v) => ({ ...v, open: current.get(v.stage) ?? 0 })),
    leakage: leakageByReason(transitions, window).map((row) => ({
      ...row,
      reasonLabel: row.reasonCode === null ? null : (labels.get(row.reasonCode) ?? null),
    })),
    mqlToSql: {
      bySource: conversionByGroup(cohort, {
        from: 'mql',
        to: 'sql',
        groupOf: (t) => sources.get(t.leadId) ?? null,
      }),
      byContractVersion: conversionByGroup(cohort, {
        from: 'mql',
        to: 'sql',
        groupOf: (t) => (t.contractVersion == null ? null : String(t.contractVersion)),
      }),
    },
    speedToLead: await speedToLeadReport(db, viewer, {
      from: options.from,
      to: options.to,
      groupBy: 'source',
      now: options.now,
    }),
  };
}

/** The histories of the leads whose first entry into `stage` lies in the window. */
function firstEntriesIn(
  transitions: readonly ReportTransition[],
  stage: ReportTransition['to'],
  window: TimeWindow,
): ReportTransition[] {
  const kept: ReportTransition[] = [];
  for (const history of (byLead(transitions) as Map<string, ReportTransition[]>).values()) {
    const entry = history.find((t) => t.to === stage);
    if (entry && inWindow(entry.at, window)) kept.push(...history);
  }
  return kept;
}

export interface CohortReport {
  asOf: Date;
  months: string[];
  withinDays: number;
  funnel: string | null;
  timeZone: string;
  cohorts: Cohort[];
}

/**
 * MQL cohorts of the last `months` calendar months (in the workspace's time zone, the current
 * month included): of the leads that first became MQLs in a month, the share reaching SQL,
 * opportunity and won within `withinDays` of that. Months without MQLs are left out.
 */
export async function cohortReport(
  db: Executor,
  viewer: Viewer,
  options: { asOf: Date; months: number; withinDays: number; funnel: string | null },
): Promise<CohortReport> {
  const ws = await db
    .selectFrom('workspace')
    .select('timezone')
    .where('id', '=', viewer.workspaceId)
    .executeTakeFirst();
  const timeZone = ws?.timezone ?? 'UTC';
  const months = lastMonths(options.asOf, options.months, timeZone);
  // A month is at most 31 days; one day more covers any time-zone offset.
  const since = new Date(options.asOf.getTime() - (options.months * 31 + 1) * 86_400_000);
  const transitions = await loadTransitions(db, viewer, {
    funnel: options.funnel,
    until: options.asOf,
    active: { since, stage: 'mql' },
  });
  const wanted = new Set(months);
  const cohorts = cohortConversion(transitions, {
    withinDays: options.withinDays,
    asOf: options.asOf,
    timeZone,
  }).filter((c) => wanted.has(c.month));
  return {
    asOf: options.asOf,
    months,
    withinDays: options.withinDays,
    funnel: options.funnel,
    timeZone,
    cohorts,
  };
}
