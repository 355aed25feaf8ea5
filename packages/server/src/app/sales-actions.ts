import {
  type LifecycleAction,
  type LifecycleActor,
  lifecyclePolicyFromContract,
  type StageTransition,
  transition,
  transitionErrorStatus,
} from '../core/lifecycle/index.js';
import { AppError, invalid, notFound } from '../errors.js';
import { newId } from '../id.js';
import { leadVisibility } from '../store/access.js';
import type { Db } from '../store/db.js';
import type { Executor } from '../store/executor.js';
import { applyTransition, type LockedLead, lockLeadForStage } from '../store/lead-stage.repo.js';
import { listRoutingReps } from '../store/routing.repo.js';
import { scheduleTimer } from '../store/timer.repo.js';
import { notify } from './notifications/notify.js';
import { assignLead } from './routing.js';
import { stopSlaClocks } from './sla-clocks.js';
import { contractTerms } from './sla-policy.js';
import { managersOf, marketingUsers, uniqueIds } from './sla-recipients.js';
import type { Viewer } from './viewer.js';

const msPerDay = 86_400_000;

/** The timer that brings a recycled or disqualified lead back to nurture (jobs/lead-renurture.job.ts). */
export const renurtureKind = 'lead.renurture';

/**
 * Opens the lead for a sales action: one transaction, the lead row locked, the viewer's access
 * checked under the lock. A lead out of reach answers 404 — unless the viewer held it before
 * (it was reassigned away), which answers 409 with the reason.
 */
async function withLockedLead<T>(
  db: Db,
  viewer: Viewer,
  leadId: string,
  work: (trx: Executor, lead: LockedLead) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const lead = await lockLeadForStage(trx, viewer.workspaceId, leadId);
    if (!lead) throw notFound('lead');
    const visible = await trx
      .selectFrom('lead')
      .select('lead.id')
      .where('lead.id', '=', leadId)
      .where((eb) => leadVisibility(eb as never, viewer))
      .executeTakeFirst();
    if (!visible) {
      if (viewer.userId && (await heldBefore(trx, viewer.workspaceId, leadId, viewer.userId))) {
        throw conflict(
          'not_owner',
          'the lead was reassigned to another rep; only its owner or their manager can act on it',
        );
      }
      throw notFound('lead');
    }
    return work(trx, lead);
  });
}

async function heldBefore(
  db: Executor,
  workspaceId: string,
  leadId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('sla_clock')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('subject_type', '=', 'lead')
    .where('subject_id', '=', leadId)
    .where('assignee_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

function actorOfViewer(viewer: Viewer): LifecycleActor {
  return viewer.userId === null
    ? { kind: 'system' }
    : { kind: 'user', id: viewer.userId, role: viewer.role, teamId: viewer.teamId };
}

/** A refused transition as an HTTP problem: conflicts (stage, owner, cooldown) are 409, bad reasons 400. */
function refusal(code: keyof typeof transitionErrorStatus, detail: string): AppError {
  if (code === 'not_owner') return conflict(code, detail);
  if (transitionErrorStatus[code] === 'conflict') return conflict(code, detail);
  const status = transitionErrorStatus[code];
  const field =
    code === 'note_required'
      ? '/note'
      : code === 'reason_required' || code === 'unknown_reason'
        ? '/reasonCode'
        : code;
  return new AppError(status, detail, { field });
}

/** 409 with the machine-readable reason (already_accepted, not_owner, illegal_transition, cooldown) in errors[0].code. */
function conflict(reason: string, detail: string): AppError {
  return new AppError('conflict', detail, { errors: [{ field: '/stage', detail, code: reason }] });
}

export interface ActionOutcome {
  leadId: string;
  stage: string;
  ownerId: string | null;
  transition: StageTransition;
}

/** Decides and stores one lifecycle step for a locked lead; throws the refusal and changes nothing. */
async function step(
  trx: Executor,
  viewer: Viewer,
  lead: LockedLead,
  action: LifecycleAction,
  now: Date,
): Promise<ActionOutcome> {
  const terms = await contractTerms(trx, viewer.workspaceId, now);
  const policy = terms?.lifecycle ?? lifecyclePolicyFromContract({ reject: [], recycle: [] });
  const decided = transition(
    { stage: lead.stage, ownerId: lead.ownerId, teamId: lead.teamId, stageEnteredAt: lead.stageEnteredAt },
    action,
    { now, actor: actorOfViewer(viewer), policy, contractVersion: terms?.version ?? null },
  );
  if (!decided.ok) throw refusal(decided.code, decided.detail);
  await applyTransition(trx, {
    workspaceId: viewer.workspaceId,
    leadId: lead.id,
    to: decided.to,
    ownerId: decided.ownerId,
    transition: decided.transition,
  });
  if (decided.to === 'recycled' || decided.to === 'disqualified') {
    const days = policy.cooldownDays[decided.to];
    await scheduleTimer(trx, {
      workspaceId: viewer.workspaceId,
      kind: renurtureKind,
      dueAt: new Date(now.getTime() + days * msPerDay),
      now,
      subjectType: 'lead',
      subjectId: lead.id,
      dedupeKey: `renurture:${lead.id}:${now.toISOString()}`,
    });
  }
  return { leadId: lead.id, stage: decided.to, ownerId: decided.ownerId, transition: decided.transition };
}

export interface DecisionInput {
  db: Db;
  viewer: Viewer;
  leadId: string;
  now: Date;
}

/** Accept an MQL: the accept clock stops (met or breached); the first-touch clock keeps running. */
export async function acceptLead(input: DecisionInput): Promise<ActionOutcome> {
  return withLockedLead(input.db, input.viewer, input.leadId, async (trx, lead) => {
    const outcome = await step(trx, input.viewer, lead, { type: 'accept' }, input.now);
    await stopSlaClocks(trx, {
      workspaceId: input.viewer.workspaceId,
      subject: { type: 'lead', id: lead.id },
      kinds: ['accept_reject'],
      at: input.now,
      cause: 'decision',
    });
    if (outcome.ownerId && outcome.ownerId !== lead.ownerId) {
      await trx
        .updateTable('lead')
        .set({ assigned_at: input.now })
        .where('workspace_id', '=', input.viewer.workspaceId)
        .where('id', '=', lead.id)
        .execute();
    }
    await notify(trx, {
      workspaceId: input.viewer.workspaceId,
      type: 'lead.accepted',
      recipientUserIds: await managersOf(trx, input.viewer.workspaceId, lead.teamId),
      subject: { type: 'lead', id: lead.id },
      title: 'A lead was accepted',
      body: 'Sales accepted the lead.',
      data: { leadId: lead.id, ownerId: outcome.ownerId },
      occurredAt: input.now,
    });
    return outcome;
  });
}

/**
 * Return a lead to marketing: reject (from MQL or accepted; a reject reason and a note are
 * required), recycle (not now; a recycle reason) or disqualify (never a fit). Every clock stops,
 * marketing is told, and the lead re-enters nurture after the contract's cooldown.
 */
export async function returnLead(
  input: DecisionInput & {
    type: 'reject' | 'recycle' | 'disqualify';
    reasonCode: string;
    note?: string | null;
  },
): Promise<ActionOutcome> {
  if (input.type === 'reject' && !input.note?.trim())
    throw invalid('/note', 'a rejection needs a note for marketing');
  return withLockedLead(input.db, input.viewer, input.leadId, async (trx, lead) => {
    const outcome = await step(
      trx,
      input.viewer,
      lead,
      { type: input.type, reasonCode: input.reasonCode, note: input.note ?? null },
      input.now,
    );
    await stopSlaClocks(trx, {
      workspaceId: input.viewer.workspaceId,
      subject: { type: 'lead', id: lead.id },
      at: input.now,
      cause: 'decision',
    });
    if (input.type !== 'disqualify') {
      await notify(trx, {
        workspaceId: input.viewer.workspaceId,
        type: input.type === 'reject' ? 'lead.rejected' : 'lead.recycled',
        recipientUserIds: await marketingUsers(trx, input.viewer.workspaceId),
        subject: { type: 'lead', id: lead.id },
        title:
          input.type === 'reject'
            ? `Lead rejected: ${input.reasonCode}`
            : `Lead recycled: ${input.reasonCode}`,
        body: input.note ?? '',
        data: {
          leadId: lead.id,
          reasonCode: input.reasonCode,
          note: input.note ?? null,
          by: input.viewer.userId,
        },
        occurredAt: input.now,
      });
    }
    return outcome;
  });
}

/** Accepted → SQL: a real buying need. */
export async function qualifyLeadToSql(input: DecisionInput): Promise<ActionOutcome> {
  return withLockedLead(input.db, input.viewer, input.leadId, (trx, lead) =>
    step(trx, input.viewer, lead, { type: 'qualify_sql' }, input.now),
  );
}

export interface ConvertInput extends DecisionInput {
  name?: string;
  amountCents: number;
  currency?: string;
  closeDate: string;
  contactRoles: ReadonlyArray<{ contactId: string; role: string; primary?: boolean }>;
}

/** SQL → opportunity: the deal is opened at the lead's account with its contact roles. */
export async function convertLead(input: ConvertInput): Promise<ActionOutcome & { opportunityId: string }> {
  return withLockedLead(input.db, input.viewer, input.leadId, async (trx, lead) => {
    const outcome = await step(trx, input.viewer, lead, { type: 'convert' }, input.now);
    const ws = input.viewer.workspaceId;
    const contact = await trx
      .selectFrom('contact')
      .leftJoin('account', (j) =>
        j
          .onRef('account.workspace_id', '=', 'contact.workspace_id')
          .onRef('account.id', '=', 'contact.account_id'),
      )
      .select(['contact.account_id', 'account.name as account_name', 'contact.email'])
      .where('contact.workspace_id', '=', ws)
      .where('contact.id', '=', lead.contactId)
      .executeTakeFirstOrThrow();
    const roles = [...input.contactRoles];
    if (!roles.some((r) => r.contactId === lead.contactId))
      roles.unshift({ contactId: lead.contactId, role: 'champion' });
    const ids = [...new Set(roles.map((r) => r.contactId))];
    if (ids.length !== roles.length) throw invalid('/contactRoles', 'a contact is listed twice');
    const known = await trx
      .selectFrom('contact')
      .select(['id', 'account_id'])
      .where('workspace_id', '=', ws)
      .where('id', 'in', ids)
      .execute();
    roles.forEach((r, i) => {
      const found = known.find((k) => k.id === r.contactId);
      if (!found || (found.account_id !== contact.account_id && r.contactId !== lead.contactId)) {
        throw invalid(`/contactRoles/${i}/contactId`, 'must be a person at the lead’s account');
      }
    });
    const opportunityId = newId(input.now.getTime());
    await trx
      .insertInto('opportunity')
      .values({
        workspace_id: ws,
        id: opportunityId,
        account_id: contact.account_id,
        name: input.name?.trim() || `${contact.account_name ?? contact.email ?? 'New'} opportunity`,
        amount_cents: input.amountCents,
        currency: input.currency ?? 'USD',
        close_date: input.closeDate,
        owner_id: outcome.ownerId,
        source_lead_id: lead.id,
        created_at: input.now,
        updated_at: input.now,
      })
      .execute();
    const primary = roles.findIndex((r) => r.primary);
    await trx
      .insertInto('opportunity_contact_role')
      .values(
        roles.map((r, i) => ({
          workspace_id: ws,
          id: newId(input.now.getTime()),
          opportunity_id: opportunityId,
          contact_id: r.contactId,
          role: r.role,
          is_primary: primary >= 0 ? i === primary : r.contactId === lead.contactId,
          created_at: input.now,
        })),
      )
      .execute();
    return { ...outcome, opportunityId };
  });
}

export const activityKinds = ['call', 'email', 'meeting', 'note'] as const;
export type ActivityKind = (typeof activityKinds)[number];

/**
 * Logs a call, email, meeting or note on a lead. The first call, email or meeting stops the
 * first-touch clock at the time it happened (never later than now); a note touches nobody.
 */
export async function logLeadActivity(
  input: DecisionInput & {
    kind: ActivityKind;
    occurredAt?: Date;
    subject?: string | null;
    note?: string | null;
  },
): Promise<{ id: string; stoppedClocks: number }> {
  const occurredAt = input.occurredAt ?? input.now;
  if (occurredAt > input.now) throw invalid('/occurredAt', 'cannot be in the future');
  return withLockedLead(input.db, input.viewer, input.leadId, async (trx, lead) => {
    const id = newId(input.now.getTime());
    await trx
      .insertInto('activity')
      .values({
        workspace_id: input.viewer.workspaceId,
        id,
        kind: input.kind,
        lead_id: lead.id,
        contact_id: lead.contactId,
        user_id: input.viewer.userId,
        occurred_at: occurredAt,
        subject: input.subject ?? null,
        note: input.note ?? null,
        created_at: input.now,
      })
      .execute();
    let stopped: string[] = [];
    if (input.kind !== 'note') {
      stopped = await stopSlaClocks(trx, {
        workspaceId: input.viewer.workspaceId,
        subject: { type: 'lead', id: lead.id },
        kinds: ['first_touch'],
        at: occurredAt,
        cause: 'activity',
      });
    }
    return { id, stoppedClocks: stopped.length };
  });
}

/**
 * A manager (of the lead's team) or an admin moves an open lead: to a named rep, or to whoever
 * routing picks next without the current owner. Running clocks stop; new ones start for the new owner.
 */
export async function reassignLead(
  input: DecisionInput & { toUserId?: string },
): Promise<{ assigneeId: string | null }> {
  const { viewer } = input;
  if (viewer.role !== 'admin' && viewer.role !== 'sales_manager') {
    throw new AppError('forbidden', 'only a sales manager or an admin can reassign leads');
  }
  return withLockedLead(input.db, viewer, input.leadId, async (trx, lead) => {
    if (!['mql', 'accepted', 'sql'].includes(lead.stage)) {
      throw conflict('illegal_transition', `a lead in stage ${lead.stage} is not with sales`);
    }
    if (input.toUserId) {
      const target = await trx
        .selectFrom('app_user')
        .select(['id', 'role', 'team_id', 'status'])
        .where('workspace_id', '=', viewer.workspaceId)
        .where('id', '=', input.toUserId)
        .executeTakeFirst();
      if (!target || !['sales_rep', 'sales_manager'].includes(target.role) || target.status !== 'active') {
        throw invalid('/userId', 'must be an active sales rep or manager');
      }
      if (viewer.role === 'sales_manager' && target.team_id !== viewer.teamId) {
        throw invalid('/userId', 'must be on your team');
      }
    }
    await stopSlaClocks(trx, {
      workspaceId: viewer.workspaceId,
      subject: { type: 'lead', id: lead.id },
      at: input.now,
      cause: 'reassigned',
    });
    const moved = await assignLead(trx, {
      workspaceId: viewer.workspaceId,
      leadId: lead.id,
      now: input.now,
      excludeUserIds: uniqueIds([lead.ownerId]),
      previousOwnerId: lead.ownerId,
      ...(input.toUserId ? { toUserId: input.toUserId } : {}),
    });
    return { assigneeId: moved?.assigneeId ?? null };
  });
}

export interface ClaimOutcome {
  leadId: string;
  stage: string;
  ownerId: string;
  clocks: Array<{ id: string; kind: string; dueAt: Date }>;
}

/**
 * A rep takes an unowned MQL from their team queue (routing found nobody eligible). The lead is
 * assigned exactly as routing would have done it (owner and team set, accept and first-touch
 * clocks started on the rep's hours, `lead.assigned`), but the rep's capacity still holds: a rep
 * at their cap cannot claim more. The lead stays an MQL until the rep accepts it. Refusals are
 * 409 with the reason in errors[0].code: already_owned, illegal_transition, not_owner (another
 * team's queue), at_capacity.
 */
export async function claimLead(input: DecisionInput): Promise<ClaimOutcome> {
  const { viewer, now } = input;
  const userId = viewer.userId;
  if (userId === null || (viewer.role !== 'sales_rep' && viewer.role !== 'sales_manager')) {
    throw new AppError('forbidden', 'only sales reps and managers can claim leads');
  }
  return input.db.transaction().execute(async (trx) => {
    const lead = await lockLeadForStage(trx, viewer.workspaceId, input.leadId);
    if (!lead) throw notFound('lead');
    if (lead.ownerId !== null) {
      throw conflict(
        'already_owned',
        lead.ownerId === userId ? 'the lead is already yours' : 'another rep already owns the lead',
      );
    }
    if (lead.stage !== 'mql') {
      throw conflict('illegal_transition', `a lead in stage ${lead.stage} is not waiting in the queue`);
    }
    if (lead.teamId !== null && lead.teamId !== viewer.teamId) {
      throw conflict('not_owner', 'the lead is queued for another team');
    }
    const { reps, load } = await listRoutingReps(trx, viewer.workspaceId);
    const me = reps.find((r) => r.id === userId);
    if (!me?.active) throw new AppError('forbidden', 'only active sales reps and managers can claim leads');
    const held = load[userId] ?? 0;
    if (me.capacity !== null && held >= me.capacity) {
      throw conflict('at_capacity', `you hold ${held} open leads, your cap is ${me.capacity}`);
    }
    const assigned = await assignLead(trx, {
      workspaceId: viewer.workspaceId,
      leadId: lead.id,
      now,
      toUserId: userId,
    });
    if (!assigned?.assigneeId) throw notFound('lead');
    return { leadId: lead.id, stage: lead.stage, ownerId: assigned.assigneeId, clocks: assigned.clocks };
  });
}
