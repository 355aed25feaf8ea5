import { msPerDay, type ZoneOffsets, zoneOffsets } from './zone-offsets.js';

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

/** A working interval in local wall-clock time, `HH:MM` to `HH:MM` (end exclusive, `24:00` allowed). */
export interface WorkingHours {
  start: string;
  end: string;
}

/**
 * A closed day, or a day with shortened hours, given as a date in the calendar's own zone.
 * @example { date: '2025-12-24', name: 'Christmas Eve', hours: [{ start: '09:00', end: '12:00' }] }
 */
export interface Holiday {
  date: string;
  name?: string;
  /** Working hours that replace the usual ones on that date (a half-day); absent means closed. */
  hours?: WorkingHours[];
}

/**
 * Business hours as a team writes them down.
 * @example {
 *   timeZone: 'Europe/Berlin',
 *   week: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:30' }], ... },
 *   holidays: [{ date: '2025-12-25', name: 'Christmas' }],
 * }
 */
export interface BusinessHoursInput {
  timeZone: string;
  week: Partial<Record<Weekday, WorkingHours[]>>;
  holidays?: Holiday[];
}

/** [start, end) in minutes after local midnight. */
export type MinuteInterval = readonly [start: number, end: number];

/** A validated calendar, ready for the business-time functions. Build it with `compileCalendar`. */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly zone: ZoneOffsets;
  /** Working intervals per weekday, index 0 = Sunday (as `weekdays`). */
  readonly week: ReadonlyArray<ReadonlyArray<MinuteInterval>>;
  /** Holidays and half-days by local day number (days since 1970-01-01 in the calendar's zone). */
  readonly overrides: ReadonlyMap<number, ReadonlyArray<MinuteInterval>>;
  /** Scheduled minutes in an ordinary week; 0 means only half-day overrides can ever be open. */
  readonly weeklyMinutes: number;
  /** The latest override's day number, or -Infinity without overrides. */
  readonly lastOverrideDay: number;
}

export interface CalendarError {
  /** JSON pointer into the input, e.g. `/week/mon/1/end`. */
  field: string;
  detail: string;
}

export type CompileCalendarResult =
  | { ok: true; calendar: BusinessCalendar }
  | { ok: false; errors: CalendarError[] };

const maxIntervalsPerDay = 12;
const maxHolidays = 2_000;

/**
 * Checks business hours and compiles them. Errors name the offending field; nothing throws.
 * @example compileCalendar({ timeZone: 'America/New_York', week: { mon: [{ start: '09:00', end: '17:00' }] } })
 */
export function compileCalendar(input: BusinessHoursInput): CompileCalendarResult {
  const errors: CalendarError[] = [];
  let zone: ZoneOffsets | undefined;
  try {
    zone = zoneOffsets(input.timeZone);
  } catch {
    errors.push({ field: '/timeZone', detail: `unknown time zone '${String(input.timeZone)}'` });
  }

  const week = weekdays.map((day) => compileIntervals(input.week?.[day] ?? [], `/week/${day}`, errors));
  for (const key of Object.keys(input.week ?? {})) {
    if (!(weekdays as readonly string[]).includes(key)) {
      errors.push({ field: `/week/${key}`, detail: `unknown weekday; use one of ${weekdays.join(', ')}` });
    }
  }

  const overrides = new Map<number, ReadonlyArray<MinuteInterval>>();
  const holidays = input.holidays ?? [];
  if (holidays.length > maxHolidays) {
    errors.push({ field: '/holidays', detail: `at most ${maxHolidays} holidays` });
  }
  holidays.slice(0, maxHolidays).forEach((holiday, i) => {
    const day = parseDay(holiday.date);
    if (day === null) {
      errors.push({ field: `/holidays/${i}/date`, detail: 'must be a date YYYY-MM-DD' });
      return;
    }
    if (overrides.has(day)) {
      errors.push({ field: `/holidays/${i}/date`, detail: `${holiday.date} is listed twice` });
      return;
    }
    overrides.set(day, compileIntervals(holiday.hours ?? [], `/holidays/${i}/hours`, errors));
  });

  if (errors.length > 0 || !zone) return { ok: false, errors };
  const weeklyMinutes = week.reduce((sum, day) => sum + day.reduce((s, [a, b]) => s + b - a, 0), 0);
  return {
    ok: true,
    calendar: {
      timeZone: zone.timeZone,
      zone,
      week,
      overrides,
      weeklyMinutes,
      lastOverrideDay: overrides.size > 0 ? Math.max(...overrides.keys()) : Number.NEGATIVE_INFINITY,
    },
  };
}

/** Working intervals for a local day number: the holiday override if any, else the weekday's. */
export function hoursOn(calendar: BusinessCalendar, day: number): ReadonlyArray<MinuteInterval> {
  return calendar.overrides.get(day) ?? calendar.week[weekdayOf(day)]!;
}

/** 0 = Sunday; day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of a `YYYY-MM-DD` date, or null when it is not a real date. */
export function parseDay(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof date === 'string' ? date : '');
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(0);
  at.setUTCFullYear(y, m - 1, d);
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return null;
  return Math.round(at.getTime() / msPerDay);
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

function compileIntervals(
  hours: readonly WorkingHours[],
  field: string,
  errors: CalendarError[],
): MinuteInterval[] {
  if (!Array.isArray(hours)) {
    errors.push({ field, detail: 'must be a list of {start, end}' });
    return [];
  }
  if (hours.length > maxIntervalsPerDay) {
    errors.push({ field, detail: `at most ${maxIntervalsPerDay} intervals a day` });
    return [];
  }
  const out: Array<[number, number]> = [];
  hours.forEach((h, i) => {
    const start = parseClock(h?.start, false);
    const end = parseClock(h?.end, true);
    if (start === null)
      errors.push({ field: `${field}/${i}/start`, detail: 'must be HH:MM from 00:00 to 23:59' });
    if (end === null)
      errors.push({ field: `${field}/${i}/end`, detail: 'must be HH:MM from 00:01 to 24:00' });
    if (start === null || end === null) return;
    if (end <= start) {
      errors.push({
        field: `${field}/${i}/end`,
        detail: 'must be after start (an interval cannot cross midnight)',
      });
      return;
    }
    out.push([start, end]);
  });
  out.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < out.length; i++) {
    if (out[i]![0] < out[i - 1]![1]) {
      errors.push({ field, detail: 'intervals overlap' });
      break;
    }
  }
  return out;
}

function parseClock(value: unknown, allowMidnightEnd: boolean): number | null {
  if (typeof value !== 'string') return null;
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 24 * 60 || (minutes === 24 * 60 && !allowMidnightEnd)) return null;
  return minutes;
}
