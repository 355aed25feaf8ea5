import type {
  BacktestRequest,
  BacktestResult,
  BacktestRun,
  LeadContract,
  OutcomeStage,
} from '@tandem/contracts';
import { type ContractSource, readContract } from '../../core/contract/read-source.js';
import { contractEditorRoles } from '../../core/contract/sign-off.js';
import type { CompiledContract } from '../../core/scoring/index.js';
import { compileContract } from '../../core/scoring/index.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../id.js';
import {
  failStaleBacktests,
  findBacktestRun,
  insertBacktestRun,
  updateBacktestRun,
} from '../../store/contract-analysis.repo.js';
import type { Db } from '../../store/db.js';
import type { Executor } from '../../store/executor.js';
import { findContractByVersion, findContractInForce } from '../../store/lead-contract.repo.js';
import type { BacktestRunRow } from '../../store/schema.js';
import { compiledContract } from '../scoring/compiled-contracts.js';
import type { Viewer } from '../viewer.js';
import { computeBacktest } from './compute-backtest.js';

/** Who may run backtests and signal lift: whoever may edit the contract (sales managers included). */
export const analysisRoles = contractEditorRoles;
export const defaultOutcome: OutcomeStage = 'sql';
export const defaultWithinDays = 90;
/** A run that has not reported for this long lost its process (restart, crash). */
export const backtestStaleMs = 2 * 60_000;
const maxWindowDays = 3 * 366;

export function mayAnalyse(viewer: Viewer): void {
  if (!analysisRoles.includes(viewer.role)) {
    throw new AppError('forbidden', `backtests and signal lift are run by: ${analysisRoles.join(', ')}`);
  }
}

/** A window of history, checked: `from` before `to`, at most about three years. */
export function checkWindow(from: string | Date, to: string | Date): { from: Date; to: Date } {
  const f = new Date(from);
  const t = new Date(to);
  if (Number.isNaN(f.getTime()))
    throw new AppError('validation_failed', 'must be a date-time', { field: '/from' });
  if (Number.isNaN(t.getTime()))
    throw new AppError('validation_failed', 'must be a date-time', { field: '/to' });
  if (t.getTime() <= f.getTime())
    throw new AppError('validation_failed', 'must be after from', { field: '/to' });
  if (t.getTime() - f.getTime() > maxWindowDays * 86_400_000) {
    throw new AppError('validation_failed', `a window spans at most ${maxWindowDays} days`, { field: '/to' });
  }
  return { from: f, to: t };
}

export interface Candidate {
  compiled: CompiledContract;
  version: number | null;
}

/** The contract a backtest runs: a stored version (draft included) or an unsaved document. */
export async function resolveCandidate(
  db: Executor,
  workspaceId: string,
  request: Pick<BacktestRequest, 'version' | 'yaml' | 'document'>,
): Promise<Candidate> {
  const given = [request.version, request.yaml, request.document].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new AppError('validation_failed', 'send exactly one of version, yaml or document', {
      field: '/version',
    });
  }
  if (request.version !== undefined) {
    const row = await findContractByVersion(db, workspaceId, request.version);
    if (!row)
      throw new AppError('not_found', `lead contract version ${request.version} not found`, {
        field: '/version',
      });
    // A draft can still change under the same row: compile it afresh (signed ones are cached).
    const compiled =
      row.status === 'draft' ? compileContract(row.document as LeadContract) : compiledContract(row).compiled;
    return { compiled, version: row.version };
  }
  const source: ContractSource =
    request.yaml !== undefined
      ? { format: 'yaml', text: request.yaml }
      : { format: 'json', document: request.document };
  const read = readContract(source);
  if (!read.ok) {
    const first = read.errors[0]!;
    throw new AppError('validation_failed', first.detail, { field: first.field, errors: read.errors });
  }
  return { compiled: compileContract(read.contract), version: null };
}

export function toBacktestRun(row: BacktestRunRow): BacktestRun {
  return {
    id: row.id,
    status: row.status,
    progress: { done: row.done, total: row.total },
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    error: row.error,
    result: (row.result as BacktestResult | null) ?? null,
  };
}

/**
 * Checks and records a backtest, and returns its run (queued) with the work to do: the caller
 * runs `execute` in the background (in this process) and polls the run. The work updates the
 * run's progress per chunk, then stores the result or the failure; `clock` stamps each report.
 */
export async function startBacktest(
  db: Db,
  input: { viewer: Viewer; request: BacktestRequest; now: Date; clock: () => Date },
): Promise<{ run: BacktestRun; execute: () => Promise<void> }> {
  mayAnalyse(input.viewer);
  const workspaceId = input.viewer.workspaceId;
  const window = checkWindow(input.request.from, input.request.to);
  const candidate = await resolveCandidate(db, workspaceId, input.request);
  const activeRow = await findContractInForce(db, workspaceId, input.now);
  const active = activeRow ? compiledContract(activeRow) : null;
  const outcome = input.request.outcome ?? defaultOutcome;
  const withinDays = input.request.withinDays ?? defaultWithinDays;
  const row = await insertBacktestRun(db, {
    workspaceId,
    id: newId(input.now.getTime()),
    request: { ...input.request, outcome, withinDays },
    createdBy: input.viewer.userId,
    now: input.now,
  });
  const execute = async () => {
    try {
      await updateBacktestRun(db, workspaceId, row.id, { status: 'running', heartbeatAt: input.clock() });
      const computed = await computeBacktest(db, {
        workspaceId,
        candidate,
        active: active ? { compiled: active.compiled, version: active.version } : null,
        ...window,
        outcome,
        withinDays,
        onProgress: (done, total) =>
          updateBacktestRun(db, workspaceId, row.id, { done, total, heartbeatAt: input.clock() }),
      });
      const total = computed.dataset.leadCount;
      await updateBacktestRun(db, workspaceId, row.id, {
        status: 'done',
        done: total,
        total,
        result: computed.result,
        heartbeatAt: input.clock(),
        finishedAt: input.clock(),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await updateBacktestRun(db, workspaceId, row.id, {
        status: 'failed',
        error: message.slice(0, 500),
        heartbeatAt: input.clock(),
        finishedAt: input.clock(),
      }).catch(() => undefined);
    }
  };
  return { run: toBacktestRun(row), execute };
}

/** One run, as its creator's workspace sees it; a run whose process went away reads as failed. */
export async function backtestRun(
  db: Db,
  input: { workspaceId: string; id: string; now: Date },
): Promise<BacktestRun> {
  await failStaleBacktests(db, {
    staleBefore: new Date(input.now.getTime() - backtestStaleMs),
    now: input.now,
  });
  const row = await findBacktestRun(db, input.workspaceId, input.id);
  if (!row) throw notFound('backtest');
  return toBacktestRun(row);
}
