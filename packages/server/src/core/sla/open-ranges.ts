import { type BusinessCalendar, hoursOn } from './business-calendar.js';
import { msPerDay, msPerMinute } from './zone-offsets.js';

/** A stretch of real time [start, end) in ms since the epoch during which the calendar is open. */
export type OpenRange = [start: number, end: number];

/**
 * Real offsets stay within −12 h and +14 h, so every instant whose wall clock shows local day D
 * lies in [D − 14 h, D + 1 day + 12 h]; the margin covers that with room to spare.
 */
const margin = 18 * 3_600_000;

/**
 * The instants at which the calendar is open on one local day. An instant is open when the
 * local wall clock at that instant shows that day and a time inside a working interval. So a
 * working interval in a skipped (spring-forward) hour contributes nothing, and a repeated
 * (fall-back) hour inside a working interval counts twice: business time is elapsed real time.
 */
export function dayRanges(calendar: BusinessCalendar, day: number): OpenRange[] {
  const hours = hoursOn(calendar, day);
  if (hours.length === 0) return [];
  const midnight = day * msPerDay;
  const segments = calendar.zone.segments(midnight - margin, midnight + msPerDay + margin);
  const out: OpenRange[] = [];
  for (const [startMinute, endMinute] of hours) {
    const wallStart = midnight + startMinute * msPerMinute;
    const wallEnd = midnight + endMinute * msPerMinute;
    for (const segment of segments) {
      const start = Math.max(segment.start, wallStart - segment.offset);
      const end = Math.min(segment.end, wallEnd - segment.offset);
      if (start < end) out.push([start, end]);
    }
  }
  out.sort((a, b) => a[0] - b[0]);
  return mergeTouching(out);
}

/**
 * The open ranges from instant `from` on, in order, the first clipped to start at `from`. Ends
 * when the calendar can never open again (no weekly hours and past the last half-day); with weekly
 * hours it never ends, so callers stop it. Work is per day, never per minute.
 */
export function* openRangesFrom(calendar: BusinessCalendar, from: number): Generator<OpenRange> {
  if (!Number.isFinite(from)) return;
  // Start a day early: after a fall-back over midnight, yesterday's repeated hour can follow `from`.
  let day = Math.floor(calendar.zone.wallAt(from) / msPerDay) - 1;
  let pending: OpenRange[] = [];
  for (;;) {
    for (const [start, end] of dayRanges(calendar, day)) {
      if (end > from) pending.push([Math.max(start, from), end]);
    }
    pending.sort((a, b) => a[0] - b[0]);
    // Ranges of later days all start at or after this bound, so anything before it is final.
    const bound = (day + 1) * msPerDay - margin;
    let emitted = 0;
    while (emitted < pending.length && pending[emitted]![0] < bound) {
      yield pending[emitted]!;
      emitted++;
    }
    pending = pending.slice(emitted);
    if (calendar.weeklyMinutes === 0 && day > calendar.lastOverrideDay + 1) {
      yield* pending;
      return;
    }
    day++;
  }
}

function mergeTouching(sorted: OpenRange[]): OpenRange[] {
  const out: OpenRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else out.push(range);
  }
  return out;
}
