import type { BusinessCalendar } from './business-calendar.js';
import { addBusinessMinutes, businessMinutesBetween, type DeadlineResult } from './business-time.js';

/**
 * What a clock measures. first_touch: assignment → first logged call, email or meeting.
 * accept_reject: assignment → accept or reject. marketing_request: a request from sales →
 * marketing's accept, delivery or decline. partner_registration_review: a partner's deal
 * registration → approval or rejection.
 */
export const clockKinds = [
  'first_touch',
  'accept_reject',
  'marketing_request',
  'partner_registration_review',
] as const;
export type ClockKind = (typeof clockKinds)[number];

/** One service level, all durations in business minutes of the responsible team's calendar. */
export interface SlaSettings {
  minutes: number;
  /** Share of `minutes` after which the assignee is warned, in (0, 1). */
  warnAtShare: number;
  /** Further business minutes after the breach until the work is reassigned; null never reassigns. */
  reassignAfterMinutes: number | null;
}

export type SlaPolicy = Record<ClockKind, SlaSettings>;

/** The `sla` block of a lead contract (see docs/lead-contract.md). */
export interface ContractSla {
  firstTouchMinutes: number;
  acceptMinutes: number;
  marketingRequestHours: number;
  warnAtShare: number;
  reassignAfterMinutes: number;
}

/**
 * Service levels for every clock kind from a contract's SLA block. Marketing requests and partner
 * reviews escalate but are never reassigned automatically: the owning team decides.
 * @example slaPolicyFromContract(contract.sla, { partnerReviewMinutes: 960 })
 */
export function slaPolicyFromContract(
  sla: ContractSla,
  options: { partnerReviewMinutes?: number } = {},
): SlaPolicy {
  const warnAtShare = sla.warnAtShare;
  return {
    first_touch: {
      minutes: sla.firstTouchMinutes,
      warnAtShare,
      reassignAfterMinutes: sla.reassignAfterMinutes,
    },
    accept_reject: {
      minutes: sla.acceptMinutes,
      warnAtShare,
      reassignAfterMinutes: sla.reassignAfterMinutes,
    },
    marketing_request: { minutes: sla.marketingRequestHours * 60, warnAtShare, reassignAfterMinutes: null },
    partner_registration_review: {
      minutes: options.partnerReviewMinutes ?? 2 * 8 * 60,
      warnAtShare,
      reassignAfterMinutes: null,
    },
  };
}

export const stopCauses = ['activity', 'decision', 'cancelled'] as const;
export type StopCause = (typeof stopCauses)[number];

/** A running, paused or stopped clock. Values, never mutated: every operation returns a new clock. */
export interface SlaClock {
  kind: ClockKind;
  startedAt: Date;
  warnAt: Date;
  dueAt: Date;
  reassignAt: Date | null;
  /** Set while paused; deadlines not yet reached move out by the business time spent paused. */
  pausedAt: Date | null;
  stoppedAt: Date | null;
  stopCause: StopCause | null;
}

export const clockStatuses = [
  'on_track',
  'warning',
  'breached',
  'reassign_due',
  'met',
  'breached_met',
] as const;
export type ClockStatus = (typeof clockStatuses)[number];

type DeadlineFailure = Extract<DeadlineResult, { ok: false }>;
export type ClockResult = { ok: true; clock: SlaClock } | DeadlineFailure;

/**
 * Starts a clock at `startedAt`: warning, due and reassignment instants in business time.
 * Fails as a value when the calendar has no working time to reach a deadline.
 * @example startClock({ kind: 'first_touch', startedAt: now, settings: policy.first_touch, calendar })
 */
export function startClock(options: {
  kind: ClockKind;
  startedAt: Date;
  settings: SlaSettings;
  calendar: BusinessCalendar;
}): ClockResult {
  const { kind, startedAt, settings, calendar } = options;
  const share = Math.min(Math.max(settings.warnAtShare, 0), 1);
  const warn = addBusinessMinutes(calendar, startedAt, settings.minutes * share);
  const due = addBusinessMinutes(calendar, startedAt, settings.minutes);
  if (!warn.ok) return warn;
  if (!due.ok) return due;
  let reassignAt: Date | null = null;
  if (settings.reassignAfterMinutes !== null) {
    // Counted from the due instant, so the reassignment delay is business time after the breach.
    const reassign = addBusinessMinutes(calendar, due.at, settings.reassignAfterMinutes);
    if (!reassign.ok) return reassign;
    reassignAt = reassign.at;
  }
  return {
    ok: true,
    clock: {
      kind,
      startedAt,
      warnAt: warn.at,
      dueAt: due.at,
      reassignAt,
      pausedAt: null,
      stoppedAt: null,
      stopCause: null,
    },
  };
}

/**
 * Stops the clock at `at`. The first stop wins: a clock stopped by the first activity stays
 * stopped at that instant when a decision follows.
 */
export function stopClock(clock: SlaClock, at: Date, cause: StopCause): SlaClock {
  if (clock.stoppedAt) return clock;
  // A paused clock stops where it paused: the time after the pause was never on the clock.
  const stoppedAt = clock.pausedAt && clock.pausedAt < at ? clock.pausedAt : at;
  return { ...clock, stoppedAt, stopCause: cause, pausedAt: null };
}

/** Pauses a running clock (e.g. while the lead waits on the buyer); a no-op when paused or stopped. */
export function pauseClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.stoppedAt || clock.pausedAt) return clock;
  return { ...clock, pausedAt: at };
}

/**
 * Resumes a paused clock at `at`: each milestone not yet reached when the clock paused keeps the
 * business minutes it had left then, counted again from `at`. Milestones already passed stay.
 */
export function resumeClock(calendar: BusinessCalendar, clock: SlaClock, at: Date): ClockResult {
  const pausedAt = clock.pausedAt;
  if (!pausedAt || clock.stoppedAt) return { ok: true, clock };
  const resumeFrom = at > pausedAt ? at : pausedAt;
  const shift = (deadline: Date): DeadlineResult => {
    if (deadline <= pausedAt) return { ok: true, at: deadline };
    return addBusinessMinutes(calendar, resumeFrom, businessMinutesBetween(calendar, pausedAt, deadline));
  };
  const warn = shift(clock.warnAt);
  const due = shift(clock.dueAt);
  const reassign = clock.reassignAt ? shift(clock.reassignAt) : null;
  if (!warn.ok) return warn;
  if (!due.ok) return due;
  if (reassign && !reassign.ok) return reassign;
  return {
    ok: true,
    clock: {
      ...clock,
      warnAt: warn.at,
      dueAt: due.at,
      reassignAt: reassign ? reassign.at : null,
      pausedAt: null,
    },
  };
}

/**
 * Where a clock stands at `now`. A stopped clock is `met` when it stopped by the due instant
 * (inclusive) and `breached_met` after it; a paused clock is judged at the instant it paused.
 */
export function clockStatus(clock: SlaClock, now: Date): ClockStatus {
  if (clock.stoppedAt) return clock.stoppedAt <= clock.dueAt ? 'met' : 'breached_met';
  const t = clock.pausedAt && clock.pausedAt < now ? clock.pausedAt : now;
  if (clock.reassignAt && t >= clock.reassignAt) return 'reassign_due';
  if (t >= clock.dueAt) return 'breached';
  if (t >= clock.warnAt) return 'warning';
  return 'on_track';
}

export const milestones = ['warning', 'breach', 'reassign'] as const;
export type Milestone = (typeof milestones)[number];

/**
 * The timers a running clock needs, in order: warn the assignee, escalate to the manager at the
 * breach, reassign. Stopped and paused clocks need none (a resumed clock is scheduled anew).
 */
export function clockTimers(clock: SlaClock): Array<{ milestone: Milestone; at: Date }> {
  if (clock.stoppedAt || clock.pausedAt) return [];
  const out: Array<{ milestone: Milestone; at: Date }> = [
    { milestone: 'warning', at: clock.warnAt },
    { milestone: 'breach', at: clock.dueAt },
  ];
  if (clock.reassignAt) out.push({ milestone: 'reassign', at: clock.reassignAt });
  return out;
}

/**
 * Business minutes left until the due instant (negative once overdue), for live countdowns.
 * A stopped clock reports what was left when it stopped.
 */
export function minutesLeft(calendar: BusinessCalendar, clock: SlaClock, now: Date): number {
  const at = clock.stoppedAt ?? (clock.pausedAt && clock.pausedAt < now ? clock.pausedAt : now);
  return businessMinutesBetween(calendar, at, clock.dueAt);
}
