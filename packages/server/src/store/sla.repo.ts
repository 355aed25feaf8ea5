import { sql } from 'kysely';
import type { Executor } from './executor.js';
import type { SlaClockKind, SlaClockRow, SlaClockSubject, SlaClockTable } from './schema.js';

export type NewSlaClock = Omit<
  SlaClockTable,
  'stopped_at' | 'stop_cause' | 'outcome' | 'escalation_level' | 'warned_at' | 'breached_at'
> & { started_at: Date; warn_at: Date; due_at: Date; reassign_at: Date | null };

export async function insertClock(db: Executor, clock: NewSlaClock): Promise<void> {
  await db.insertInto('sla_clock').values(clock).execute();
}

/** One clock, row-locked: timer handlers re-check it under the lock before acting. */
export async function lockClock(db: Executor, workspaceId: string, id: string): Promise<SlaClockRow | null> {
  const row = await db
    .selectFrom('sla_clock')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

/** A subject's clocks, oldest first. */
export async function clocksOf(
  db: Executor,
  workspaceId: string,
  subject: { type: SlaClockSubject; id: string },
): Promise<SlaClockRow[]> {
  return db
    .selectFrom('sla_clock')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}

/**
 * Stops a subject's running clocks (all, or these kinds) at `at`: met when stopped by the due
 * instant, breached after. Returns the stopped clocks' ids (their timers are cancelled by the caller).
 */
export async function stopClocks(
  db: Executor,
  input: {
    workspaceId: string;
    subject: { type: SlaClockSubject; id: string };
    kinds?: readonly SlaClockKind[];
    at: Date;
    cause: 'activity' | 'decision' | 'cancelled' | 'reassigned';
  },
): Promise<string[]> {
  if (input.kinds?.length === 0) return [];
  const rows = await db
    .updateTable('sla_clock')
    .set({
      stopped_at: input.at,
      stop_cause: input.cause,
      outcome: sql`case when ${input.at} <= due_at then 'met' else 'breached' end`,
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('subject_type', '=', input.subject.type)
    .where('subject_id', '=', input.subject.id)
    .where('stopped_at', 'is', null)
    .$if(input.kinds !== undefined, (q) => q.where('kind', 'in', input.kinds!))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Records an escalation step; the level only rises. */
export async function markEscalation(
  db: Executor,
  input: { workspaceId: string; id: string; level: 1 | 2 | 3; at: Date },
): Promise<void> {
  await db
    .updateTable('sla_clock')
    .set((eb) => ({
      escalation_level: sql<number>`greatest(escalation_level, ${input.level})`,
      ...(input.level === 1 ? { warned_at: eb.fn.coalesce('warned_at', sql<Date>`${input.at}`) } : {}),
      ...(input.level === 2 ? { breached_at: eb.fn.coalesce('breached_at', sql<Date>`${input.at}`) } : {}),
    }))
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .execute();
}

/** Open lead clocks of these leads (for inbox countdowns). */
export async function openClocksOfLeads(
  db: Executor,
  workspaceId: string,
  leadIds: readonly string[],
): Promise<SlaClockRow[]> {
  if (leadIds.length === 0) return [];
  return db
    .selectFrom('sla_clock')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('subject_type', '=', 'lead')
    .where('subject_id', 'in', leadIds)
    .where('stopped_at', 'is', null)
    .orderBy('due_at')
    .execute();
}
