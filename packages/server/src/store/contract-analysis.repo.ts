import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { closedStages } from './lead-score.repo.js';
import type { BacktestRunRow, RescoringRunRow } from './schema.js';

/** Rescoring runs and backtest runs: the durable rows behind their progress. */

export async function insertRescoringRun(
  db: Executor,
  row: { workspaceId: string; id: string; version: number; total: number; now: Date },
): Promise<RescoringRunRow> {
  return db
    .insertInto('rescoring_run')
    .values({
      workspace_id: row.workspaceId,
      id: row.id,
      version: row.version,
      status: 'running',
      total: row.total,
      cursor: null,
      error: null,
      created_at: row.now,
      started_at: row.now,
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Ends the unfinished runs of other versions: the newer run rescores every lead anyway. */
export async function supersedeRescoringRuns(
  db: Executor,
  workspaceId: string,
  by: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('rescoring_run')
    .set({ status: 'failed', error: `superseded by version ${by}`, finished_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

export async function lockRescoringRun(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<RescoringRunRow | undefined> {
  return db
    .selectFrom('rescoring_run')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function latestRescoringRun(
  db: Executor,
  workspaceId: string,
): Promise<RescoringRunRow | undefined> {
  return db
    .selectFrom('rescoring_run')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function updateRescoringRun(
  db: Executor,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<RescoringRunRow, 'status' | 'done' | 'new_mqls' | 'cursor' | 'error' | 'finished_at'>>,
): Promise<void> {
  await db
    .updateTable('rescoring_run')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Open leads of `funnel` created up to `until`, counted (a run's total). */
export async function countOpenLeads(
  db: Executor,
  workspaceId: string,
  input: { funnel: string; until: Date },
): Promise<number> {
  const row = await db
    .selectFrom('lead')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('funnel', '=', input.funnel)
    .where('stage', 'not in', closedStages)
    .where('created_at', '<=', input.until)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next `limit` open leads after `after` in id order (keyset), created up to `until`. */
export async function nextOpenLeadIds(
  db: Executor,
  workspaceId: string,
  input: { funnel: string; until: Date; after: string | null; limit: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('lead')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('funnel', '=', input.funnel)
    .where('stage', 'not in', closedStages)
    .where('created_at', '<=', input.until)
    .$if(input.after !== null, (q) => q.where('id', '>', input.after!))
    .orderBy('id')
    .limit(input.limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Signed versions waiting for their effective time. */
export async function signedVersionsAhead(
  db: Executor,
  workspaceId: string,
  now: Date,
): Promise<Array<{ id: string; version: number; effective_at: Date }>> {
  const rows = await db
    .selectFrom('lead_contract')
    .select(['id', 'version', 'effective_at'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'approved')
    .where('effective_at', '>', now)
    .execute();
  return rows.flatMap((r) => (r.effective_at ? [{ ...r, effective_at: r.effective_at }] : []));
}

export async function insertBacktestRun(
  db: Executor,
  row: { workspaceId: string; id: string; request: unknown; createdBy: string | null; now: Date },
): Promise<BacktestRunRow> {
  return db
    .insertInto('backtest_run')
    .values({
      workspace_id: row.workspaceId,
      id: row.id,
      status: 'queued',
      request: JSON.stringify(row.request),
      result: null,
      error: null,
      created_by: row.createdBy,
      created_at: row.now,
      heartbeat_at: row.now,
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findBacktestRun(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<BacktestRunRow | undefined> {
  return db
    .selectFrom('backtest_run')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Progress, the result or the failure of a run still unfinished (a finished run never changes). */
export async function updateBacktestRun(
  db: Executor,
  workspaceId: string,
  id: string,
  patch: {
    status?: 'running' | 'done' | 'failed';
    total?: number;
    done?: number;
    result?: unknown;
    error?: string;
    heartbeatAt: Date;
    finishedAt?: Date;
  },
): Promise<void> {
  await db
    .updateTable('backtest_run')
    .set({
      heartbeat_at: patch.heartbeatAt,
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.total !== undefined ? { total: patch.total } : {}),
      ...(patch.done !== undefined ? { done: patch.done } : {}),
      ...(patch.result !== undefined ? { result: JSON.stringify(patch.result) } : {}),
      ...(patch.error !== undefined ? { error: patch.error } : {}),
      ...(patch.finishedAt ? { finished_at: patch.finishedAt } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/**
 * Marks failed the unfinished runs whose worker stopped reporting (a restart, a crash): their
 * in-process execution is gone. Returns how many.
 */
export async function failStaleBacktests(
  db: Executor,
  input: { staleBefore: Date; now: Date },
): Promise<number> {
  const rows = await db
    .updateTable('backtest_run')
    .set({ status: 'failed', error: 'interrupted: the server stopped while it ran', finished_at: input.now })
    .where('status', 'in', ['queued', 'running'])
    .where('heartbeat_at', '<', input.staleBefore)
    .returning('id')
    .execute();
  return rows.length;
}
