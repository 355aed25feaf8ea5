import type { BacktestResult, FlippedLead, OutcomeStage } from '@tandem/contracts';
import { fitStructureKey, interestStructureKey, scoreFitColumns } from '../../core/backtest/fit-columns.js';
import { type ContractReplay, summarizeBacktest } from '../../core/backtest/summarize-backtest.js';
import { type CompiledContract, scoreColumnar } from '../../core/scoring/index.js';
import { leadsWithContacts } from '../../store/analysis-data.repo.js';
import type { Executor } from '../../store/executor.js';
import { userNames } from '../../store/lead-contract.repo.js';
import { type BacktestDataset, loadDataset } from './dataset.js';

export interface BacktestSpec {
  workspaceId: string;
  candidate: { compiled: CompiledContract; version: number | null };
  active: { compiled: CompiledContract; version: number } | null;
  from: Date;
  to: Date;
  outcome: OutcomeStage;
  withinDays: number;
  onProgress?: (done: number, total: number) => Promise<void> | void;
  /** Time source for elapsedMs (performance.now by default). */
  timer?: () => number;
}

export interface ComputedBacktest {
  result: BacktestResult;
  dataset: BacktestDataset;
  cached: boolean;
  candidate: ContractReplay;
  active: ContractReplay | null;
}

/** Replays a contract over the dataset's encoded columns: MQL times, interest at `to`, grades. */
export function replayContract(
  dataset: BacktestDataset,
  compiled: CompiledContract,
  to: number,
): ContractReplay {
  const columns = dataset.interest.get(interestStructureKey(compiled.contract))!;
  const fit = scoreFitColumns(compiled, dataset.fit.get(fitStructureKey(compiled.contract))!);
  const scores = scoreColumnar(compiled, columns, dataset.leadCount, to, { gate: fit.gate });
  return { mqlAt: scores.mqlAt!, interest: scores.interest, grade: fit.grade };
}

/** When each lead first reached `outcome` or a later stage (NaN when never). */
export function outcomeTimes(dataset: BacktestDataset, outcome: OutcomeStage): Float64Array {
  const stages = {
    sql: ['sql', 'opportunity', 'won'],
    opportunity: ['opportunity', 'won'],
    won: ['won'],
  } as const;
  const out = new Float64Array(dataset.leadCount).fill(Number.NaN);
  for (const stage of stages[outcome]) {
    const at = dataset.stageAt[stage];
    for (let l = 0; l < dataset.leadCount; l++) {
      const t = at[l]!;
      if (!Number.isNaN(t) && !(out[l]! <= t)) out[l] = t;
    }
  }
  return out;
}

/**
 * The backtest: the candidate and the active version replayed over the same window of history
 * (columnar, from a cached encoding when the data and the rules' match structure are unchanged),
 * measured against the outcomes that really happened.
 */
export async function computeBacktest(db: Executor, spec: BacktestSpec): Promise<ComputedBacktest> {
  const clock = spec.timer ?? (() => performance.now());
  const started = clock();
  const { dataset, cached } = await loadDataset(db, {
    workspaceId: spec.workspaceId,
    from: spec.from,
    to: spec.to,
    contracts: [spec.candidate.compiled, ...(spec.active ? [spec.active.compiled] : [])],
    ...(spec.onProgress ? { onProgress: spec.onProgress } : {}),
  });
  const to = spec.to.getTime();
  const candidate = replayContract(dataset, spec.candidate.compiled, to);
  const active = spec.active ? replayContract(dataset, spec.active.compiled, to) : null;
  const names = await userNames(db, spec.workspaceId, dataset.repIds);
  const summary = summarizeBacktest({
    from: spec.from.getTime(),
    to,
    outcome: { stage: spec.outcome, withinDays: spec.withinDays },
    leadCount: dataset.leadCount,
    inWindow: dataset.inWindow,
    outcomeAt: outcomeTimes(dataset, spec.outcome),
    rep: dataset.rep,
    reps: dataset.repIds.map((id) => ({ id, name: names.get(id)?.name ?? 'unknown user' })),
    candidate,
    active,
    interestCap: spec.candidate.compiled.totalCap,
    events: dataset.eventsInWindow,
  });
  const outcomeAt = outcomeTimes(dataset, spec.outcome);
  const within = spec.withinDays * 86_400_000;
  const flipped = [...summary.flips.gained, ...summary.flips.lost];
  const rows = new Map(
    (
      await leadsWithContacts(
        db,
        spec.workspaceId,
        flipped.map((l) => dataset.leadIds[l]!),
      )
    ).map((r) => [r.id, r]),
  );
  const gradeNames = ['A', 'B', 'C', 'D'];
  const describe = (l: number, replay: ContractReplay): FlippedLead => {
    const row = rows.get(dataset.leadIds[l]!);
    const name = [row?.first_name, row?.last_name].filter(Boolean).join(' ');
    const mqlAt = replay.mqlAt[l]!;
    const o = outcomeAt[l]!;
    return {
      leadId: dataset.leadIds[l]!,
      contactId: row?.contact_id ?? '',
      name: name || null,
      email: row?.email ?? null,
      fitGrade: gradeNames[candidate.grade[l]!] ?? null,
      interest: Math.round(candidate.interest[l]! * 100) / 100,
      converted: o >= mqlAt && o <= mqlAt + within,
    };
  };
  const result: BacktestResult = {
    ...summary,
    candidateVersion: spec.candidate.version,
    activeVersion: spec.active?.version ?? null,
    flips: {
      gainedCount: summary.flips.gainedCount,
      lostCount: summary.flips.lostCount,
      gained: summary.flips.gained.map((l) => describe(l, candidate)),
      lost: active ? summary.flips.lost.map((l) => describe(l, active)) : [],
    },
    elapsedMs: Math.max(0, Math.round(clock() - started)),
  };
  return { result, dataset, cached, candidate, active };
}
