import { type BusinessCalendar, hoursOn } from './business-calendar.js';
import { openRangesFrom } from './open-ranges.js';
import { msPerDay, msPerMinute } from './zone-offsets.js';

/** Ten years of round-the-clock minutes: far beyond any service level, and it bounds the work. */
export const maxBusinessMinutes = 10 * 366 * 24 * 60;

export type DeadlineResult =
  | { ok: true; at: Date }
  | { ok: false; code: 'no_working_time' | 'invalid_minutes' | 'invalid_start'; detail: string };

/**
 * Whether the calendar is open at instant `t`: the local wall clock shows a time inside one of
 * that local date's working intervals (holiday hours replace the weekday's).
 */
export function isOpen(calendar: BusinessCalendar, t: Date): boolean {
  if (!Number.isFinite(t.getTime())) return false;
  const wall = calendar.zone.wallAt(t.getTime());
  const day = Math.floor(wall / msPerDay);
  const minute = (wall - day * msPerDay) / msPerMinute;
  return hoursOn(calendar, day).some(([start, end]) => minute >= start && minute < end);
}

/** The first instant at or after `t` at which the calendar is open (`t` itself when open), or null if never. */
export function nextOpening(calendar: BusinessCalendar, t: Date): Date | null {
  for (const [start] of openRangesFrom(calendar, t.getTime())) return new Date(start);
  return null;
}

/**
 * The deadline `minutes` business minutes after `start`: the earliest instant by which that much
 * open time has elapsed. It is never inside closed hours: it is an open instant or the closing
 * instant of the last working interval used (`17:30` for one minute from `17:29`). For 0 minutes
 * it is the next opening, so a zero-minute service level started at night is due when the team
 * opens. Fractional minutes are counted to the millisecond.
 * @example addBusinessMinutes(berlin, new Date('2025-03-28T16:00:00Z'), 90) // Monday 10:00 local (30 min on Friday, 60 on Monday)
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): DeadlineResult {
  if (!Number.isFinite(minutes) || minutes < 0 || minutes > maxBusinessMinutes) {
    return {
      ok: false,
      code: 'invalid_minutes',
      detail: `minutes must be between 0 and ${maxBusinessMinutes}`,
    };
  }
  if (!Number.isFinite(start.getTime()))
    return { ok: false, code: 'invalid_start', detail: 'start is not a valid date' };
  let remaining = Math.round(minutes * msPerMinute);
  for (const [open, close] of openRangesFrom(calendar, start.getTime())) {
    if (remaining <= close - open) return { ok: true, at: new Date(open + remaining) };
    remaining -= close - open;
  }
  return {
    ok: false,
    code: 'no_working_time',
    detail: `the calendar (${calendar.timeZone}) has no working time left after ${start.toISOString()}`,
  };
}

/**
 * Business minutes (possibly fractional) in [a, b): open real time between the two instants.
 * Negative when b is before a, so `businessMinutesBetween(cal, due, now)` is minutes overdue.
 */
export function businessMinutesBetween(calendar: BusinessCalendar, a: Date, b: Date): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return -businessMinutesBetween(calendar, b, a);
  let total = 0;
  for (const [open, close] of openRangesFrom(calendar, from)) {
    if (open >= to) break;
    total += Math.min(close, to) - open;
  }
  return total / msPerMinute;
}
