import { describe, expect, it } from 'vitest';
import { compileCalendar, formatDay, parseDay, weekdayOf } from './business-calendar.js';

describe('compileCalendar', () => {
  it('compiles a valid calendar and sums the weekly minutes', () => {
    const result = compileCalendar({
      timeZone: 'Europe/Berlin',
      week: {
        mon: [
          { start: '13:00', end: '17:30' },
          { start: '09:00', end: '12:00' },
        ],
        sat: [{ start: '00:00', end: '24:00' }],
      },
      holidays: [{ date: '2025-12-25' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.calendar.weeklyMinutes).toBe(180 + 270 + 1440);
    expect(result.calendar.week[1]).toEqual([
      [540, 720],
      [780, 1050],
    ]);
    expect(result.calendar.lastOverrideDay).toBe(parseDay('2025-12-25'));
  });

  it('names every offending field', () => {
    const result = compileCalendar({
      timeZone: 'Mars/Olympus',
      week: {
        mon: [
          { start: '9:00', end: '12:00' },
          { start: '10:00', end: '10:00' },
        ],
        tue: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
        wed: [{ start: '24:00', end: '24:00' }],
      },
      holidays: [{ date: '2025-02-30' }, { date: '2025-12-25' }, { date: '2025-12-25' }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual([
      '/timeZone',
      '/week/mon/0/start',
      '/week/mon/1/end',
      '/week/tue',
      '/week/wed/0/start',
      '/holidays/0/date',
      '/holidays/2/date',
    ]);
  });

  it('rejects unknown weekdays', () => {
    const result = compileCalendar({ timeZone: 'UTC', week: { monday: [] } as never });
    expect(result).toMatchObject({ ok: false, errors: [{ field: '/week/monday' }] });
  });
});

describe('day numbers', () => {
  it('round-trip dates and know the weekday', () => {
    expect(parseDay('1970-01-01')).toBe(0);
    expect(weekdayOf(0)).toBe(4);
    expect(formatDay(parseDay('2024-02-29')!)).toBe('2024-02-29');
    expect(weekdayOf(parseDay('2025-03-30')!)).toBe(0);
    expect(weekdayOf(parseDay('1969-12-31')!)).toBe(3);
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2023-2-1')).toBeNull();
  });
});
