import { readFile } from 'node:fs/promises';
import { type BacktestResult, type OutcomeStage, outcomeStages } from '@tandem/contracts';
import { Presets, SingleBar } from 'cli-progress';
import { computeBacktest } from '../app/backtest/compute-backtest.js';
import {
  checkWindow,
  defaultOutcome,
  defaultWithinDays,
  resolveCandidate,
} from '../app/backtest/run-backtest.js';
import { compiledContract } from '../app/scoring/compiled-contracts.js';
import { AppError, invalid } from '../errors.js';
import { findContractInForce } from '../store/lead-contract.repo.js';
import type { CliContext } from './context.js';
import { resolveWorkspace } from './resolve-workspace.js';

export interface ContractBacktestOptions {
  from: string;
  to: string;
  outcome?: string | undefined;
  withinDays?: string | undefined;
  workspace?: string | undefined;
}

/**
 * `tandem contract backtest FILE --from <date> --to <date> [--outcome sql] [--within-days 90]`:
 * replays the contract in FILE (YAML or JSON) over the window and compares it with the active
 * version, with a progress bar on a terminal.
 * @example tandem contract backtest contract.yaml --from 2026-01-01 --to 2026-04-01 --outcome opportunity
 */
export async function contractBacktestCommand(
  ctx: CliContext,
  file: string,
  options: ContractBacktestOptions,
): Promise<BacktestResult> {
  const outcome = (options.outcome ?? defaultOutcome) as OutcomeStage;
  if (!outcomeStages.includes(outcome))
    throw invalid('outcome', `must be one of ${outcomeStages.join(', ')}`);
  const withinDays = options.withinDays === undefined ? defaultWithinDays : Number(options.withinDays);
  if (!Number.isInteger(withinDays) || withinDays < 1 || withinDays > 730) {
    throw invalid('within-days', 'must be a whole number of days from 1 to 730');
  }
  const window = checkWindow(options.from, options.to);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new AppError('not_found', `cannot read ${file}`, { field: 'FILE' });
  }
  const source = /\.json$/i.test(file) ? { document: parseJson(text) } : { yaml: text };
  return ctx.withDb('tandem contract backtest', async (db) => {
    const workspace = await resolveWorkspace(db, options.workspace);
    const candidate = await resolveCandidate(db, workspace.id, source);
    const activeRow = await findContractInForce(db, workspace.id, ctx.clock());
    const bar = ctx.io.stderr.isTTY
      ? new SingleBar(
          {
            stream: ctx.io.stderr,
            format: 'backtest [{bar}] {percentage}% | {value}/{total} leads',
            hideCursor: true,
          },
          Presets.shades_classic,
        )
      : null;
    let started = false;
    try {
      const { result } = await computeBacktest(db, {
        workspaceId: workspace.id,
        candidate,
        active: activeRow ? compiledContract(activeRow) : null,
        ...window,
        outcome,
        withinDays,
        onProgress: (done, total) => {
          if (!bar) return;
          if (!started) bar.start(total, 0);
          started = true;
          bar.setTotal(total);
          bar.update(done);
        },
      });
      return result;
    } finally {
      if (started) bar?.stop();
    }
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid('FILE', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const times = (value: number | null) => (value === null ? '—' : `${value.toFixed(2)}×`);

export function formatContractBacktest(r: BacktestResult): string {
  const version = r.candidateVersion === null ? 'the contract in the file' : `version ${r.candidateVersion}`;
  const lines = [
    `Backtest of ${version} from ${r.window.from} to ${r.window.to}`,
    `${r.leads} leads active in the window, ${r.events} events; base rate ${pct(r.baseRate)} reached ${r.outcome.stage} (within ${r.outcome.withinDays} days)`,
    '',
    '              MQLs  converted  precision  recall  lift',
    row('candidate', r.candidate),
    ...(r.active ? [row(`active v${r.activeVersion}`, r.active)] : ['active        (no contract in force)']),
    '',
    `Flips against the active version: ${r.flips.gainedCount} would become MQLs, ${r.flips.lostCount} would not.`,
  ];
  if (r.mqlsPerRep.length > 0) {
    lines.push(
      '',
      'MQLs per rep:',
      ...r.mqlsPerRep.slice(0, 10).map((p) => `  ${p.repName.padEnd(24)} ${p.count}`),
    );
  }
  lines.push('', 'Fit grades:', `  ${r.fitGrades.map((g) => `${g.grade} ${g.count}`).join('  ')}`);
  return lines.join('\n');

  function row(label: string, c: NonNullable<BacktestResult['active']>): string {
    return [
      label.padEnd(12),
      String(c.mqls).padStart(6),
      String(c.truePositives).padStart(10),
      pct(c.precision).padStart(10),
      pct(c.recall).padStart(7),
      times(c.lift).padStart(6),
    ].join(' ');
  }
}
