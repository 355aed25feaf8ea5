import { type RoutingDecision, type RoutingLead, route } from '../core/routing/index.js';
import type { Executor } from '../store/executor.js';
import {
  findRoutingConfig,
  findRoutingLead,
  listRoutingReps,
  saveRoutingState,
} from '../store/routing.repo.js';
import { notify } from './notifications/notify.js';
import { startSlaClock } from './sla-clocks.js';
import { contractTerms } from './sla-policy.js';
import { managersOf, uniqueIds } from './sla-recipients.js';

export interface DryRun {
  assigneeId: string | null;
  assigneeName: string | null;
  ruleId: string | null;
  explanation: string[];
}

/**
 * Who would get this lead now, and why; nothing is stored (the same decision an assignment
 * makes, with routing's memory left as it is).
 */
export async function dryRunRouting(
  db: Executor,
  workspaceId: string,
  leadId: string,
  options: { excludeUserIds?: readonly string[] } = {},
): Promise<DryRun | null> {
  const lead = await findRoutingLead(db, workspaceId, leadId);
  if (!lead) return null;
  const { decision, names } = await decide(db, workspaceId, lead, options.excludeUserIds ?? [], false);
  return {
    assigneeId: decision.assignee,
    assigneeName: decision.assignee ? (names.get(decision.assignee) ?? null) : null,
    ruleId: decision.ruleId,
    explanation: decision.explanation,
  };
}

async function decide(
  db: Executor,
  workspaceId: string,
  lead: RoutingLead & { funnel: string },
  exclude: readonly string[],
  lock: boolean,
): Promise<{ decision: RoutingDecision; names: Map<string, string>; teams: Map<string, string | null> }> {
  const config = await findRoutingConfig(db, workspaceId, lead.funnel, { lock });
  const { reps, load } = await listRoutingReps(db, workspaceId);
  const decision = route({ ...lead, excludeUserIds: exclude }, config.rules, reps, { ...config.state, load });
  return {
    decision,
    names: new Map(reps.map((r) => [r.id, r.name ?? r.id])),
    teams: new Map(reps.map((r) => [r.id, r.teamId])),
  };
}

export interface Assignment {
  leadId: string;
  assigneeId: string | null;
  teamId: string | null;
  ruleId: string | null;
  explanation: string[];
  clocks: Array<{ id: string; kind: string; dueAt: Date }>;
}

/**
 * Routes a lead and makes the assignment: owner and team set, the routing turn stored, the
 * accept and first-touch clocks started from the contract in force on the rep's team hours,
 * `lead.assigned` (or `lead.reassigned`) sent. Nobody eligible leaves the lead unowned in the
 * queue; managers and admins can assign it by hand. Runs inside the caller's transaction, with
 * the lead row already locked by the caller.
 */
export async function assignLead(
  trx: Executor,
  input: {
    workspaceId: string;
    leadId: string;
    now: Date;
    excludeUserIds?: readonly string[];
    /** Assign to this user without routing (a manager's manual reassignment). */
    toUserId?: string;
    previousOwnerId?: string | null;
  },
): Promise<Assignment | null> {
  const { workspaceId, leadId, now } = input;
  const lead = await findRoutingLead(trx, workspaceId, leadId);
  if (!lead) return null;
  let assigneeId: string | null;
  let teamId: string | null;
  let ruleId: string | null = null;
  let explanation: string[];
  if (input.toUserId) {
    const user = await trx
      .selectFrom('app_user')
      .select(['id', 'team_id'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', input.toUserId)
      .executeTakeFirst();
    if (!user) return null;
    assigneeId = user.id;
    teamId = user.team_id;
    explanation = ['assigned by hand'];
  } else {
    const { decision, teams } = await decide(trx, workspaceId, lead, input.excludeUserIds ?? [], true);
    assigneeId = decision.assignee;
    teamId = assigneeId ? (teams.get(assigneeId) ?? null) : null;
    ruleId = decision.ruleId;
    explanation = decision.explanation;
    if (assigneeId) {
      await saveRoutingState(trx, { workspaceId, funnel: lead.funnel, state: decision.next, now });
    }
  }

  await trx
    .updateTable('lead')
    .set({ owner_id: assigneeId, team_id: teamId, assigned_at: assigneeId ? now : null, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', leadId)
    .execute();

  const clocks: Assignment['clocks'] = [];
  const terms = assigneeId ? await contractTerms(trx, workspaceId, now) : null;
  if (assigneeId && terms) {
    // An accepted lead moving to another rep needs a first touch, not a second acceptance.
    const kinds =
      lead.stage === 'mql' ? (['accept_reject', 'first_touch'] as const) : (['first_touch'] as const);
    for (const kind of kinds) {
      const clock = await startSlaClock(trx, {
        workspaceId,
        subject: { type: 'lead', id: leadId },
        kind,
        assigneeId,
        teamId,
        settings: terms.sla[kind],
        contractVersion: terms.version,
        now,
      });
      if (clock) clocks.push({ id: clock.id, kind, dueAt: clock.dueAt });
    }
  }

  const reassigned = input.previousOwnerId !== undefined;
  if (assigneeId || reassigned) {
    const managers = reassigned ? await managersOf(trx, workspaceId, teamId) : [];
    await notify(trx, {
      workspaceId,
      type: reassigned ? 'lead.reassigned' : 'lead.assigned',
      recipientUserIds: uniqueIds([assigneeId, ...(reassigned ? [input.previousOwnerId, ...managers] : [])]),
      subject: { type: 'lead', id: leadId },
      title: assigneeId ? 'A lead was assigned to you' : 'A lead is waiting in the queue',
      body: explanation.slice(-1)[0] ?? '',
      data: {
        leadId,
        assigneeId,
        previousOwnerId: input.previousOwnerId ?? null,
        ruleId,
        deadlines: clocks.map((c) => ({ kind: c.kind, dueAt: c.dueAt.toISOString() })),
      },
      occurredAt: now,
    });
  }
  return { leadId, assigneeId, teamId, ruleId, explanation, clocks };
}
