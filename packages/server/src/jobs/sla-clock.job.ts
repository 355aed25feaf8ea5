import { notify } from '../app/notifications/notify.js';
import { assignLead } from '../app/routing.js';
import { slaTimerKinds, stopSlaClocks } from '../app/sla-clocks.js';
import { managersOf, marketingUsers, uniqueIds } from '../app/sla-recipients.js';
import type { Executor } from '../store/executor.js';
import type { SlaClockRow } from '../store/schema.js';
import { lockClock, markEscalation } from '../store/sla.repo.js';
import type { JobContext, JobDefinition } from './catalog.js';

/**
 * The escalation ladder of an SLA clock, one timer per step. Every handler locks the clock and
 * re-checks it: a stopped clock, or a step already taken (a repeated run), does nothing. The
 * escalation level only rises, and the handler's writes commit with the timer's completion, so
 * each step happens once even with several runners or a crash mid-step.
 */
async function lockedClock(ctx: JobContext): Promise<SlaClockRow | null> {
  const clockId = String(ctx.timer.payload.clockId ?? ctx.timer.subject_id ?? '');
  if (!clockId) return null;
  const clock = await lockClock(ctx.db, ctx.timer.workspace_id, clockId);
  if (!clock || clock.stopped_at !== null) return null;
  return clock;
}

const leadOrRequest = (clock: SlaClockRow) =>
  clock.subject_type === 'lead'
    ? ({ type: 'lead', id: clock.subject_id } as const)
    : ({ type: 'request', id: clock.subject_id } as const);

async function requestRequester(db: Executor, clock: SlaClockRow): Promise<string | null> {
  const row = await db
    .selectFrom('marketing_request')
    .select('requested_by')
    .where('workspace_id', '=', clock.workspace_id)
    .where('id', '=', clock.subject_id)
    .executeTakeFirst();
  return row?.requested_by ?? null;
}

export const slaWarningJob: JobDefinition = {
  kind: slaTimerKinds.warning,
  async handle(ctx) {
    const clock = await lockedClock(ctx);
    if (!clock || clock.escalation_level >= 1) return;
    await markEscalation(ctx.db, { workspaceId: clock.workspace_id, id: clock.id, level: 1, at: ctx.now });
    const isLead = clock.subject_type === 'lead';
    const recipients = isLead
      ? uniqueIds([clock.assignee_id])
      : uniqueIds([
          clock.assignee_id,
          ...(clock.assignee_id ? [] : await marketingUsers(ctx.db, clock.workspace_id)),
        ]);
    await notify(ctx.db, {
      workspaceId: clock.workspace_id,
      type: isLead ? 'sla.warning' : 'request.warning',
      recipientUserIds: recipients,
      subject: leadOrRequest(clock),
      title: `${clock.kind.replace('_', ' ')} due ${clock.due_at.toISOString()}`,
      body: 'The service level is close to its deadline.',
      data: { clockId: clock.id, kind: clock.kind, dueAt: clock.due_at.toISOString() },
      occurredAt: ctx.now,
    });
  },
};

export const slaBreachJob: JobDefinition = {
  kind: slaTimerKinds.breach,
  async handle(ctx) {
    const clock = await lockedClock(ctx);
    if (!clock || clock.escalation_level >= 2) return;
    await markEscalation(ctx.db, { workspaceId: clock.workspace_id, id: clock.id, level: 2, at: ctx.now });
    const isLead = clock.subject_type === 'lead';
    const escalateTo = isLead
      ? await managersOf(ctx.db, clock.workspace_id, clock.team_id)
      : [...(await marketingUsers(ctx.db, clock.workspace_id)), await requestRequester(ctx.db, clock)];
    await notify(ctx.db, {
      workspaceId: clock.workspace_id,
      type: isLead ? 'sla.breached' : 'request.breached',
      recipientUserIds: uniqueIds([clock.assignee_id, ...escalateTo]),
      subject: leadOrRequest(clock),
      title: `${clock.kind.replace('_', ' ')} missed its deadline`,
      body: `Due ${clock.due_at.toISOString()}; escalated.`,
      data: {
        clockId: clock.id,
        kind: clock.kind,
        dueAt: clock.due_at.toISOString(),
        assigneeId: clock.assignee_id,
        reassignAt: clock.reassign_at?.toISOString() ?? null,
      },
      occurredAt: ctx.now,
    });
  },
};

export const slaReassignJob: JobDefinition = {
  kind: slaTimerKinds.reassign,
  async handle(ctx) {
    const clock = await lockedClock(ctx);
    if (!clock || clock.escalation_level >= 3 || clock.subject_type !== 'lead') return;
    const workspaceId = clock.workspace_id;
    const lead = await ctx.db
      .selectFrom('lead')
      .select(['id', 'owner_id', 'stage'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', clock.subject_id)
      .forUpdate()
      .executeTakeFirst();
    // Only a lead still waiting on the same rep moves; anything else happened since.
    if (!lead || lead.owner_id !== clock.assignee_id || !['mql', 'accepted'].includes(lead.stage)) return;
    await markEscalation(ctx.db, { workspaceId, id: clock.id, level: 3, at: ctx.now });
    await stopSlaClocks(ctx.db, {
      workspaceId,
      subject: { type: 'lead', id: lead.id },
      at: ctx.now,
      cause: 'reassigned',
    });
    const moved = await assignLead(ctx.db, {
      workspaceId,
      leadId: lead.id,
      now: ctx.now,
      excludeUserIds: uniqueIds([clock.assignee_id]),
      previousOwnerId: clock.assignee_id,
    });
    ctx.log.info(
      { leadId: lead.id, from: clock.assignee_id, to: moved?.assigneeId ?? null },
      'lead reassigned',
    );
  },
};

export const slaJobs: readonly JobDefinition[] = [slaWarningJob, slaBreachJob, slaReassignJob];
