import type { RoutingRule } from '../../core/routing/index.js';
import { exampleContract } from '../../core/scoring/example-contract.js';
import {
  type BusinessHoursInput,
  clockTimers,
  compileCalendar,
  type SlaSettings,
  slaPolicyFromContract,
  startClock,
} from '../../core/sla/index.js';
import type { DemoContext, Row } from './context.js';
import type { DemoLead } from './journeys.js';
import { chance, hour } from './random.js';

const weekdays = (start: string, end: string) => {
  const day = [{ start, end }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day };
};

export const demoSalesHours: BusinessHoursInput = {
  timeZone: 'America/New_York',
  week: weekdays('08:00', '18:00'),
  holidays: [
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2026-11-26', name: 'Thanksgiving' },
  ],
};
export const demoMarketingHours: BusinessHoursInput = {
  timeZone: 'Europe/Berlin',
  week: weekdays('09:00', '17:30'),
  holidays: [{ date: '2026-12-24', name: 'Christmas Eve', hours: [{ start: '09:00', end: '12:00' }] }],
};

export interface DemoHandoff {
  routing: Row<'routing_config'>[];
  businessHours: Row<'business_hours'>[];
  capacity: Row<'rep_capacity'>[];
  clocks: Row<'sla_clock'>[];
  requests: Row<'marketing_request'>[];
  timers: Row<'timer'>[];
}

const requestIdeas = [
  ['deal_help', 'Customer story for a healthcare prospect'],
  ['asset', 'One-pager comparing us with the incumbent'],
  ['campaign', 'Nurture track for recycled mid-market leads'],
  ['event_support', 'Booth staff and demo kit for the Boston meetup'],
  ['asset', 'ROI calculator in the new brand'],
  ['deal_help', 'Executive briefing deck for a named account'],
] as const;

/**
 * The hand-off side of the demo: routing rules, business hours per team, rep capacity, SLA clocks
 * for every assignment in the generated history (met when the rep answered in time, breached
 * otherwise, running for open MQLs with their future timers) and requests to marketing in every
 * state. Draws from the seeded generator after everything else, so the other rows do not change.
 */
export function generateHandoff(
  ctx: DemoContext,
  input: { leads: readonly DemoLead[]; activities: readonly Row<'activity'>[] },
): DemoHandoff {
  const { f } = ctx;
  const ws = ctx.workspaceId;
  const setup = new Date(ctx.startMs - 20 * 24 * hour);
  const reps = [ctx.users.rep1, ctx.users.rep2, ctx.users.rep3];
  const rules: RoutingRule[] = [
    { id: 'account-owner', name: 'Existing account owner', kind: 'account_owner' },
    {
      id: 'enterprise',
      name: 'Enterprise to the senior rep',
      kind: 'segment',
      minEmployees: 1000,
      target: { kind: 'user', userId: ctx.users.rep1 },
    },
    {
      id: 'everyone-else',
      name: 'Everyone else, weighted round robin',
      kind: 'catch_all',
      target: { kind: 'team', teamId: ctx.salesTeamId, strategy: 'weighted' },
    },
  ];
  const routing: Row<'routing_config'>[] = [
    {
      workspace_id: ws,
      id: ctx.id(setup.getTime()),
      funnel: 'default',
      rules: JSON.stringify(rules),
      state: JSON.stringify({ cursors: {}, credits: {} }),
      updated_by: ctx.users.admin,
      updated_at: setup,
    },
  ];
  const businessHours: Row<'business_hours'>[] = [
    {
      workspace_id: ws,
      id: ctx.id(setup.getTime()),
      team_id: ctx.salesTeamId,
      hours: JSON.stringify(demoSalesHours),
      updated_at: setup,
    },
    {
      workspace_id: ws,
      id: ctx.id(setup.getTime()),
      team_id: ctx.marketingTeamId,
      hours: JSON.stringify(demoMarketingHours),
      updated_at: setup,
    },
  ];
  const capacity: Row<'rep_capacity'>[] = reps.map((userId, i) => ({
    workspace_id: ws,
    user_id: userId,
    capacity: 60,
    weight: i === 0 ? 1 : 2,
    updated_at: setup,
  }));
  capacity.push({ workspace_id: ws, user_id: ctx.users.manager, capacity: 0, weight: 0, updated_at: setup });

  const sales = compile(demoSalesHours);
  const marketing = compile(demoMarketingHours);
  const policy = slaPolicyFromContract(exampleContract.sla);
  const clocks: Row<'sla_clock'>[] = [];
  const timers: Row<'timer'>[] = [];
  const firstTouch = new Map<string, number>();
  for (const a of input.activities) {
    if (a.kind === 'note' || !a.lead_id) continue;
    const at = new Date(a.occurred_at as Date).getTime();
    const seen = firstTouch.get(a.lead_id);
    if (seen === undefined || at < seen) firstTouch.set(a.lead_id, at);
  }
  const addClock = (options: {
    subject: { type: 'lead' | 'request'; id: string };
    kind: 'accept_reject' | 'first_touch' | 'marketing_request';
    assigneeId: string | null;
    teamId: string;
    startMs: number;
    stopMs: number | null;
    settings: SlaSettings;
    calendar: ReturnType<typeof compile>;
  }) => {
    const started = startClock({
      kind: options.kind,
      startedAt: new Date(options.startMs),
      settings: options.settings,
      calendar: options.calendar,
    });
    if (!started.ok) return;
    const c = started.clock;
    const stop = options.stopMs !== null && options.stopMs < ctx.nowMs ? options.stopMs : null;
    const seenUntil = stop ?? ctx.nowMs;
    const id = ctx.id(options.startMs);
    const warned = c.warnAt.getTime() <= seenUntil;
    const breached = c.dueAt.getTime() <= seenUntil;
    clocks.push({
      workspace_id: ws,
      id,
      subject_type: options.subject.type,
      subject_id: options.subject.id,
      kind: options.kind,
      assignee_id: options.assigneeId,
      team_id: options.teamId,
      started_at: c.startedAt,
      warn_at: c.warnAt,
      due_at: c.dueAt,
      reassign_at: c.reassignAt,
      stopped_at: stop === null ? null : new Date(stop),
      stop_cause: stop === null ? null : options.kind === 'first_touch' ? 'activity' : 'decision',
      outcome: stop === null ? null : stop <= c.dueAt.getTime() ? 'met' : 'breached',
      escalation_level: breached ? 2 : warned ? 1 : 0,
      warned_at: warned ? c.warnAt : null,
      breached_at: breached ? c.dueAt : null,
      contract_version: 1,
    });
    if (stop !== null) return;
    // A running clock keeps only its future steps: seeding never fires a backlog at start-up.
    for (const timer of clockTimers(c)) {
      if (timer.at.getTime() <= ctx.nowMs) continue;
      timers.push({
        workspace_id: ws,
        id: ctx.id(options.startMs),
        kind: `sla.${timer.milestone}`,
        subject_type: 'sla_clock',
        subject_id: id,
        due_at: timer.at,
        payload: JSON.stringify({ clockId: id }),
        created_at: new Date(options.startMs),
        dedupe_key: `sla:${id}:${timer.milestone}`,
      });
    }
  };

  for (const lead of input.leads) {
    const owner = lead.row.owner_id;
    const mql = lead.steps.findLast((s) => s.to === 'mql');
    if (!owner || !mql) continue;
    lead.row.assigned_at = new Date(mql.atMs);
    const after = lead.steps.filter((s) => s.atMs > mql.atMs);
    const decision = after.find((s) => ['accepted', 'recycled', 'disqualified'].includes(s.to));
    const touch = firstTouch.get(lead.row.id);
    const common = {
      subject: { type: 'lead' as const, id: lead.row.id },
      assigneeId: owner,
      teamId: ctx.salesTeamId,
    };
    addClock({
      ...common,
      kind: 'accept_reject',
      startMs: mql.atMs,
      stopMs: decision?.atMs ?? null,
      settings: policy.accept_reject,
      calendar: sales,
    });
    if (lead.row.stage === 'recycled' || lead.row.stage === 'disqualified' || lead.row.stage === 'lead') {
      if (touch === undefined) continue;
    }
    addClock({
      ...common,
      kind: 'first_touch',
      startMs: mql.atMs,
      stopMs: touch !== undefined && touch >= mql.atMs ? touch : (decision?.atMs ?? null),
      settings: policy.first_touch,
      calendar: sales,
    });
  }

  const requests: Row<'marketing_request'>[] = [];
  const statuses = ['open', 'open', 'accepted', 'delivered', 'delivered', 'declined'] as const;
  requestIdeas.forEach(([kind, title], i) => {
    const status = statuses[i]!;
    const createdMs = ctx.nowMs - (i + 1) * 26 * hour;
    const id = ctx.id(createdMs);
    const answeredMs = createdMs + (chance(f, 0.6) ? 20 : 90) * hour;
    const requester = f.helpers.arrayElement(reps);
    const done =
      status === 'delivered' || status === 'declined' ? Math.min(answeredMs, ctx.nowMs - hour) : null;
    requests.push({
      workspace_id: ws,
      id,
      kind,
      title,
      detail: null,
      status,
      requested_by: requester,
      team_id: ctx.marketingTeamId,
      assignee_id: status === 'open' ? null : ctx.users.marketing,
      lead_id: null,
      account_id: null,
      opportunity_id: null,
      decline_reason: status === 'declined' ? 'No budget left this quarter' : null,
      resolution_note: status === 'delivered' ? 'Shared in the asset library' : null,
      created_at: new Date(createdMs),
      accepted_at: status === 'open' ? null : new Date(createdMs + 4 * hour),
      delivered_at: status === 'delivered' ? new Date(done!) : null,
      declined_at: status === 'declined' ? new Date(done!) : null,
      updated_at: new Date(done ?? createdMs),
    });
    addClock({
      subject: { type: 'request', id },
      kind: 'marketing_request',
      assigneeId: status === 'open' ? null : ctx.users.marketing,
      teamId: ctx.marketingTeamId,
      startMs: createdMs,
      stopMs: done,
      settings: policy.marketing_request,
      calendar: marketing,
    });
  });

  return { routing, businessHours, capacity, clocks, requests, timers };
}

function compile(hours: BusinessHoursInput) {
  const result = compileCalendar(hours);
  if (!result.ok) throw new Error(`demo business hours are invalid: ${result.errors[0]?.detail}`);
  return result.calendar;
}
