import { buildTouchpoints } from '../app/touchpoints.js';
import type { Executor } from '../store/executor.js';
import { scheduleTimer } from '../store/timer.repo.js';
import type { JobDefinition } from './catalog.js';

export const touchpointsKind = 'touchpoints.build';
const everyMs = 60_000;

/** One build per workspace per minute; the key makes scheduling twice harmless. */
const buildKey = (dueAt: Date) => `${touchpointsKind}:${dueAt.toISOString().slice(0, 16)}`;

/** Makes sure every workspace has a pending build (called at start and by each build). */
export async function ensureTouchpointBuilds(db: Executor, now: Date): Promise<number> {
  const workspaces = await db.selectFrom('workspace').select('id').execute();
  let created = 0;
  for (const { id } of workspaces) {
    const pending = await db
      .selectFrom('timer')
      .select('id')
      .where('workspace_id', '=', id)
      .where('kind', '=', touchpointsKind)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirst();
    if (pending) continue;
    const outcome = await scheduleTimer(db, {
      workspaceId: id,
      kind: touchpointsKind,
      dueAt: now,
      now,
      dedupeKey: buildKey(now),
    });
    if (outcome.created) created++;
  }
  return created;
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
