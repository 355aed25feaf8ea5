import type { RescoringRun } from '@tandem/contracts';
import { newId } from '../id.js';
import {
  countOpenLeads,
  insertRescoringRun,
  latestRescoringRun,
  lockRescoringRun,
  nextOpenLeadIds,
  signedVersionsAhead,
  supersedeRescoringRuns,
  updateRescoringRun,
} from '../store/contract-analysis.repo.js';
import type { Executor } from '../store/executor.js';
import { findContractInForce } from '../store/lead-contract.repo.js';
import { closedStages, lockScoringLeads } from '../store/lead-score.repo.js';
import type { LeadContractRow, RescoringRunRow } from '../store/schema.js';
import { scheduleTimer } from '../store/timer.repo.js';
import { defaultFunnel, scoreLeads } from './live-scoring.js';
import { compiledContract } from './scoring/compiled-contracts.js';

/** Timer kinds of background rescoring (handlers in jobs/rescore-leads.job.ts). */
export const rescoreChunkKind = 'contract.rescore_chunk';
export const contractActivationKind = 'contract.activate';

/** Leads per chunk: each chunk is one short transaction, so ingestion waits at most that long. */
export const rescoreChunkSize = 500;

/**
 * Starts rescoring every open lead under `version`, which has just come into force: a run row
 * (its total and a keyset cursor) and the timer of its first chunk, in the caller's
 * transaction. An unfinished run of an older version ends here; this one covers every lead.
 */
export async function startRescoring(
  trx: Executor,
  input: { workspaceId: string; version: number; now: Date },
): Promise<RescoringRunRow> {
  await supersedeRescoringRuns(trx, input.workspaceId, input.version, input.now);
  const total = await countOpenLeads(trx, input.workspaceId, { funnel: defaultFunnel, until: input.now });
  const run = await insertRescoringRun(trx, {
    workspaceId: input.workspaceId,
    id: newId(input.now.getTime()),
    version: input.version,
    total,
    now: input.now,
  });
  await scheduleChunk(trx, run, input.now);
  return run;
}

async function scheduleChunk(trx: Executor, run: RescoringRunRow, now: Date): Promise<void> {
  await scheduleTimer(trx, {
    workspaceId: run.workspace_id,
    kind: rescoreChunkKind,
    dueAt: now,
    now,
    subjectType: 'rescoring_run',
    subjectId: run.id,
    payload: { runId: run.id },
    // One timer per chunk: a repeated run of the same chunk schedules the next one once.
    dedupeKey: `${rescoreChunkKind}:${run.id}:${run.cursor ?? 'start'}`,
  });
}

export interface ChunkOutcome {
  rescored: number;
  newMqls: number;
  finished: boolean;
}

/**
 * Rescores the next chunk of a run's leads (id order, after its cursor) in the caller's
 * transaction, advances the cursor and schedules the next chunk. Leads scored under another
 * version are replayed from their events; MQLs are recorded and handed off as live scoring does.
 * Idempotent: a run that is finished, or whose version is no longer in force, does nothing more.
 */
export async function rescoreChunk(
  trx: Executor,
  input: { workspaceId: string; runId: string; now: Date; chunkSize?: number },
): Promise<ChunkOutcome> {
  const none = { rescored: 0, newMqls: 0, finished: true };
  const run = await lockRescoringRun(trx, input.workspaceId, input.runId);
  if (!run || (run.status !== 'running' && run.status !== 'queued')) return none;
  const row = await findContractInForce(trx, input.workspaceId, input.now);
  if (!row || row.version !== run.version) {
    await updateRescoringRun(trx, run.workspace_id, run.id, {
      status: 'failed',
      error: `version ${run.version} is no longer in force`,
      finished_at: input.now,
    });
    return none;
  }
  const ids = await nextOpenLeadIds(trx, run.workspace_id, {
    funnel: defaultFunnel,
    until: run.created_at,
    after: run.cursor,
    limit: input.chunkSize ?? rescoreChunkSize,
  });
  if (ids.length === 0) {
    await updateRescoringRun(trx, run.workspace_id, run.id, {
      status: 'done',
      done: run.total,
      finished_at: input.now,
    });
    return none;
  }
  const { leads, result } = await scoreOpenLeads(trx, run.workspace_id, row, ids, input.now, true);
  const next = { ...run, cursor: ids.at(-1)!, done: run.done + ids.length };
  await updateRescoringRun(trx, run.workspace_id, run.id, {
    status: 'running',
    cursor: next.cursor,
    // Leads closed or created meanwhile can make the count drift; progress never passes the total.
    done: Math.min(next.done, run.total),
    new_mqls: run.new_mqls + result.qualified.length,
  });
  await scheduleChunk(trx, next, input.now);
  return { rescored: leads.length, newMqls: result.qualified.length, finished: false };
}

const closed: ReadonlySet<string> = new Set(closedStages);

/** Scores the open leads among `ids` from their stored events under `row`. */
async function scoreOpenLeads(
  trx: Executor,
  workspaceId: string,
  row: LeadContractRow,
  ids: readonly string[],
  now: Date,
  qualify: boolean,
) {
  const leads = (await lockScoringLeads(trx, workspaceId, { funnel: defaultFunnel, leadIds: ids })).filter(
    (lead) => !closed.has(lead.stage),
  );
  const result = await scoreLeads(trx, workspaceId, {
    contract: compiledContract(row),
    leads,
    newEvents: new Map(),
    replayContacts: new Set(),
    now,
    qualify,
  });
  return { leads, result };
}

/**
 * Scores every open lead of a workspace whose history was loaded in bulk (the demo), in the
 * caller's transaction, without moving any lead: stages stay as loaded, and the lead's next
 * event continues from the stored state. Returns how many leads were scored.
 */
export async function scoreLoadedLeads(
  trx: Executor,
  input: { workspaceId: string; now: Date; chunkSize?: number },
): Promise<number> {
  const row = await findContractInForce(trx, input.workspaceId, input.now);
  if (!row) return 0;
  let after: string | null = null;
  let scored = 0;
  for (;;) {
    const ids = await nextOpenLeadIds(trx, input.workspaceId, {
      funnel: defaultFunnel,
      until: input.now,
      after,
      limit: input.chunkSize ?? rescoreChunkSize,
    });
    if (ids.length === 0) return scored;
    scored += (await scoreOpenLeads(trx, input.workspaceId, row, ids, input.now, false)).leads.length;
    after = ids.at(-1)!;
  }
}

/**
 * After contract statuses were settled: rescoring for each version that has just come into
 * force, and an activation timer for each signed version whose effective time is still ahead
 * (so its rescoring starts on time even if nobody looks at the contract then).
 */
export async function onContractsSettled(
  trx: Executor,
  input: { workspaceId: string; activated: readonly LeadContractRow[]; now: Date },
): Promise<void> {
  for (const row of input.activated) {
    await startRescoring(trx, { workspaceId: input.workspaceId, version: row.version, now: input.now });
  }
  for (const row of await signedVersionsAhead(trx, input.workspaceId, input.now)) {
    await scheduleTimer(trx, {
      workspaceId: input.workspaceId,
      kind: contractActivationKind,
      dueAt: row.effective_at,
      now: input.now,
      subjectType: 'lead_contract',
      subjectId: row.id,
      payload: { version: row.version },
      dedupeKey: `${contractActivationKind}:${row.id}`,
    });
  }
}

/** The latest rescoring run as the API shows it, or null when none ever ran. */
export async function latestRescoring(db: Executor, workspaceId: string): Promise<RescoringRun | null> {
  const run = await latestRescoringRun(db, workspaceId);
  if (!run) return null;
  return {
    version: run.version,
    status: run.status,
    progress: { done: run.done, total: run.total },
    startedAt: run.started_at?.toISOString() ?? null,
    finishedAt: run.finished_at?.toISOString() ?? null,
    newMqls: run.new_mqls,
  };
}
