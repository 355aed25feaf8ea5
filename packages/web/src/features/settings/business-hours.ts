/** Business hours as the server's schema defines them (see the routing API). */
export interface Interval {
  start: string;
  end: string;
}

export const weekDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekDay = (typeof weekDays)[number];

export interface Holiday {
  date: string;
  name?: string;
  hours?: Interval[];
}

export interface BusinessHours {
  timeZone: string;
  week: Partial<Record<WeekDay, Interval[]>>;
  holidays?: Holiday[];
}

const dayLabels: Record<WeekDay, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export function dayLabel(day: WeekDay): string {
  return dayLabels[day];
}

/** Intervals as typed: `09:00-12:00, 13:00-17:30` (empty: closed). */
export function formatIntervals(intervals: readonly Interval[] | undefined): string {
  return (intervals ?? []).map((i) => `${i.start}-${i.end}`).join(', ');
}

/**
 * Typed intervals back to the API's shape, or the first problem with them. Times are HH:MM;
 * whether they are in order is the server's check (it names the field).
 */
export function parseIntervals(
  text: string,
): { ok: true; intervals: Interval[] } | { ok: false; error: string } {
  const intervals: Interval[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!match) return { ok: false, error: `“${part}” is not like 09:00-17:30` };
    const [, h1, m1, h2, m2] = match as unknown as [string, string, string, string, string];
    intervals.push({ start: `${h1.padStart(2, '0')}:${m1}`, end: `${h2.padStart(2, '0')}:${m2}` });
  }
  return { ok: true, intervals };
}

/** The editable form of a team's hours: one text per day, holidays as rows. */
export interface HoursDraft {
  timeZone: string;
  days: Record<WeekDay, string>;
  holidays: Array<{ date: string; name: string; hours: string }>;
}

export function toDraft(hours: BusinessHours | undefined): HoursDraft {
  const days = Object.fromEntries(weekDays.map((d) => [d, formatIntervals(hours?.week[d])])) as Record<
    WeekDay,
    string
  >;
  return {
    timeZone: hours?.timeZone ?? 'UTC',
    days,
    holidays: (hours?.holidays ?? []).map((h) => ({
      date: h.date,
      name: h.name ?? '',
      hours: formatIntervals(h.hours),
    })),
  };
}

/**
 * The draft as the API's hours, or the problems by field (`week/mon`, `holidays/0/hours`), in the
 * same shape as the server names them.
 */
export function fromDraft(
  draft: HoursDraft,
): { ok: true; hours: BusinessHours } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const week: BusinessHours['week'] = {};
  for (const day of weekDays) {
    const parsed = parseIntervals(draft.days[day]);
    if (!parsed.ok) errors[`week/${day}`] = parsed.error;
    else if (parsed.intervals.length > 0) week[day] = parsed.intervals;
  }
  const holidays: Holiday[] = [];
  draft.holidays.forEach((h, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h.date)) errors[`holidays/${i}/date`] = 'pick a date';
    const parsed = parseIntervals(h.hours);
    if (!parsed.ok) errors[`holidays/${i}/hours`] = parsed.error;
    holidays.push({
      date: h.date,
      ...(h.name.trim() ? { name: h.name.trim() } : {}),
      ...(parsed.ok && parsed.intervals.length > 0 ? { hours: parsed.intervals } : {}),
    });
  });
  if (!draft.timeZone.trim()) errors.timeZone = 'is required';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, hours: { timeZone: draft.timeZone.trim(), week, holidays } };
}

/**
 * A server problem's field (`/week/mon/0/end`, `/holidays/1/date`) as the draft field it concerns
 * (`week/mon`, `holidays/1/date`).
 */
export function draftField(field: string): string {
  const parts = field.replace(/^\//, '').split('/');
  if (parts[0] === 'week') return parts.slice(0, 2).join('/');
  if (parts[0] === 'holidays') return parts.slice(0, 3).join('/');
  return parts[0] ?? '';
}
