import {
  averageDealCents,
  conversionRates,
  funnelCounts,
  type MainStage,
  type ReverseFunnel,
  reverseFunnel,
  type StepRates,
  stepRates,
  weightedPipeline,
} from '../core/funnel/index.js';
import { invalid, notFound } from '../errors.js';
import type { Db } from '../store/db.js';
import type { Executor } from '../store/executor.js';
import { funnelExists } from '../store/funnel.repo.js';
import {
  deleteGoal,
  findGoal,
  type Goal,
  type GoalFields,
  insertGoal,
  listGoals,
  updateGoal,
} from '../store/goal.repo.js';
import { loadDeals, loadTransitions } from '../store/report-data.repo.js';
import type { Viewer } from './viewer.js';

const dayMs = 86_400_000;
const dayStart = (date: string) => new Date(`${date}T00:00:00.000Z`);

async function checkFields(db: Executor, workspaceId: string, f: GoalFields): Promise<void> {
  if (f.name.trim() === '') throw invalid('/name', 'must not be empty');
  if (f.periodEnd < f.periodStart) throw invalid('/periodEnd', 'must not be before periodStart');
  if (dayStart(f.periodEnd).getTime() - dayStart(f.periodStart).getTime() > 5 * 366 * dayMs)
    throw invalid('/periodEnd', 'a goal may span at most five years');
  if (f.funnel !== null && !(await funnelExists(db, workspaceId, f.funnel)))
    throw invalid('/funnel', 'is not a funnel of this workspace');
}

export { listGoals };

export async function getGoal(db: Executor, workspaceId: string, id: string): Promise<Goal> {
  const goal = await findGoal(db, workspaceId, id);
  if (!goal) throw notFound('goal');
  return goal;
}

export async function createGoal(
  db: Db,
  input: { viewer: Viewer; fields: GoalFields; now: Date },
): Promise<Goal> {
  const ws = input.viewer.workspaceId;
  return db.transaction().execute(async (trx) => {
    await checkFields(trx, ws, input.fields);
    const id = await insertGoal(trx, {
      workspaceId: ws,
      fields: input.fields,
      createdBy: input.viewer.userId,
      now: input.now,
    });
    return (await findGoal(trx, ws, id))!;
  });
}

/** Changes some fields of a goal; the others keep their values. */
export async function editGoal(
  db: Db,
  input: { workspaceId: string; id: string; changes: Partial<GoalFields>; now: Date },
): Promise<Goal> {
  return db.transaction().execute(async (trx) => {
    const current = await findGoal(trx, input.workspaceId, input.id);
    if (!current) throw notFound('goal');
    const fields: GoalFields = {
      name: input.changes.name ?? current.name,
      periodStart: input.changes.periodStart ?? current.periodStart,
      periodEnd: input.changes.periodEnd ?? current.periodEnd,
      targetCents: input.changes.targetCents ?? current.targetCents,
      currency: input.changes.currency ?? current.currency,
      funnel: input.changes.funnel !== undefined ? input.changes.funnel : current.funnel,
    };
    await checkFields(trx, input.workspaceId, fields);
    await updateGoal(trx, { workspaceId: input.workspaceId, id: input.id, fields, now: input.now });
    return (await findGoal(trx, input.workspaceId, input.id))!;
  });
}

export async function removeGoal(db: Db, input: { workspaceId: string; id: string }): Promise<void> {
  if (!(await deleteGoal(db, input.workspaceId, input.id))) throw notFound('goal');
}

/** Progress on one number: what was done, what the goal needs, and what it needs by now. */
export interface Pace {
  actual: number;
  /** null when the reverse funnel could not compute it (an unmeasured rate or deal size). */
  required: number | null;
  /** required × the elapsed share of the period. */
  expectedByNow: number | null;
  onTrack: boolean | null;
}

export interface GoalPlan {
  goal: Goal;
  asOf: Date;
  /** Rates and deal size were measured over [measuredFrom, period start). */
  measuredFrom: Date;
  measuredTo: Date;
  rates: StepRates;
  averageDealCents: number | null;
  wonDealsMeasured: number;
  reverseFunnel: ReverseFunnel;
  /** Share of the period elapsed at asOf, 0–1. */
  elapsedShare: number;
  revenue: {
    targetCents: number;
    wonCents: number;
    openWeightedCents: number;
    /** Won plus open weighted pipeline closing in the period. */
    projectedCents: number;
    gapCents: number;
    pace: Pace;
  };
  marketing: { leads: Pace; mqls: Pace; sourcedPipelineCents: Pace };
  sales: { sqls: Pace; opportunities: Pace; won: Pace; revenueCents: Pace };
  onTrack: boolean;
}

function pace(actual: number, required: number | null, elapsed: number): Pace {
  if (required === null) return { actual, required, expectedByNow: null, onTrack: null };
  const expectedByNow = required * elapsed;
  return { actual, required, expectedByNow, onTrack: actual + 1e-9 >= expectedByNow };
}

/**
 * What a goal takes and how it is going. The reverse funnel walks from the target to the won
 * deals, opportunities, SQLs, accepted leads, MQLs and leads it needs, with the conversion rates
 * and average won deal measured over the `lookbackDays` before the period. Progress counts what
 * happened in the period up to `now`: leads reaching each stage, deals won, open pipeline
 * weighted by probability, and marketing-sourced pipeline (deals created from a lead that was an
 * MQL); pace compares each with the required number × the elapsed share of the period. Only
 * records the viewer may see count.
 */
export async function goalPlan(
  db: Executor,
  viewer: Viewer,
  input: { id: string; lookbackDays: number; now: Date },
): Promise<GoalPlan> {
  const goal = await getGoal(db, viewer.workspaceId, input.id);
  const start = dayStart(goal.periodStart);
  const end = new Date(dayStart(goal.periodEnd).getTime() + dayMs);
  const measuredFrom = new Date(start.getTime() - input.lookbackDays * dayMs);
  const progressUntil = new Date(Math.max(start.getTime(), Math.min(end.getTime(), input.now.getTime())));
  const transitions = await loadTransitions(db, viewer, {
    funnel: goal.funnel,
    until: progressUntil,
    active: { since: measuredFrom },
  });
  const deals = await loadDeals(db, viewer, {
    currency: goal.currency,
    since: measuredFrom,
    funnel: goal.funnel,
  });
  const rates = stepRates(conversionRates(funnelCounts(transitions, { since: measuredFrom, until: start })));
  const closedIn = (from: Date, until: Date) =>
    deals.filter(
      (d) => d.status === 'won' && d.closedAt !== null && d.closedAt >= from && d.closedAt < until,
    );
  const measuredWins = closedIn(measuredFrom, start);
  const averageDeal = averageDealCents(measuredWins.map((d) => d.amountCents));
  const plan = reverseFunnel({ goalCents: goal.targetCents, averageDealCents: averageDeal, rates });

  const elapsedShare = Math.min(
    1,
    Math.max(0, (input.now.getTime() - start.getTime()) / (end.getTime() - start.getTime())),
  );
  const reached = funnelCounts(transitions, { since: start, until: progressUntil }).reached;
  const won = closedIn(start, progressUntil);
  const wonCents = won.reduce((s, d) => s + d.amountCents, 0);
  const open = deals.filter((d) => d.status === 'open');
  const openWeightedCents = weightedPipeline(open, {
    from: goal.periodStart,
    to: goal.periodEnd,
  }).weightedCents;
  const sourcedCents = deals
    .filter((d) => d.marketingSourced && d.createdAt >= start && d.createdAt < progressUntil)
    .reduce((s, d) => s + d.amountCents, 0);
  const need = (stage: MainStage) => plan.required[stage];
  const requiredPipeline =
    need('opportunity') === null || averageDeal === null
      ? null
      : Math.round(need('opportunity')! * averageDeal);
  const revenuePace = pace(wonCents, goal.targetCents, elapsedShare);
  return {
    goal,
    asOf: input.now,
    measuredFrom,
    measuredTo: start,
    rates,
    averageDealCents: averageDeal,
    wonDealsMeasured: measuredWins.length,
    reverseFunnel: plan,
    elapsedShare,
    revenue: {
      targetCents: goal.targetCents,
      wonCents,
      openWeightedCents,
      projectedCents: wonCents + openWeightedCents,
      gapCents: Math.max(0, goal.targetCents - wonCents),
      pace: revenuePace,
    },
    marketing: {
      leads: pace(reached.lead, need('lead'), elapsedShare),
      mqls: pace(reached.mql, need('mql'), elapsedShare),
      sourcedPipelineCents: pace(sourcedCents, requiredPipeline, elapsedShare),
    },
    sales: {
      sqls: pace(reached.sql, need('sql'), elapsedShare),
      opportunities: pace(reached.opportunity, need('opportunity'), elapsedShare),
      won: pace(won.length, need('won'), elapsedShare),
      revenueCents: revenuePace,
    },
    onTrack: revenuePace.onTrack ?? false,
  };
}
