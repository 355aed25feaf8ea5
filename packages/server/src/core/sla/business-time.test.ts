import { describe, expect, it } from 'vitest';
import { type BusinessHoursInput, compileCalendar, type WorkingHours } from './business-calendar.js';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpen,
  maxBusinessMinutes,
  nextOpening,
} from './business-time.js';

const at = (iso: string) => new Date(iso);
const splitDay: WorkingHours[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:30' },
];
const weekdaysOnly = (hours: WorkingHours[]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
});
const everyDay = (hours: WorkingHours[]) => ({ ...weekdaysOnly(hours), sat: hours, sun: hours });

function calendar(input: BusinessHoursInput) {
  const result = compileCalendar(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.calendar;
}

function deadline(input: BusinessHoursInput, start: string, minutes: number): string {
  const result = addBusinessMinutes(calendar(input), at(start), minutes);
  if (!result.ok) throw new Error(result.detail);
  return result.at.toISOString();
}

describe('ordinary business hours', () => {
  const berlin: BusinessHoursInput = { timeZone: 'Europe/Berlin', week: weekdaysOnly(splitDay) };

  it('skips the lunch break, the evening and the weekend', () => {
    // Friday 2025-01-10 11:30 CET (10:30Z): 30 min before lunch, 270 after, then Monday.
    expect(deadline(berlin, '2025-01-10T10:30:00Z', 30)).toBe('2025-01-10T11:00:00.000Z');
    expect(deadline(berlin, '2025-01-10T10:30:00Z', 31)).toBe('2025-01-10T12:01:00.000Z');
    expect(deadline(berlin, '2025-01-10T10:30:00Z', 300)).toBe('2025-01-10T16:30:00.000Z');
    expect(deadline(berlin, '2025-01-10T10:30:00Z', 301)).toBe('2025-01-13T08:01:00.000Z');
  });

  it('ends on the closing instant rather than the next opening', () => {
    expect(deadline(berlin, '2025-01-10T16:00:00Z', 30)).toBe('2025-01-10T16:30:00.000Z');
    expect(isOpen(calendar(berlin), at('2025-01-10T16:30:00Z'))).toBe(false);
  });

  it('starts counting at the next opening when started in closed hours; 0 minutes is the opening itself', () => {
    expect(deadline(berlin, '2025-01-11T12:00:00Z', 0)).toBe('2025-01-13T08:00:00.000Z');
    expect(deadline(berlin, '2025-01-11T12:00:00Z', 15)).toBe('2025-01-13T08:15:00.000Z');
    expect(deadline(berlin, '2025-01-13T09:10:00Z', 0)).toBe('2025-01-13T09:10:00.000Z');
  });

  it('counts between two instants, negative backwards', () => {
    const cal = calendar(berlin);
    // Friday 17:00 local → Monday 10:00 local: 30 + 60.
    expect(businessMinutesBetween(cal, at('2025-01-10T16:00:00Z'), at('2025-01-13T09:00:00Z'))).toBe(90);
    expect(businessMinutesBetween(cal, at('2025-01-13T09:00:00Z'), at('2025-01-10T16:00:00Z'))).toBe(-90);
    expect(businessMinutesBetween(cal, at('2025-01-13T09:00:00Z'), at('2025-01-13T09:00:30Z'))).toBe(0.5);
  });

  it('answers isOpen and nextOpening at the edges of an interval', () => {
    const cal = calendar(berlin);
    expect(isOpen(cal, at('2025-01-13T07:59:59.999Z'))).toBe(false);
    expect(isOpen(cal, at('2025-01-13T08:00:00Z'))).toBe(true);
    expect(isOpen(cal, at('2025-01-13T10:59:59.999Z'))).toBe(true);
    expect(isOpen(cal, at('2025-01-13T11:00:00Z'))).toBe(false);
    expect(nextOpening(cal, at('2025-01-13T11:00:00Z'))?.toISOString()).toBe('2025-01-13T12:00:00.000Z');
    expect(nextOpening(cal, at('2025-01-13T10:00:00Z'))?.toISOString()).toBe('2025-01-13T10:00:00.000Z');
  });

  it('uses half-hour offsets (Asia/Kolkata, UTC+05:30, no daylight saving)', () => {
    const kolkata: BusinessHoursInput = {
      timeZone: 'Asia/Kolkata',
      week: weekdaysOnly([{ start: '09:30', end: '18:00' }]),
    };
    // Monday 2025-06-02 09:30 IST is 04:00Z; Friday 18:00 IST is 12:30Z.
    expect(deadline(kolkata, '2025-06-01T12:00:00Z', 1)).toBe('2025-06-02T04:01:00.000Z');
    expect(deadline(kolkata, '2025-06-06T12:00:00Z', 31)).toBe('2025-06-09T04:01:00.000Z');
  });

  it('skips whole days quickly for long spans', () => {
    const cal = calendar(berlin);
    const result = addBusinessMinutes(cal, at('2025-01-06T08:00:00Z'), 52 * 5 * 450);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(businessMinutesBetween(cal, at('2025-01-06T08:00:00Z'), result.at)).toBe(52 * 5 * 450);
  });
});

describe('midnight', () => {
  const nightShift: BusinessHoursInput = {
    timeZone: 'America/New_York',
    week: { mon: [{ start: '22:00', end: '24:00' }], tue: [{ start: '00:00', end: '06:00' }] },
  };

  it('carries a shift through midnight without a gap', () => {
    // Monday 2025-01-13 23:00 EST (04:00Z Tuesday) + 120 min → Tuesday 01:00 EST.
    expect(deadline(nightShift, '2025-01-14T04:00:00Z', 120)).toBe('2025-01-14T06:00:00.000Z');
    expect(isOpen(calendar(nightShift), at('2025-01-14T05:00:00Z'))).toBe(true);
    expect(
      businessMinutesBetween(calendar(nightShift), at('2025-01-13T00:00Z'), at('2025-01-15T00:00Z')),
    ).toBe(480);
  });
});

describe('daylight-saving changes: elapsed real minutes', () => {
  const allDay = [{ start: '00:00', end: '24:00' }];

  it('Europe/Berlin spring forward: the skipped hour 02:00–03:00 is never open', () => {
    const cal = calendar({ timeZone: 'Europe/Berlin', week: { sun: [{ start: '01:00', end: '05:00' }] } });
    // Sunday 2025-03-30: 01:00 CET = 00:00Z, clocks jump 02:00 → 03:00 at 01:00Z, 05:00 CEST = 03:00Z.
    expect(businessMinutesBetween(cal, at('2025-03-29T00:00Z'), at('2025-03-31T00:00Z'))).toBe(180);
    expect(
      deadline(
        { timeZone: 'Europe/Berlin', week: { sun: [{ start: '01:00', end: '05:00' }] } },
        '2025-03-30T00:30:00Z',
        45,
      ),
    ).toBe('2025-03-30T01:15:00.000Z');
    const skipped = calendar({
      timeZone: 'Europe/Berlin',
      week: { sun: [{ start: '02:00', end: '03:00' }] },
    });
    expect(businessMinutesBetween(skipped, at('2025-03-29T00:00Z'), at('2025-03-31T00:00Z'))).toBe(0);
    // The next Sunday has the hour again.
    expect(nextOpening(skipped, at('2025-03-29T00:00Z'))?.toISOString()).toBe('2025-04-06T00:00:00.000Z');
  });

  it('Europe/Berlin fall back: the repeated hour 02:00–03:00 counts twice', () => {
    const repeated = calendar({
      timeZone: 'Europe/Berlin',
      week: { sun: [{ start: '02:00', end: '03:00' }] },
    });
    // Sunday 2025-10-26: 02:00 CEST = 00:00Z … 03:00 CEST becomes 02:00 CET at 01:00Z … 03:00 CET = 02:00Z.
    expect(businessMinutesBetween(repeated, at('2025-10-25T00:00Z'), at('2025-10-27T00:00Z'))).toBe(120);
    expect(isOpen(repeated, at('2025-10-26T00:30:00Z'))).toBe(true);
    expect(isOpen(repeated, at('2025-10-26T01:30:00Z'))).toBe(true);
    expect(
      deadline(
        { timeZone: 'Europe/Berlin', week: { sun: [{ start: '02:00', end: '03:00' }] } },
        '2025-10-26T00:00:00Z',
        90,
      ),
    ).toBe('2025-10-26T01:30:00.000Z');
    const day = calendar({ timeZone: 'Europe/Berlin', week: everyDay(allDay) });
    expect(businessMinutesBetween(day, at('2025-10-25T22:00Z'), at('2025-10-26T23:00Z'))).toBe(25 * 60);
  });

  it('America/New_York: a 23-hour and a 25-hour day', () => {
    const cal = calendar({ timeZone: 'America/New_York', week: everyDay(allDay) });
    // Local midnight to midnight: 2025-03-09 (spring forward) and 2025-11-02 (fall back).
    expect(businessMinutesBetween(cal, at('2025-03-09T05:00Z'), at('2025-03-10T04:00Z'))).toBe(23 * 60);
    expect(businessMinutesBetween(cal, at('2025-11-02T04:00Z'), at('2025-11-03T05:00Z'))).toBe(25 * 60);
    // Working 01:00–03:00 on the fall-back Sunday: 01:00 EDT = 05:00Z to 03:00 EST = 08:00Z, three real hours.
    const early = calendar({
      timeZone: 'America/New_York',
      week: { sun: [{ start: '01:00', end: '03:00' }] },
    });
    expect(businessMinutesBetween(early, at('2025-11-01T00:00Z'), at('2025-11-04T00:00Z'))).toBe(180);
    expect(
      deadline(
        { timeZone: 'America/New_York', week: { sun: [{ start: '01:00', end: '03:00' }] } },
        '2025-11-01T00:00Z',
        180,
      ),
    ).toBe('2025-11-02T08:00:00.000Z');
  });

  it('America/New_York: an interval that starts inside the skipped hour opens at the jump', () => {
    const cal = calendar({ timeZone: 'America/New_York', week: { sun: [{ start: '02:30', end: '04:00' }] } });
    // 2025-03-09: 02:00 EST (07:00Z) jumps to 03:00 EDT; open from 07:00Z to 04:00 EDT = 08:00Z.
    expect(nextOpening(cal, at('2025-03-08T00:00Z'))?.toISOString()).toBe('2025-03-09T07:00:00.000Z');
    expect(businessMinutesBetween(cal, at('2025-03-08T00:00Z'), at('2025-03-10T00:00Z'))).toBe(60);
  });

  it('Australia/Sydney: southern-hemisphere changes in April and October', () => {
    const cal = calendar({ timeZone: 'Australia/Sydney', week: { sun: [{ start: '01:00', end: '04:00' }] } });
    // 2025-04-06: 03:00 AEDT → 02:00 AEST, so 01:00–04:00 holds 4 real hours.
    expect(businessMinutesBetween(cal, at('2025-04-05T00:00Z'), at('2025-04-07T00:00Z'))).toBe(240);
    // 2025-10-05: 02:00 AEST → 03:00 AEDT, so it holds 2.
    expect(businessMinutesBetween(cal, at('2025-10-04T00:00Z'), at('2025-10-06T00:00Z'))).toBe(120);
  });

  it('keeps a 9-to-5 day at 8 hours on both change days (the change happens at night)', () => {
    const cal = calendar({
      timeZone: 'America/New_York',
      week: everyDay([{ start: '09:00', end: '17:00' }]),
    });
    expect(businessMinutesBetween(cal, at('2025-03-09T05:00Z'), at('2025-03-10T04:00Z'))).toBe(480);
    expect(
      deadline(
        { timeZone: 'America/New_York', week: everyDay([{ start: '09:00', end: '17:00' }]) },
        '2025-03-08T22:00Z',
        60,
      ),
    ).toBe('2025-03-09T14:00:00.000Z');
  });
});

describe('holidays', () => {
  const input: BusinessHoursInput = {
    timeZone: 'Europe/Berlin',
    week: weekdaysOnly(splitDay),
    holidays: [
      { date: '2025-12-24', name: 'Christmas Eve', hours: [{ start: '09:00', end: '12:00' }] },
      { date: '2025-12-25', name: 'Christmas' },
      { date: '2025-12-26', name: 'Boxing Day' },
    ],
  };

  it('closes holidays and shortens half-days', () => {
    const cal = calendar(input);
    expect(isOpen(cal, at('2025-12-24T10:00:00Z'))).toBe(true);
    expect(isOpen(cal, at('2025-12-24T13:00:00Z'))).toBe(false);
    expect(isOpen(cal, at('2025-12-25T10:00:00Z'))).toBe(false);
    // Wednesday 24th 11:00 CET (10:00Z) + 61 min → past the half-day, Thu/Fri closed, weekend → Monday 29th 09:01.
    expect(deadline(input, '2025-12-24T10:00:00Z', 61)).toBe('2025-12-29T08:01:00.000Z');
  });

  it('half-days can open a normally closed day', () => {
    const saturday = {
      ...input,
      holidays: [{ date: '2025-12-27', hours: [{ start: '10:00', end: '11:00' }] }],
    };
    expect(nextOpening(calendar(saturday), at('2025-12-26T20:00:00Z'))?.toISOString()).toBe(
      '2025-12-27T09:00:00.000Z',
    );
  });
});

describe('calendars without working time', () => {
  it('answers an error value instead of looping', () => {
    const never = calendar({ timeZone: 'UTC', week: {} });
    expect(addBusinessMinutes(never, at('2025-01-01T00:00Z'), 10)).toMatchObject({
      ok: false,
      code: 'no_working_time',
    });
    expect(nextOpening(never, at('2025-01-01T00:00Z'))).toBeNull();
    expect(businessMinutesBetween(never, at('2025-01-01T00:00Z'), at('2035-01-01T00:00Z'))).toBe(0);
    expect(isOpen(never, at('2025-01-01T00:00Z'))).toBe(false);
  });

  it('uses up the only half-day and then reports there is no time left', () => {
    const once = calendar({
      timeZone: 'UTC',
      week: {},
      holidays: [{ date: '2025-02-01', hours: [{ start: '10:00', end: '11:00' }] }],
    });
    expect(addBusinessMinutes(once, at('2025-01-01T00:00Z'), 60)).toEqual({
      ok: true,
      at: at('2025-02-01T11:00Z'),
    });
    expect(addBusinessMinutes(once, at('2025-01-01T00:00Z'), 61)).toMatchObject({
      ok: false,
      code: 'no_working_time',
    });
    expect(nextOpening(once, at('2025-02-01T11:00Z'))).toBeNull();
  });

  it('refuses negative, infinite and absurd minute counts', () => {
    const cal = calendar({ timeZone: 'UTC', week: everyDay([{ start: '00:00', end: '24:00' }]) });
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, maxBusinessMinutes + 1]) {
      expect(addBusinessMinutes(cal, at('2025-01-01T00:00Z'), bad)).toMatchObject({
        ok: false,
        code: 'invalid_minutes',
      });
    }
  });
});

describe('invalid instants', () => {
  it('answers values, never loops, for an invalid Date', () => {
    const never = calendar({ timeZone: 'UTC', week: {} });
    const bad = new Date(Number.NaN);
    expect(addBusinessMinutes(never, bad, 5)).toMatchObject({ ok: false, code: 'invalid_start' });
    expect(isOpen(never, bad)).toBe(false);
    expect(nextOpening(never, bad)).toBeNull();
  });
});
