import { describe, expect, it } from 'vitest';
import { compileCalendar } from './business-calendar.js';
import {
  type ClockStatus,
  clockStatus,
  clockTimers,
  minutesLeft,
  pauseClock,
  resumeClock,
  type SlaClock,
  type SlaSettings,
  slaPolicyFromContract,
  startClock,
  stopClock,
} from './sla-clock.js';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const compiled = compileCalendar({
  timeZone: 'UTC',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
});
if (!compiled.ok) throw new Error('calendar');
const calendar = compiled.calendar;
const at = (iso: string) => new Date(iso);
const settings: SlaSettings = { minutes: 60, warnAtShare: 0.75, reassignAfterMinutes: 30 };

function started(startedAt: string, s: SlaSettings = settings): SlaClock {
  const result = startClock({ kind: 'first_touch', startedAt: at(startedAt), settings: s, calendar });
  if (!result.ok) throw new Error(result.detail);
  return result.clock;
}

describe('startClock', () => {
  it('puts warning, due and reassignment in business time', () => {
    // Friday 2025-01-10 16:30: 30 minutes left that day, the rest on Monday.
    const clock = started('2025-01-10T16:30:00Z');
    expect(clock.warnAt.toISOString()).toBe('2025-01-13T09:15:00.000Z');
    expect(clock.dueAt.toISOString()).toBe('2025-01-13T09:30:00.000Z');
    expect(clock.reassignAt?.toISOString()).toBe('2025-01-13T10:00:00.000Z');
    expect(clockTimers(clock).map((t) => t.milestone)).toEqual(['warning', 'breach', 'reassign']);
  });

  it('has no reassignment when the settings say never', () => {
    const clock = started('2025-01-13T10:00:00Z', { ...settings, reassignAfterMinutes: null });
    expect(clock.reassignAt).toBeNull();
    expect(clockTimers(clock).map((t) => t.milestone)).toEqual(['warning', 'breach']);
  });

  it('fails as a value on a calendar with no working time', () => {
    const never = compileCalendar({ timeZone: 'UTC', week: {} });
    if (!never.ok) throw new Error('calendar');
    const result = startClock({
      kind: 'accept_reject',
      startedAt: at('2025-01-13T10:00Z'),
      settings,
      calendar: never.calendar,
    });
    expect(result).toMatchObject({ ok: false, code: 'no_working_time' });
  });
});

describe('clockStatus', () => {
  const clock = started('2025-01-13T10:00:00Z'); // warn 10:45, due 11:00, reassign 11:30
  const cases: Array<[string, ClockStatus]> = [
    ['2025-01-13T10:44:59Z', 'on_track'],
    ['2025-01-13T10:45:00Z', 'warning'],
    ['2025-01-13T11:00:00Z', 'breached'],
    ['2025-01-13T11:29:59Z', 'breached'],
    ['2025-01-13T11:30:00Z', 'reassign_due'],
  ];
  it.each(cases)('at %s is %s', (now, status) => {
    expect(clockStatus(clock, at(now))).toBe(status);
  });

  it('is met when stopped by the due instant and breached_met after it', () => {
    expect(
      clockStatus(stopClock(clock, at('2025-01-13T11:00:00Z'), 'activity'), at('2025-01-14T00:00Z')),
    ).toBe('met');
    expect(
      clockStatus(stopClock(clock, at('2025-01-13T11:00:01Z'), 'decision'), at('2025-01-14T00:00Z')),
    ).toBe('breached_met');
  });

  it('keeps the first stop', () => {
    const first = stopClock(clock, at('2025-01-13T10:10:00Z'), 'activity');
    const second = stopClock(first, at('2025-01-13T12:00:00Z'), 'decision');
    expect(second).toBe(first);
    expect(second.stopCause).toBe('activity');
    expect(clockTimers(second)).toEqual([]);
  });
});

describe('pause and resume', () => {
  it('freezes the status while paused and moves open deadlines out by the paused business time', () => {
    const clock = started('2025-01-13T10:00:00Z'); // warn 10:45, due 11:00, reassign 11:30
    const paused = pauseClock(clock, at('2025-01-13T10:30:00Z'));
    expect(clockStatus(paused, at('2025-01-14T12:00Z'))).toBe('on_track');
    expect(clockTimers(paused)).toEqual([]);
    // Paused 10:30 Monday → resumed 16:50 Monday: 15 min to warn, 30 to due, 60 to reassign.
    const resumed = resumeClock(calendar, paused, at('2025-01-13T16:50:00Z'));
    expect(resumed.ok).toBe(true);
    if (!resumed.ok) return;
    expect(resumed.clock.pausedAt).toBeNull();
    expect(resumed.clock.warnAt.toISOString()).toBe('2025-01-14T09:05:00.000Z');
    expect(resumed.clock.dueAt.toISOString()).toBe('2025-01-14T09:20:00.000Z');
    expect(resumed.clock.reassignAt?.toISOString()).toBe('2025-01-14T09:50:00.000Z');
  });

  it('leaves milestones that had already passed when it paused', () => {
    const clock = started('2025-01-13T10:00:00Z');
    const paused = pauseClock(clock, at('2025-01-13T10:50:00Z'));
    expect(clockStatus(paused, at('2025-01-13T12:00:00Z'))).toBe('warning');
    const resumed = resumeClock(calendar, paused, at('2025-01-13T11:00:00Z'));
    if (!resumed.ok) throw new Error(resumed.detail);
    expect(resumed.clock.warnAt).toEqual(clock.warnAt);
    expect(resumed.clock.dueAt.toISOString()).toBe('2025-01-13T11:10:00.000Z');
  });

  it('a clock stopped while paused stops where it paused', () => {
    const paused = pauseClock(started('2025-01-13T10:00:00Z'), at('2025-01-13T10:30:00Z'));
    const stopped = stopClock(paused, at('2025-01-15T10:00:00Z'), 'activity');
    expect(stopped.stoppedAt?.toISOString()).toBe('2025-01-13T10:30:00.000Z');
    expect(clockStatus(stopped, at('2025-01-16T00:00Z'))).toBe('met');
  });
});

describe('minutesLeft', () => {
  it('counts down in business minutes and goes negative when overdue', () => {
    const clock = started('2025-01-10T16:30:00Z'); // due Monday 09:30
    expect(minutesLeft(calendar, clock, at('2025-01-11T12:00:00Z'))).toBe(30);
    expect(minutesLeft(calendar, clock, at('2025-01-13T10:00:00Z'))).toBe(-30);
  });
});

describe('slaPolicyFromContract', () => {
  it('maps the contract block to one service level per clock kind', () => {
    const policy = slaPolicyFromContract({
      firstTouchMinutes: 30,
      acceptMinutes: 240,
      marketingRequestHours: 16,
      warnAtShare: 0.75,
      reassignAfterMinutes: 60,
    });
    expect(policy.first_touch).toEqual({ minutes: 30, warnAtShare: 0.75, reassignAfterMinutes: 60 });
    expect(policy.accept_reject.minutes).toBe(240);
    expect(policy.marketing_request).toEqual({ minutes: 960, warnAtShare: 0.75, reassignAfterMinutes: null });
    expect(policy.partner_registration_review.reassignAfterMinutes).toBeNull();
  });
});
