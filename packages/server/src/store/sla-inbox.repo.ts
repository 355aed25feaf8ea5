import { sql } from 'kysely';
import type { Viewer } from '../app/viewer.js';
import { visibleAccounts, visibleLeads } from './access.js';
import type { Executor } from './executor.js';
import type { SlaClockRow } from './schema.js';
import { openClocksOfLeads } from './sla.repo.js';

export interface ClockView {
  id: string;
  kind: string;
  assigneeId: string | null;
  startedAt: Date;
  warnAt: Date;
  dueAt: Date;
  reassignAt: Date | null;
  stoppedAt: Date | null;
  stopCause: string | null;
  outcome: string | null;
  escalationLevel: number;
}

export const clockView = (c: SlaClockRow): ClockView => ({
  id: c.id,
  kind: c.kind,
  assigneeId: c.assignee_id,
  startedAt: c.started_at,
  warnAt: c.warn_at,
  dueAt: c.due_at,
  reassignAt: c.reassign_at,
  stoppedAt: c.stopped_at,
  stopCause: c.stop_cause,
  outcome: c.outcome,
  escalationLevel: c.escalation_level,
});

export interface InboxItem {
  id: string;
  stage: string;
  funnel: string;
  /** Null in the team queue. */
  ownerId: string | null;
  fitGrade: string | null;
  fitPoints: number;
  interest: number;
  source: string | null;
  assignedAt: Date | null;
  contact: { id: string; name: string | null; email: string | null; title: string | null };
  account: { id: string; name: string } | null;
  clocks: ClockView[];
  /** The earliest deadline of a running clock, for countdowns. */
  nextDueAt: Date | null;
}

/**
 * A rep's open leads (MQL, accepted, SQL) by priority: fit grade first, then interest; each with
 * its running clocks. A manager sees their team's, an admin everyone's; `ownerId` narrows it.
 */
export async function listInbox(
  db: Executor,
  viewer: Viewer,
  options: { ownerId?: string | null; limit: number },
): Promise<InboxItem[]> {
  const ownerId = options.ownerId ?? (viewer.role === 'sales_rep' ? viewer.userId : undefined);
  const rows = await withInboxColumns(visibleLeads(db, viewer))
    .where('lead.stage', 'in', ['mql', 'accepted', 'sql'])
    .$if(ownerId !== undefined, (q) =>
      q.where('lead.owner_id', ownerId === null ? 'is' : '=', ownerId ?? null),
    )
    .orderBy(sql`coalesce(lead.fit_grade, 'Z')`)
    .orderBy('lead.interest_sum', 'desc')
    .orderBy('lead.id')
    .limit(options.limit)
    .execute();
  return toInboxItems(db, viewer.workspaceId, rows);
}

/**
 * The team queue: open MQLs nobody owns (routing found nobody eligible), by the same priority.
 * Routing rules are per funnel but teams are not, so the queue is per team: a lead routing left
 * without a team is everyone's to claim; one tied to a team is that team's. Admins see them all.
 * Reps cannot see unowned leads through `visibleLeads`, so the queue has its own rule.
 */
export async function listQueue(
  db: Executor,
  viewer: Viewer,
  options: { limit: number },
): Promise<InboxItem[]> {
  const rows = await withInboxColumns(
    db.selectFrom('lead').where('lead.workspace_id', '=', viewer.workspaceId),
  )
    .where('lead.stage', '=', 'mql')
    .where('lead.owner_id', 'is', null)
    .$if(viewer.role !== 'admin', (q) =>
      q.where((eb) =>
        eb.or([
          eb('lead.team_id', 'is', null),
          ...(viewer.teamId ? [eb('lead.team_id', '=', viewer.teamId)] : []),
        ]),
      ),
    )
    .orderBy(sql`coalesce(lead.fit_grade, 'Z')`)
    .orderBy('lead.interest_sum', 'desc')
    .orderBy('lead.id')
    .limit(options.limit)
    .execute();
  return toInboxItems(db, viewer.workspaceId, rows);
}

function withInboxColumns(leads: ReturnType<typeof visibleLeads>) {
  return leads
    .innerJoin('contact', (j) =>
      j.onRef('contact.workspace_id', '=', 'lead.workspace_id').onRef('contact.id', '=', 'lead.contact_id'),
    )
    .leftJoin('account', (j) =>
      j
        .onRef('account.workspace_id', '=', 'contact.workspace_id')
        .onRef('account.id', '=', 'contact.account_id'),
    )
    .select([
      'lead.id',
      'lead.stage',
      'lead.funnel',
      'lead.owner_id',
      'lead.fit_grade',
      'lead.fit_points',
      'lead.interest_sum',
      'lead.source',
      'lead.assigned_at',
      'contact.id as contact_id',
      'contact.first_name',
      'contact.last_name',
      'contact.email',
      'contact.title',
      'account.id as account_id',
      'account.name as account_name',
    ]);
}

type InboxRow = Awaited<ReturnType<ReturnType<typeof withInboxColumns>['execute']>>[number];

async function toInboxItems(db: Executor, workspaceId: string, rows: InboxRow[]): Promise<InboxItem[]> {
  const clocks = await openClocksOfLeads(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const own = clocks.filter((c) => c.subject_id === r.id).map(clockView);
    return {
      id: r.id,
      stage: r.stage,
      funnel: r.funnel,
      ownerId: r.owner_id,
      fitGrade: r.fit_grade,
      fitPoints: r.fit_points,
      interest: r.interest_sum,
      source: r.source,
      assignedAt: r.assigned_at,
      contact: {
        id: r.contact_id,
        name: [r.first_name, r.last_name].filter(Boolean).join(' ') || null,
        email: r.email,
        title: r.title,
      },
      account: r.account_id ? { id: r.account_id, name: r.account_name ?? '' } : null,
      clocks: own,
      nextDueAt: own.length > 0 ? own[0]!.dueAt : null,
    };
  });
}

/** Everything the lead page needs beyond the lead itself; null when out of reach. */
export async function leadHandoffDetail(db: Executor, viewer: Viewer, leadId: string) {
  const lead = await visibleLeads(db, viewer)
    .innerJoin('contact', (j) =>
      j.onRef('contact.workspace_id', '=', 'lead.workspace_id').onRef('contact.id', '=', 'lead.contact_id'),
    )
    .select([
      'lead.id',
      'lead.stage',
      'lead.owner_id',
      'lead.assigned_at',
      'contact.id as contact_id',
      'contact.account_id',
    ])
    .where('lead.id', '=', leadId)
    .executeTakeFirst();
  if (!lead) return null;
  const ws = viewer.workspaceId;
  const [history, clocks, activities] = await Promise.all([
    db
      .selectFrom('stage_transition')
      .select([
        'from_stage',
        'to_stage',
        'at',
        'cause',
        'actor_id',
        'reason_code',
        'note',
        'contract_version',
      ])
      .where('workspace_id', '=', ws)
      .where('lead_id', '=', leadId)
      .orderBy('at')
      // A lead opened and qualified by one batch has both rows at one instant: opening first.
      .orderBy(sql`from_stage is not null`)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('sla_clock')
      .selectAll()
      .where('workspace_id', '=', ws)
      .where('subject_type', '=', 'lead')
      .where('subject_id', '=', leadId)
      .orderBy('started_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('activity')
      .select(['id', 'kind', 'user_id', 'occurred_at', 'subject', 'note'])
      .where('workspace_id', '=', ws)
      .where('lead_id', '=', leadId)
      .orderBy('occurred_at', 'desc')
      .limit(200)
      .execute(),
  ]);
  // The account's other people: shown by name and stage to whoever may see the account.
  const account = lead.account_id
    ? await visibleAccounts(db, viewer)
        .select(['account.id', 'account.name'])
        .where('account.id', '=', lead.account_id)
        .executeTakeFirst()
    : undefined;
  const people = account
    ? await db
        .selectFrom('contact')
        .leftJoin('lead as other_lead', (j) =>
          j
            .onRef('other_lead.workspace_id', '=', 'contact.workspace_id')
            .onRef('other_lead.contact_id', '=', 'contact.id')
            .on('other_lead.stage', 'not in', ['won', 'lost', 'disqualified']),
        )
        .select([
          'contact.id',
          'contact.first_name',
          'contact.last_name',
          'contact.title',
          'other_lead.stage',
          'other_lead.id as lead_id',
        ])
        .where('contact.workspace_id', '=', ws)
        .where('contact.account_id', '=', account.id)
        .where('contact.id', '<>', lead.contact_id)
        .orderBy('contact.id')
        .limit(100)
        .execute()
    : [];
  return {
    id: lead.id,
    stage: lead.stage,
    ownerId: lead.owner_id,
    assignedAt: lead.assigned_at,
    history,
    clocks: clocks.map(clockView),
    activities,
    account: account ? { id: account.id, name: account.name } : null,
    accountPeople: people.map((p) => ({
      id: p.id,
      name: [p.first_name, p.last_name].filter(Boolean).join(' ') || null,
      title: p.title,
      stage: p.stage ?? null,
      leadId: p.lead_id ?? null,
    })),
  };
}

/** A readable name per lead (its contact's name, else email), for views that list leads by id. */
export async function leadNames(db: Executor, workspaceId: string, leadIds: string[]) {
  const ids = [...new Set(leadIds)];
  if (ids.length === 0) return new Map<string, string | null>();
  const rows = await db
    .selectFrom('lead')
    .innerJoin('contact', (j) =>
      j.onRef('contact.workspace_id', '=', 'lead.workspace_id').onRef('contact.id', '=', 'lead.contact_id'),
    )
    .select(['lead.id', 'contact.first_name', 'contact.last_name', 'contact.email'])
    .where('lead.workspace_id', '=', workspaceId)
    .where('lead.id', 'in', ids)
    .execute();
  return new Map<string, string | null>(
    rows.map((r) => [r.id, [r.first_name, r.last_name].filter(Boolean).join(' ') || r.email || null]),
  );
}

/** Display names of users by id. */
export async function userNames(db: Executor, workspaceId: string, userIds: Array<string | null>) {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Rejections and recycles in [from, to], newest first, and their counts by reason. */
export async function returnedLeads(
  db: Executor,
  viewer: Viewer,
  options: { from: Date; to: Date; limit: number },
) {
  const rows = await db
    .selectFrom('stage_transition')
    .innerJoin('lead', (j) =>
      j
        .onRef('lead.workspace_id', '=', 'stage_transition.workspace_id')
        .onRef('lead.id', '=', 'stage_transition.lead_id'),
    )
    .select([
      'stage_transition.lead_id',
      'stage_transition.from_stage',
      'stage_transition.to_stage',
      'stage_transition.at',
      'stage_transition.actor_id',
      'stage_transition.reason_code',
      'stage_transition.note',
      'stage_transition.contract_version',
      'lead.stage as current_stage',
    ])
    .where('stage_transition.workspace_id', '=', viewer.workspaceId)
    .where('stage_transition.to_stage', 'in', ['recycled', 'disqualified'])
    .where('stage_transition.cause', '=', 'user')
    .where('stage_transition.at', '>=', options.from)
    .where('stage_transition.at', '<=', options.to)
    .orderBy('stage_transition.at', 'desc')
    .limit(options.limit)
    .execute();
  const names = await leadNames(
    db,
    viewer.workspaceId,
    rows.map((r) => r.lead_id),
  );
  const actors = await userNames(
    db,
    viewer.workspaceId,
    rows.map((r) => r.actor_id),
  );
  const items = rows.map((r) => ({
    leadId: r.lead_id,
    leadName: names.get(r.lead_id) ?? null,
    actorName: r.actor_id ? (actors.get(r.actor_id) ?? null) : null,
    // A rejection comes from MQL (or an accepted lead with a reject reason); see transitions.ts.
    action: r.to_stage === 'disqualified' ? 'disqualify' : r.from_stage === 'mql' ? 'reject' : 'return',
    fromStage: r.from_stage,
    toStage: r.to_stage,
    at: r.at,
    actorId: r.actor_id,
    reasonCode: r.reason_code,
    note: r.note,
    contractVersion: r.contract_version,
    currentStage: r.current_stage,
  }));
  const byReason = new Map<string, number>();
  for (const item of items) {
    const key = `${item.toStage}:${item.reasonCode ?? ''}`;
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  return {
    items,
    byReason: [...byReason.entries()]
      .map(([key, count]) => {
        const [toStage, reasonCode] = key.split(':') as [string, string];
        return { toStage, reasonCode, count };
      })
      .sort((a, b) => b.count - a.count || a.reasonCode.localeCompare(b.reasonCode)),
  };
}

/** A manager's team: load and open/breached clocks per rep, and the clocks in breach now. */
export async function teamHandoffView(db: Executor, viewer: Viewer, now: Date) {
  const ws = viewer.workspaceId;
  const members = await db
    .selectFrom('app_user')
    .select(['id', 'name', 'role', 'team_id', 'out_of_office', 'status'])
    .where('workspace_id', '=', ws)
    .where('role', 'in', ['sales_rep', 'sales_manager'])
    .$if(viewer.role === 'sales_manager', (q) => q.where('team_id', '=', viewer.teamId ?? ''))
    .orderBy('name')
    .execute();
  const ids = members.map((m) => m.id);
  if (ids.length === 0) return { reps: [], breaches: [] };
  const loads = await db
    .selectFrom('lead')
    .select(['owner_id', 'stage', sql<number>`count(*)::int`.as('n')])
    .where('workspace_id', '=', ws)
    .where('owner_id', 'in', ids)
    .where('stage', 'in', ['mql', 'accepted', 'sql'])
    .groupBy(['owner_id', 'stage'])
    .execute();
  const open = await db
    .selectFrom('sla_clock')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('subject_type', '=', 'lead')
    .where('assignee_id', 'in', ids)
    .where('stopped_at', 'is', null)
    .orderBy('due_at')
    .execute();
  const breached = open.filter((c) => c.due_at <= now);
  const names = await leadNames(
    db,
    ws,
    breached.map((c) => c.subject_id),
  );
  return {
    reps: members.map((m) => {
      const mine = loads.filter((l) => l.owner_id === m.id);
      const count = (stage: string) => Number(mine.find((l) => l.stage === stage)?.n ?? 0);
      const clocks = open.filter((c) => c.assignee_id === m.id);
      return {
        id: m.id,
        name: m.name,
        role: m.role,
        outOfOffice: m.out_of_office,
        active: m.status === 'active',
        load: { mql: count('mql'), accepted: count('accepted'), sql: count('sql') },
        openClocks: clocks.length,
        breached: clocks.filter((c) => c.due_at <= now).length,
      };
    }),
    breaches: breached.map((c) => ({
      leadId: c.subject_id,
      leadName: names.get(c.subject_id) ?? null,
      ...clockView(c),
    })),
  };
}
