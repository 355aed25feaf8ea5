import {
  averageDealCents,
  conversionRates,
  type ForecastAccuracy,
  type FunnelForecastStage,
  forecastAccuracy,
  funnelCounts,
  funnelForecast,
  type MainStage,
  type OpenLead,
  type PipelineStage,
  type StepRates,
  stageVelocity,
  stepRates,
  weightedPipeline,
} from '../core/funnel/index.js';
import { byLead, type FunnelTransition } from '../core/funnel/types.js';
import type { Executor } from '../store/executor.js';
import { loadPipelineStages } from '../store/opportunity.repo.js';
import { loadDeals, loadTransitions, type ReportDeal } from '../store/report-data.repo.js';
import type { Viewer } from './viewer.js';

const dayMs = 86_400_000;

/**
 * The funnel forecast covers leads not yet in a deal; deals are counted by the weighted pipeline,
 * so the two add up without counting a lead twice.
 */
export const forecastStages = ['mql', 'accepted', 'sql'] as const satisfies readonly MainStage[];

export interface FunnelForecastAt {
  asOf: Date;
  /** The window rates, velocity and deal size were measured in: [asOf − lookback, asOf). */
  measuredFrom: Date;
  rates: StepRates;
  averageDealCents: number | null;
  stageMedianMs: Partial<Record<MainStage, number | null>>;
  stages: FunnelForecastStage[];
  expectedRevenueCents: number;
  /** The leads forecast. */
  open: OpenLead[];
}

/**
 * The funnel-based forecast as it would have been made at `at`, from history before `at` only:
 * the leads open in MQL, accepted or SQL then, the rates and median stage times measured in the
 * lookback window before it, and the average won deal of that window.
 */
export function funnelForecastAt(
  transitions: readonly FunnelTransition[],
  deals: readonly ReportDeal[],
  options: { at: Date; lookbackDays: number; horizonEnd?: Date },
): FunnelForecastAt {
  const measuredFrom = new Date(options.at.getTime() - options.lookbackDays * dayMs);
  const window = { since: measuredFrom, until: options.at };
  const rates = stepRates(conversionRates(funnelCounts(transitions, window)));
  const medians: Partial<Record<MainStage, number | null>> = {};
  for (const v of stageVelocity(transitions, window)) {
    if (v.stage !== 'lost' && v.stage !== 'recycled' && v.stage !== 'disqualified')
      medians[v.stage] = v.medianMs;
  }
  const won = deals.filter(
    (d) => d.status === 'won' && d.closedAt !== null && d.closedAt >= measuredFrom && d.closedAt < options.at,
  );
  const averageDeal = averageDealCents(won.map((d) => d.amountCents));
  const open: OpenLead[] = [];
  for (const history of byLead(transitions).values()) {
    let last: FunnelTransition | undefined;
    for (const t of history) {
      if (t.at.getTime() >= options.at.getTime()) break;
      last = t;
    }
    if (last && (forecastStages as readonly string[]).includes(last.to)) {
      open.push({ leadId: last.leadId, stage: last.to as MainStage, enteredAt: last.at });
    }
  }
  const forecast = funnelForecast({
    open,
    rates,
    averageDealCents: averageDeal,
    stageMedianMs: medians,
    asOf: options.at,
    ...(options.horizonEnd ? { horizonEnd: options.horizonEnd } : {}),
  });
  const stages = forecast.stages.filter((s) => (forecastStages as readonly string[]).includes(s.stage));
  return {
    asOf: options.at,
    measuredFrom,
    rates,
    averageDealCents: averageDeal,
    stageMedianMs: medians,
    stages,
    expectedRevenueCents: stages.reduce((sum, s) => sum + s.expectedRevenueCents, 0),
    open,
  };
}

export interface ForecastReport {
  asOf: Date;
  currency: string;
  funnel: string | null;
  pipeline: {
    stages: PipelineStage[];
    months: Array<{ month: string; count: number; amountCents: number; weightedCents: number }>;
    amountCents: number;
    weightedCents: number;
    undated: number;
  };
  funnelForecast: FunnelForecastAt & { horizonEnd: Date | null };
  accuracy: {
    /** When the reconstructed forecast was made. */
    madeAt: Date;
    forecastCents: number;
    /** Won revenue closed in [madeAt, asOf) from deals of the leads that forecast covered. */
    actualCents: number;
    wonDeals: number;
    /** Every deal won in [madeAt, asOf), the ones that were already deals then included. */
    allWonCents: number;
  } & ForecastAccuracy;
  /** Weighted pipeline plus the funnel forecast. */
  totalExpectedCents: number;
}

/**
 * Forecast as of `asOf`: open deals weighted by their stage probability, by stage and by expected
 * close month; the revenue still to come from today's MQLs, accepted leads and SQLs; and how
 * well the same funnel forecast, made `accuracyDays` ago from the history known then, matched the
 * revenue its leads actually won since (like for like: deals open then are not in it).
 */
export async function forecastReport(
  db: Executor,
  viewer: Viewer,
  options: {
    asOf: Date;
    lookbackDays: number;
    horizonDays: number | null;
    accuracyDays: number;
    currency: string;
    funnel: string | null;
  },
): Promise<ForecastReport> {
  const madeAt = new Date(options.asOf.getTime() - options.accuracyDays * dayMs);
  const earliest = new Date(madeAt.getTime() - options.lookbackDays * dayMs);
  // Leads that moved since the earliest window, and leads still open that have not moved since:
  // a lead open at either moment is one or the other.
  const transitions = await loadTransitions(db, viewer, {
    funnel: options.funnel,
    until: options.asOf,
    active: { since: earliest, orStages: forecastStages },
  });
  const deals = (
    await loadDeals(db, viewer, { currency: options.currency, since: earliest, funnel: options.funnel })
  ).filter((d) => d.createdAt < options.asOf);
  const order = (await loadPipelineStages(db, viewer.workspaceId)).map((s) => s.key);
  // Deals open now; one closed after asOf was still open then.
  const open = deals
    .filter((d) => d.status === 'open' || (d.closedAt !== null && d.closedAt >= options.asOf))
    .map((d) => ({ ...d, status: 'open' as const }));
  const everything = { from: '0000-01-01', to: '9999-12-31', stageOrder: order };
  const pipeline = weightedPipeline(open, everything);
  const months = [...new Set(open.flatMap((d) => (d.closeDate ? [d.closeDate.slice(0, 7)] : [])))]
    .sort()
    .map((month) => {
      const p = weightedPipeline(
        open.filter((d) => d.closeDate?.startsWith(month)),
        everything,
      );
      return {
        month,
        count: p.stages.reduce((s, r) => s + r.count, 0),
        amountCents: p.amountCents,
        weightedCents: p.weightedCents,
      };
    });
  const horizonEnd =
    options.horizonDays === null ? null : new Date(options.asOf.getTime() + options.horizonDays * dayMs);
  const now = funnelForecastAt(transitions, deals, {
    at: options.asOf,
    lookbackDays: options.lookbackDays,
    ...(horizonEnd ? { horizonEnd } : {}),
  });
  const past = funnelForecastAt(transitions, deals, {
    at: madeAt,
    lookbackDays: options.lookbackDays,
    horizonEnd: options.asOf,
  });
  const wonSince = deals.filter(
    (d) => d.status === 'won' && d.closedAt !== null && d.closedAt >= madeAt && d.closedAt < options.asOf,
  );
  const covered = new Set(past.open.map((l) => l.leadId));
  const won = wonSince.filter((d) => d.sourceLeadId !== null && covered.has(d.sourceLeadId));
  const actualCents = won.reduce((s, d) => s + d.amountCents, 0);
  return {
    asOf: options.asOf,
    currency: options.currency,
    funnel: options.funnel,
    pipeline: { ...pipeline, months },
    funnelForecast: { ...now, horizonEnd },
    accuracy: {
      madeAt,
      forecastCents: past.expectedRevenueCents,
      actualCents,
      wonDeals: won.length,
      allWonCents: wonSince.reduce((s, d) => s + d.amountCents, 0),
      ...forecastAccuracy(past.expectedRevenueCents, actualCents),
    },
    totalExpectedCents: pipeline.weightedCents + now.expectedRevenueCents,
  };
}
