import { type InternalTrack, recordInternalEvents } from '../app/internal-events.js';
import { advanceStep } from '../app/nurture/advance.js';
import { exitQualifiedLeads } from '../app/nurture/exits.js';
import { nurtureStepKind, nurtureSweepKind, nurtureTrackKind } from '../app/nurture/kinds.js';
import { ensureSweep, sweepKey, sweepWorkspace } from '../app/nurture/sweep.js';
import type { Executor } from '../store/executor.js';
import { scheduleTimer } from '../store/timer.repo.js';
import type { JobDefinition } from './catalog.js';

/** How often each workspace is swept for new enrollments and MQL exits. */
export const nurtureSweepEveryMs = 5 * 60_000;

/** Makes sure every workspace has a pending sweep (called at start; activation does it too). */
export async function ensureNurtureSweeps(db: Executor, now: Date): Promise<number> {
  const workspaces = await db.selectFrom('workspace').select('id').execute();
  let created = 0;
  for (const { id } of workspaces) if (await ensureSweep(db, id, now)) created++;
  return created;
}

/** Advances one enrollment (app/nurture/advance.ts); a stale timer (older advance) does nothing. */
export function nurtureStepJob(config: { publicUrl: string }): JobDefinition {
  return {
    kind: nurtureStepKind,
    async handle({ db, now, timer, log }) {
      const outcome = await advanceStep(db, {
        workspaceId: timer.workspace_id,
        enrollmentId: String(timer.subject_id),
        seq: Number(timer.payload.seq ?? 0),
        now,
        publicUrl: config.publicUrl,
      });
      if (outcome.kind === 'exited')
        log.info({ enrollmentId: timer.subject_id, reason: outcome.reason }, 'nurture enrollment exited');
    },
  };
}

/**
 * Sweeps a workspace (app/nurture/sweep.ts) and schedules the next sweep: at once while a page
 * came back full, else in five minutes.
 */
export const nurtureSweepJob: JobDefinition = {
  kind: nurtureSweepKind,
  async handle({ db, now, timer, log }) {
    const cursors = (timer.payload.cursors ?? {}) as Record<string, string>;
    const result = await sweepWorkspace(db, { workspaceId: timer.workspace_id, now, cursors });
    const next = result.more ? now : new Date(now.getTime() + nurtureSweepEveryMs);
    await scheduleTimer(db, {
      workspaceId: timer.workspace_id,
      kind: nurtureSweepKind,
      dueAt: next,
      now,
      payload: result.more ? { cursors: result.cursors } : {},
      dedupeKey: result.more ? `${nurtureSweepKind}:${timer.id}:more` : sweepKey(next),
    });
    if (result.enrolled > 0 || result.exited > 0)
      log.info(
        { workspaceId: timer.workspace_id, enrolled: result.enrolled, exited: result.exited },
        'nurture sweep',
      );
  },
};

const trackOf = (payload: Record<string, unknown>): InternalTrack => {
  const track = payload.track as Omit<InternalTrack, 'occurredAt'> & { occurredAt: string };
  return { ...track, occurredAt: new Date(track.occurredAt) };
};

/**
 * Stores an email engagement event through the ingestion path (its own transaction: the
 * effect), which scores Interest live and may hand the lead to sales as an MQL; the handler
 * then ends the enrollments of a lead that qualified. Stable message ids make a repeat harmless.
 */
export function nurtureTrackJob(config: { freemailDomains: readonly string[] }): JobDefinition {
  const freemailDomains = new Set(config.freemailDomains);
  return {
    kind: nurtureTrackKind,
    async effect({ db, now, timer }) {
      // Several workers may record at once on PostgreSQL: identity work takes the workspace lock.
      const options = { freemailDomains, clock: () => now, concurrentWriters: true };
      await recordInternalEvents(db, options, timer.workspace_id, [trackOf(timer.payload)]);
      return null;
    },
    async handle({ db, now, timer }) {
      const enrollmentId = String(
        (timer.payload.track as { properties?: { enrollmentId?: string } }).properties?.enrollmentId ?? '',
      );
      if (!enrollmentId) return;
      const enrollment = await db
        .selectFrom('nurture_enrollment')
        .select('lead_id')
        .where('workspace_id', '=', timer.workspace_id)
        .where('id', '=', enrollmentId)
        .executeTakeFirst();
      if (enrollment)
        await exitQualifiedLeads(db, { workspaceId: timer.workspace_id, leadIds: [enrollment.lead_id], now });
    },
  };
}
