import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BusinessCalendar,
  type BusinessHoursInput,
  compileCalendar,
  type WorkingHours,
  weekdays,
} from './business-calendar.js';
import { addBusinessMinutes, businessMinutesBetween, isOpen, nextOpening } from './business-time.js';

/**
 * A slow, independent reading of business hours for tests: local date and time come straight from
 * `Intl.DateTimeFormat` at each instant (not from the offset table), and time is stepped minute by
 * minute. The calendar code must agree with it.
 */
class CalendarOracle {
  readonly #format: Intl.DateTimeFormat;
  constructor(readonly input: BusinessHoursInput) {
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone: input.timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
  }

  isOpen(t: number): boolean {
    const parts = Object.fromEntries(this.#format.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    const hhmm = `${parts.hour}:${parts.minute}`;
    const holiday = this.input.holidays?.find((h) => h.date === date);
    const weekday = weekdays.find((d) => d === parts.weekday?.toLowerCase());
    const hours: WorkingHours[] = holiday
      ? (holiday.hours ?? [])
      : weekday
        ? (this.input.week[weekday] ?? [])
        : [];
    // Zero-padded HH:MM strings compare like times; '24:00' is after every reading.
    return hours.some((h) => hhmm >= h.start && hhmm < h.end);
  }

  /** Open minutes in [a, b) for minute-aligned a and b. */
  minutesBetween(a: number, b: number): number {
    let n = 0;
    for (let t = a; t < b; t += 60_000) if (this.isOpen(t)) n++;
    return n;
  }
}

const zonesUnderTest = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'] as const;

/** Daylight-saving changes of the zones under test (2024–2026), instants in UTC. */
const dstChanges: readonly number[] = [
  // Europe/Berlin: last Sunday of March 01:00 UTC, last Sunday of October 01:00 UTC.
  '2024-03-31T01:00Z',
  '2024-10-27T01:00Z',
  '2025-03-30T01:00Z',
  '2025-10-26T01:00Z',
  '2026-03-29T01:00Z',
  // America/New_York: second Sunday of March 07:00 UTC, first Sunday of November 06:00 UTC.
  '2024-03-10T07:00Z',
  '2024-11-03T06:00Z',
  '2025-03-09T07:00Z',
  '2025-11-02T06:00Z',
  // Australia/Sydney: first Sunday of April 16:00 UTC (prev. day), first Sunday of October 16:00 UTC.
  '2024-04-06T16:00Z',
  '2024-10-05T16:00Z',
  '2025-04-05T16:00Z',
  '2025-10-04T16:00Z',
].map((s) => Date.parse(s));

const minute = 60_000;
const from2024 = Date.parse('2024-01-01T00:00Z') / minute;
const to2026 = Date.parse('2026-12-31T00:00Z') / minute;

/** Minute-aligned instants, half of them within two days of a daylight-saving change. */
const instantArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: from2024, max: to2026 }).map((m) => m * minute),
  fc
    .tuple(fc.constantFrom(...dstChanges), fc.integer({ min: -2 * 1440, max: 2 * 1440 }))
    .map(([at, m]) => at + m * minute),
);

const slot = (i: number) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;

/** 0–3 non-overlapping half-hour-aligned intervals; boundaries include 00:00, 02:00–03:00 and 24:00. */
const dayArb: fc.Arbitrary<WorkingHours[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 48 }), { minLength: 0, maxLength: 6 })
  .map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const out: WorkingHours[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      out.push({ start: slot(sorted[i]!), end: slot(sorted[i + 1]!) });
    return out;
  });

/** Random business hours in one of the zones under test, with holidays near the DST changes. */
const calendarInputArb: fc.Arbitrary<BusinessHoursInput> = fc
  .record({
    timeZone: fc.constantFrom(...zonesUnderTest),
    days: fc.array(dayArb, { minLength: 7, maxLength: 7 }),
    holidays: fc.uniqueArray(
      fc.record({
        at: fc.constantFrom(...dstChanges),
        shift: fc.integer({ min: -3, max: 3 }),
        hours: fc.option(dayArb, { nil: undefined }),
      }),
      { maxLength: 4, selector: (h) => h.at + h.shift * 86_400_000 },
    ),
  })
  .map(({ timeZone, days, holidays }) => ({
    timeZone,
    week: Object.fromEntries(weekdays.map((d, i) => [d, days[i]!])),
    holidays: dedupeByDate(
      holidays.map((h) => ({
        date: localDate(h.at + h.shift * 86_400_000, timeZone),
        ...(h.hours ? { hours: h.hours } : {}),
      })),
    ),
  }));

function localDate(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(t);
}

function dedupeByDate<T extends { date: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.date) && seen.add(i.date));
}

function mustCompile(input: BusinessHoursInput): BusinessCalendar {
  const result = compileCalendar(input);
  if (!result.ok) throw new Error(`calendar did not compile: ${JSON.stringify(result.errors)}`);
  return result.calendar;
}

/** A calendar with instants to probe it at. */
const caseArb = fc.record({ input: calendarInputArb, at: instantArb });

describe('business time, properties against an independent oracle', () => {
  it('isOpen agrees with the local wall clock read from Intl at every probed instant', () => {
    fc.assert(
      fc.property(
        calendarInputArb,
        fc.array(instantArb, { minLength: 1, maxLength: 25 }),
        (input, instants) => {
          const calendar = mustCompile(input);
          const oracle = new CalendarOracle(input);
          for (const t of instants) {
            expect(isOpen(calendar, new Date(t)), new Date(t).toISOString()).toBe(oracle.isOpen(t));
            expect(isOpen(calendar, new Date(t + 59_999))).toBe(oracle.isOpen(t));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('businessMinutesBetween counts the open minutes the oracle counts one by one', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 2 * 1440 }), ({ input, at }, span) => {
        const calendar = mustCompile(input);
        const oracle = new CalendarOracle(input);
        const end = at + span * 60_000;
        expect(businessMinutesBetween(calendar, new Date(at), new Date(end))).toBe(
          oracle.minutesBetween(at, end),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('a deadline is reached after exactly m business minutes, is never in closed hours, and grows with m', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (c, m, extra) => {
          const calendar = mustCompile(c.input);
          const start = new Date(c.at);
          const first = addBusinessMinutes(calendar, start, m);
          const second = addBusinessMinutes(calendar, start, m + extra);
          if (!first.ok || !second.ok) {
            // Only a calendar whose sole working time is a few half-days can run out.
            expect(calendar.weeklyMinutes).toBe(0);
            return;
          }
          expect(businessMinutesBetween(calendar, start, first.at)).toBe(m);
          expect(first.at.getTime()).toBeGreaterThanOrEqual(c.at);
          if (m === 0) expect(isOpen(calendar, first.at)).toBe(true);
          else expect(isOpen(calendar, new Date(first.at.getTime() - 1))).toBe(true);
          expect(second.at.getTime()).toBeGreaterThanOrEqual(first.at.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('deadlines for short service levels match the oracle minute by minute', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 600 }), ({ input, at }, m) => {
        const calendar = mustCompile(input);
        const deadline = addBusinessMinutes(calendar, new Date(at), m);
        if (!deadline.ok) return;
        const end = deadline.at.getTime();
        fc.pre(end - at <= 3 * 86_400_000);
        const oracle = new CalendarOracle(input);
        expect(oracle.minutesBetween(at, end)).toBe(m);
        expect(oracle.isOpen(end - 60_000)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('adding in two steps equals adding at once', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        (c, m1, m2) => {
          const calendar = mustCompile(c.input);
          const once = addBusinessMinutes(calendar, new Date(c.at), m1 + m2);
          const half = addBusinessMinutes(calendar, new Date(c.at), m1);
          if (!once.ok || !half.ok) return;
          const twice = addBusinessMinutes(calendar, half.at, m2);
          expect(twice.ok && twice.at.getTime()).toBe(once.at.getTime());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('nextOpening is open, and nothing before it is', () => {
    fc.assert(
      fc.property(caseArb, ({ input, at }) => {
        const calendar = mustCompile(input);
        const next = nextOpening(calendar, new Date(at));
        if (!next) {
          expect(calendar.weeklyMinutes).toBe(0);
          return;
        }
        expect(isOpen(calendar, next)).toBe(true);
        expect(businessMinutesBetween(calendar, new Date(at), next)).toBe(0);
        if (next.getTime() - at <= 3 * 86_400_000) {
          expect(new CalendarOracle(input).minutesBetween(at, next.getTime())).toBe(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('businessMinutesBetween is antisymmetric and additive over a midpoint', () => {
    fc.assert(
      fc.property(caseArb, instantArb, instantArb, ({ input, at }, b, c) => {
        const calendar = mustCompile(input);
        const [x, y, z] = [at, b, c].sort((p, q) => p - q).map((t) => new Date(t)) as [Date, Date, Date];
        const whole = businessMinutesBetween(calendar, x, z);
        expect(businessMinutesBetween(calendar, z, x)).toBe(-whole);
        expect(businessMinutesBetween(calendar, x, y) + businessMinutesBetween(calendar, y, z)).toBe(whole);
      }),
      { numRuns: 100 },
    );
  });
});
