import type { Config } from '../config.js';
import type { Executor } from '../store/executor.js';
import { scheduleTimer } from '../store/timer.repo.js';
import type { JobDefinition } from './catalog.js';

export const expiredSessionsKind = 'sweep.expired_sessions';
const dayMs = 24 * 3_600_000;

/** One sweep per workspace per UTC day: the key makes re-scheduling on every start harmless. */
const sweepKey = (dueAt: Date): string => `${expiredSessionsKind}:${dueAt.toISOString().slice(0, 10)}`;

export type SessionSweepConfig = Pick<Config, 'sessionIdleMinutes' | 'sessionMaxHours'>;

/**
 * Makes sure every workspace has today's sweep (due at once when none ran today). Called at
 * start-up and by each sweep, so a workspace created since is picked up within a day.
 */
export async function ensureSessionSweeps(db: Executor, now: Date): Promise<number> {
  const workspaces = await db.selectFrom('workspace').select('id').execute();
  let created = 0;
  for (const { id } of workspaces) {
    const outcome = await scheduleTimer(db, {
      workspaceId: id,
      kind: expiredSessionsKind,
      dueAt: now,
      now,
      dedupeKey: sweepKey(now),
    });
    if (outcome.created) created++;
  }
  return created;
}

/**
 * Deletes a workspace's sessions that can no longer be used (idle too long or past their
 * absolute end, as core/auth/session-expiry decides per request), then schedules the next
 * sweep a day later. Idempotent: a second run deletes nothing more and the next sweep is
 * deduplicated.
 */
export function expiredSessionsJob(config: SessionSweepConfig): JobDefinition {
  return {
    kind: expiredSessionsKind,
    async handle({ db, now, timer, log }) {
      const idleSince = new Date(now.getTime() - config.sessionIdleMinutes * 60_000);
      const loginSince = new Date(now.getTime() - config.sessionMaxHours * 3_600_000);
      const deleted = await db
        .deleteFrom('session')
        .where('workspace_id', '=', timer.workspace_id)
        .where((eb) =>
          eb.or([
            eb('expires_at', '<=', now),
            eb('created_at', '<=', loginSince),
            eb('last_seen_at', '<=', idleSince),
          ]),
        )
        .executeTakeFirst();
      const next = new Date(now.getTime() + dayMs);
      await scheduleTimer(db, {
        workspaceId: timer.workspace_id,
        kind: expiredSessionsKind,
        dueAt: next,
        now,
        dedupeKey: sweepKey(next),
      });
      await ensureSessionSweeps(db, now);
      log.info(
        { workspaceId: timer.workspace_id, deleted: Number(deleted.numDeletedRows) },
        'expired sessions swept',
      );
    },
  };
}
