import type { ExitReason } from '../../core/nurture/step-machine.js';
import type { Executor } from '../../store/executor.js';
import { cancelTimers } from '../../store/timer.repo.js';
import { nurtureStepKind } from './kinds.js';

/**
 * Ends the active enrollments chosen by `where` with `reason`: their step timers are cancelled
 * and their emails not yet handed to SMTP are cancelled too (marked failed, never sent).
 * Returns the enrollments ended.
 */
export async function exitEnrollments(
  db: Executor,
  input: {
    workspaceId: string;
    where: { contactIds?: readonly string[]; leadIds?: readonly string[]; enrollmentIds?: readonly string[] };
    reason: ExitReason;
    now: Date;
    /** Leave emails already written alone (an exit step right after an email). Default true. */
    cancelEmails?: boolean;
  },
): Promise<string[]> {
  const { contactIds, leadIds, enrollmentIds } = input.where;
  if (!contactIds?.length && !leadIds?.length && !enrollmentIds?.length) return [];
  const ended = await db
    .updateTable('nurture_enrollment')
    .set((eb) => ({
      status: 'exited',
      exit_reason: input.reason,
      ended_at: input.now,
      next_at: null,
      step_seq: eb('step_seq', '+', 1),
    }))
    .where('workspace_id', '=', input.workspaceId)
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        ...(contactIds?.length ? [eb('contact_id', 'in', [...contactIds])] : []),
        ...(leadIds?.length ? [eb('lead_id', 'in', [...leadIds])] : []),
        ...(enrollmentIds?.length ? [eb('id', 'in', [...enrollmentIds])] : []),
      ]),
    )
    .returning('id')
    .execute();
  const ids = ended.map((e) => e.id);
  if (ids.length === 0) return ids;
  for (const id of ids)
    await cancelTimers(db, {
      workspaceId: input.workspaceId,
      subjectType: 'nurture_enrollment',
      subjectId: id,
      kinds: [nurtureStepKind],
    });
  if (input.cancelEmails === false) return ids;
  await db
    .updateTable('email_message')
    .set({ status: 'failed', last_error: `cancelled: the enrollment ended (${input.reason})` })
    .where('workspace_id', '=', input.workspaceId)
    .where('status', '=', 'pending')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('nurture_send')
        .select('email_message_id')
        .where('workspace_id', '=', input.workspaceId)
        .where('enrollment_id', 'in', ids),
    )
    .execute();
  return ids;
}

/** Stages at which a lead is with sales (or won): nurture stops. */
export const salesStages = ['mql', 'accepted', 'sql', 'opportunity', 'won'] as const;

/** Ends the enrollments of leads of `leadIds` that reached MQL or beyond (the lead is with sales). */
export async function exitQualifiedLeads(
  db: Executor,
  input: { workspaceId: string; leadIds?: readonly string[]; now: Date },
): Promise<string[]> {
  let query = db
    .selectFrom('nurture_enrollment as e')
    .innerJoin('lead', (j) =>
      j.onRef('lead.workspace_id', '=', 'e.workspace_id').onRef('lead.id', '=', 'e.lead_id'),
    )
    .select('e.lead_id')
    .distinct()
    .where('e.workspace_id', '=', input.workspaceId)
    .where('e.status', '=', 'active')
    .where('lead.stage', 'in', [...salesStages]);
  if (input.leadIds) {
    if (input.leadIds.length === 0) return [];
    query = query.where('e.lead_id', 'in', [...input.leadIds]);
  }
  const leads = (await query.execute()).map((r) => r.lead_id);
  return exitEnrollments(db, {
    workspaceId: input.workspaceId,
    where: { leadIds: leads },
    reason: 'mql',
    now: input.now,
  });
}
