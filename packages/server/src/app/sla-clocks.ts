import {
  type BusinessCalendar,
  type BusinessHoursInput,
  type ClockKind,
  clockTimers,
  compileCalendar,
  type SlaSettings,
  startClock,
} from '../core/sla/index.js';
import { newId } from '../id.js';
import type { Executor } from '../store/executor.js';
import { findBusinessHours } from '../store/routing.repo.js';
import type { SlaClockKind, SlaClockSubject } from '../store/schema.js';
import { stopClocks } from '../store/sla.repo.js';
import { cancelTimers, scheduleTimer } from '../store/timer.repo.js';

/** Timer kinds of the escalation ladder, one per milestone. */
export const slaTimerKinds = {
  warning: 'sla.warning',
  breach: 'sla.breach',
  reassign: 'sla.reassign',
} as const;
export const slaTimerSubject = 'sla_clock';

/** Hours used when neither the team nor the workspace has set any: weekdays 09:00–17:00. */
export function defaultBusinessHours(timeZone: string): BusinessHoursInput {
  const day = [{ start: '09:00', end: '17:00' }];
  return { timeZone, week: { mon: day, tue: day, wed: day, thu: day, fri: day } };
}

const compiled = new Map<string, BusinessCalendar>();

/** Compiles (once per distinct definition) a stored calendar; stored hours were validated on save. */
function calendarOf(hours: BusinessHoursInput): BusinessCalendar {
  const key = JSON.stringify(hours);
  const hit = compiled.get(key);
  if (hit) return hit;
  const result = compileCalendar(hours);
  if (!result.ok) throw new Error(`stored business hours are invalid: ${result.errors[0]?.detail}`);
  if (compiled.size > 500) compiled.clear();
  compiled.set(key, result.calendar);
  return result.calendar;
}

/** The calendar a team works by: its own hours, else the workspace's, else weekdays 9–17 in the workspace zone. */
export async function teamCalendar(
  db: Executor,
  workspaceId: string,
  teamId: string | null,
): Promise<BusinessCalendar> {
  const hours = await findBusinessHours(db, workspaceId, teamId);
  if (hours) return calendarOf(hours);
  const ws = await db
    .selectFrom('workspace')
    .select('timezone')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return calendarOf(defaultBusinessHours(ws?.timezone ?? 'UTC'));
}

export interface StartedClock {
  id: string;
  kind: SlaClockKind;
  dueAt: Date;
  warnAt: Date;
  reassignAt: Date | null;
}

/**
 * Starts one clock on the team's calendar and schedules its escalation timers (warning,
 * breach, reassignment), all inside the caller's transaction.
 */
export async function startSlaClock(
  db: Executor,
  input: {
    workspaceId: string;
    subject: { type: SlaClockSubject; id: string };
    kind: SlaClockKind;
    assigneeId: string | null;
    teamId: string | null;
    settings: SlaSettings;
    contractVersion: number | null;
    now: Date;
  },
): Promise<StartedClock | null> {
  const calendar = await teamCalendar(db, input.workspaceId, input.teamId);
  const started = startClock({
    kind: input.kind as ClockKind,
    startedAt: input.now,
    settings: input.settings,
    calendar,
  });
  if (!started.ok) return null;
  const clock = started.clock;
  const id = newId(input.now.getTime());
  await db
    .insertInto('sla_clock')
    .values({
      workspace_id: input.workspaceId,
      id,
      subject_type: input.subject.type,
      subject_id: input.subject.id,
      kind: input.kind,
      assignee_id: input.assigneeId,
      team_id: input.teamId,
      started_at: clock.startedAt,
      warn_at: clock.warnAt,
      due_at: clock.dueAt,
      reassign_at: clock.reassignAt,
      contract_version: input.contractVersion,
    })
    .execute();
  for (const timer of clockTimers(clock)) {
    await scheduleTimer(db, {
      workspaceId: input.workspaceId,
      kind: slaTimerKinds[timer.milestone],
      dueAt: timer.at,
      now: input.now,
      subjectType: slaTimerSubject,
      subjectId: id,
      payload: { clockId: id },
      dedupeKey: `sla:${id}:${timer.milestone}`,
    });
  }
  return { id, kind: input.kind, dueAt: clock.dueAt, warnAt: clock.warnAt, reassignAt: clock.reassignAt };
}

/** Stops a subject's running clocks (all or some kinds) and cancels their pending timers. */
export async function stopSlaClocks(
  db: Executor,
  input: {
    workspaceId: string;
    subject: { type: SlaClockSubject; id: string };
    kinds?: readonly SlaClockKind[];
    at: Date;
    cause: 'activity' | 'decision' | 'cancelled' | 'reassigned';
  },
): Promise<string[]> {
  const ids = await stopClocks(db, input);
  for (const id of ids) {
    await cancelTimers(db, { workspaceId: input.workspaceId, subjectType: slaTimerSubject, subjectId: id });
  }
  return ids;
}
