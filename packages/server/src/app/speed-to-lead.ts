import { sql } from 'kysely';
import {
  type Attainment,
  type HandoffTimes,
  type SpeedToLeadRow,
  slaAttainment,
  speedToLead,
} from '../core/funnel/speed-to-lead.js';
import type { Executor } from '../store/executor.js';
import type { Viewer } from './viewer.js';

export const speedGroupings = ['rep', 'team', 'source'] as const;
export type SpeedGrouping = (typeof speedGroupings)[number];

export interface SpeedToLeadReport {
  from: Date;
  to: Date;
  groupBy: SpeedGrouping;
  rows: SpeedToLeadRow[];
  /** Sales' side (first touch, accept) and marketing's side (requests). */
  attainment: { sales: Attainment[]; marketing: Attainment[] };
}

/**
 * Speed-to-lead for MQLs that qualified in [from, to]: each qualification (a lead that comes back
 * and qualifies again counts again) with its first assignment, first touch (call, email, meeting)
 * and first decision after it. A sales manager sees their team's leads only.
 */
export async function speedToLeadReport(
  db: Executor,
  viewer: Viewer,
  options: { from: Date; to: Date; groupBy: SpeedGrouping; now: Date },
): Promise<SpeedToLeadReport> {
  const ws = viewer.workspaceId;
  const teamOnly = viewer.role === 'sales_manager' ? viewer.teamId : null;
  const rows = await sql<{
    mql_at: Date;
    source: string | null;
    assigned_at: Date | null;
    assignee: string | null;
    team: string | null;
    first_touch_at: Date | null;
    decision_at: Date | null;
  }>`
    select q.mql_at, q.source, c.started_at as assigned_at, u.name as assignee, t.name as team,
      (select min(a.occurred_at) from activity a
        where a.workspace_id = q.workspace_id and a.lead_id = q.lead_id
          and a.kind in ('call', 'email', 'meeting') and a.occurred_at >= q.mql_at) as first_touch_at,
      (select min(d.at) from stage_transition d
        where d.workspace_id = q.workspace_id and d.lead_id = q.lead_id and d.at >= q.mql_at
          and d.to_stage in ('accepted', 'recycled', 'disqualified') and d.cause = 'user') as decision_at
    from (
      select s.workspace_id, s.lead_id, s.at as mql_at, l.source
      from stage_transition s
      join lead l on l.workspace_id = s.workspace_id and l.id = s.lead_id
      where s.workspace_id = ${ws} and s.to_stage = 'mql' and s.at >= ${options.from} and s.at <= ${options.to}
    ) q
    left join lateral (
      select ck.started_at, ck.assignee_id, ck.team_id from sla_clock ck
      where ck.workspace_id = q.workspace_id and ck.subject_type = 'lead' and ck.subject_id = q.lead_id
        and ck.started_at >= q.mql_at
      order by ck.started_at, ck.id limit 1
    ) c on true
    left join app_user u on u.workspace_id = q.workspace_id and u.id = c.assignee_id
    left join team t on t.workspace_id = q.workspace_id and t.id = c.team_id
    where ${teamOnly === null ? sql`true` : sql`c.team_id = ${teamOnly}`}
  `.execute(db);
  const times: HandoffTimes[] = rows.rows.map((r) => ({
    group:
      (options.groupBy === 'rep' ? r.assignee : options.groupBy === 'team' ? r.team : r.source) ??
      (options.groupBy === 'source' ? '(unknown)' : '(unassigned)'),
    mqlAt: new Date(r.mql_at),
    assignedAt: r.assigned_at ? new Date(r.assigned_at) : null,
    firstTouchAt: r.first_touch_at ? new Date(r.first_touch_at) : null,
    decisionAt: r.decision_at ? new Date(r.decision_at) : null,
  }));
  const clocks = await db
    .selectFrom('sla_clock')
    .select(['kind', 'due_at', 'stopped_at', 'stop_cause', 'subject_type'])
    .where('workspace_id', '=', ws)
    .where('started_at', '>=', options.from)
    .where('started_at', '<=', options.to)
    .$if(teamOnly !== null, (q) => q.where('team_id', '=', teamOnly))
    .execute();
  // A clock stopped by a reassignment measured nobody's answer: it counts as breached (it was).
  const outcomes = (side: 'lead' | 'request') =>
    clocks
      .filter((c) => c.subject_type === side)
      .map((c) => ({ kind: c.kind, dueAt: c.due_at, stoppedAt: c.stopped_at }));
  return {
    from: options.from,
    to: options.to,
    groupBy: options.groupBy,
    rows: speedToLead(times),
    attainment: {
      sales: slaAttainment(outcomes('lead'), options.now),
      marketing: slaAttainment(outcomes('request'), options.now),
    },
  };
}
