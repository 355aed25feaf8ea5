import { newId } from '../../id.js';
import type { Executor } from '../../store/executor.js';
import { scheduleTimer } from '../../store/timer.repo.js';
import { nurtureStepKind, stepKey } from './kinds.js';

/** Schedules advance `seq` of an enrollment at `dueAt` (idempotent by its key). */
export async function scheduleStep(
  db: Executor,
  input: { workspaceId: string; enrollmentId: string; seq: number; dueAt: Date; now: Date },
): Promise<void> {
  await scheduleTimer(db, {
    workspaceId: input.workspaceId,
    kind: nurtureStepKind,
    dueAt: input.dueAt,
    now: input.now,
    subjectType: 'nurture_enrollment',
    subjectId: input.enrollmentId,
    payload: { seq: input.seq },
    dedupeKey: stepKey(input.enrollmentId, input.seq),
  });
}

/**
 * Enrolls leads in a program at its first step, due now; leads already enrolled in it (at any
 * time) are left out. Set-based, so a sweep can enroll thousands in one statement pair.
 * Returns the number enrolled.
 */
export async function enrollLeads(
  db: Executor,
  input: {
    workspaceId: string;
    programId: string;
    firstStep: string | null;
    leadIds: readonly string[];
    by: 'rule' | 'user';
    userId: string | null;
    now: Date;
  },
): Promise<number> {
  if (input.leadIds.length === 0) return 0;
  const leads = await db
    .selectFrom('lead')
    .select(['id', 'contact_id'])
    .where('workspace_id', '=', input.workspaceId)
    .where('id', 'in', [...input.leadIds])
    .execute();
  if (leads.length === 0) return 0;
  const t = input.now.getTime();
  const inserted = await db
    .insertInto('nurture_enrollment')
    .values(
      leads.map((lead) => ({
        workspace_id: input.workspaceId,
        id: newId(t),
        program_id: input.programId,
        lead_id: lead.id,
        contact_id: lead.contact_id,
        current_step: input.firstStep,
        step_seq: 1,
        next_at: input.now,
        enrolled_at: input.now,
        enrolled_by: input.by,
        enrolled_by_user: input.userId,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  if (inserted.length === 0) return 0;
  await db
    .insertInto('timer')
    .values(
      inserted.map((e) => ({
        workspace_id: input.workspaceId,
        id: newId(t),
        kind: nurtureStepKind,
        subject_type: 'nurture_enrollment',
        subject_id: e.id,
        due_at: input.now,
        payload: JSON.stringify({ seq: 1 }),
        created_at: input.now,
        dedupe_key: stepKey(e.id, 1),
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  return inserted.length;
}

/**
 * Gives every active enrollment of a program a fresh step timer, due when it was due (or now):
 * used when a paused program is activated again (steps of a paused program do nothing).
 */
export async function rescheduleProgram(
  db: Executor,
  input: { workspaceId: string; programId: string; now: Date },
): Promise<void> {
  const rows = await db
    .updateTable('nurture_enrollment')
    .set((eb) => ({ step_seq: eb('step_seq', '+', 1) }))
    .where('workspace_id', '=', input.workspaceId)
    .where('program_id', '=', input.programId)
    .where('status', '=', 'active')
    .returning(['id', 'step_seq', 'next_at'])
    .execute();
  const t = input.now.getTime();
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await db
      .insertInto('timer')
      .values(
        chunk.map((e) => ({
          workspace_id: input.workspaceId,
          id: newId(t),
          kind: nurtureStepKind,
          subject_type: 'nurture_enrollment',
          subject_id: e.id,
          due_at: e.next_at && e.next_at > input.now ? e.next_at : input.now,
          payload: JSON.stringify({ seq: e.step_seq }),
          created_at: input.now,
          dedupe_key: stepKey(e.id, e.step_seq),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
