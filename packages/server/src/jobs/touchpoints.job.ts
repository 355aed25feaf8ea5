import { buildTouchpoints } from '../app/touchpoints.js';
import type { Executor } from '../store/executor.js';
import { scheduleTimer } from '../store/timer.repo.js';
import type { JobDefinition } from './catalog.js';
import { ensureEveryWorkspace } from './recurring.js';

export const touchpointsKind = 'touchpoints.build';
const everyMs = 60_000;

/** One build per workspace per minute; the key makes scheduling twice harmless. */
const buildKey = (dueAt: Date) => `${touchpointsKind}:${dueAt.toISOString().slice(0, 16)}`;

/** Makes sure every workspace has a pending build (called at start and every minute). */
export function ensureTouchpointBuilds(db: Executor, now: Date): Promise<number> {
  return ensureEveryWorkspace(db, touchpointsKind, async (workspaceId) => {
    const outcome = await scheduleTimer(db, {
      workspaceId,
      kind: touchpointsKind,
      dueAt: now,
      now,
      dedupeKey: buildKey(now),
    });
    return outcome.created;
  });
}

/**
 * Builds a workspace's touchpoints from new events and activities (app/touchpoints.ts), then
 * schedules the next build: at once while there is a backlog, else a minute later. The cursor
 * moves in the job's transaction, so a crashed run is simply repeated.
 */
export const touchpointsJob: JobDefinition = {
  kind: touchpointsKind,
  async handle({ db, now, timer, log }) {
    const result = await buildTouchpoints(db, { workspaceId: timer.workspace_id, now });
    const next = result.more ? now : new Date(now.getTime() + everyMs);
    await scheduleTimer(db, {
      workspaceId: timer.workspace_id,
      kind: touchpointsKind,
      dueAt: next,
      now,
      dedupeKey: result.more ? `${touchpointsKind}:${now.toISOString()}` : buildKey(next),
    });
    if (result.inserted > 0 || result.linked > 0) {
      log.info({ workspaceId: timer.workspace_id, ...result }, 'touchpoints built');
    }
  },
};
