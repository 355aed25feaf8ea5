/**
 * UTC offsets of an IANA time zone, read from the platform's ICU data through
 * `Intl.DateTimeFormat` (no date library). Offsets are looked up often by the calendar maths, so
 * each UTC year is scanned once into a sorted list of transitions and later lookups are a
 * binary search with no `Intl` call.
 */

export const msPerMinute = 60_000;
export const msPerDay = 86_400_000;

/** A stretch of real time during which a zone keeps one offset: [start, end). */
export interface OffsetSegment {
  start: number;
  end: number;
  /** Local wall-clock time minus UTC, in milliseconds. */
  offset: number;
}

interface YearTable {
  /** Offset in force at the start of the year. */
  first: number;
  /** Instants (ms) at which the offset changes, ascending. */
  at: number[];
  /** Offset in force from `at[i]` on. */
  after: number[];
}

/**
 * The scan samples weekly and bisects between samples that differ (about 70 ICU calls a year
 * instead of one per day). Two transitions less than a week apart that cancel out would be
 * missed; no zone's daylight-saving period has been that short.
 */
const scanStepMs = 7 * 86_400_000;

export class ZoneOffsets {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  readonly #years = new Map<number, YearTable>();

  /** @throws RangeError when the platform does not know the time zone. */
  constructor(timeZone: string) {
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    this.timeZone = this.#format.resolvedOptions().timeZone;
  }

  /** The offset (local minus UTC, ms) in force at instant `t` (ms since the epoch). */
  offsetAt(t: number): number {
    const table = this.#year(new Date(t).getUTCFullYear());
    const i = lastAtOrBefore(table.at, t);
    return i < 0 ? table.first : table.after[i]!;
  }

  /** Local wall-clock time at `t`, expressed as milliseconds of a UTC clock showing the same digits. */
  wallAt(t: number): number {
    return t + this.offsetAt(t);
  }

  /** The constant-offset segments covering [from, to), in order. */
  segments(from: number, to: number): OffsetSegment[] {
    const out: OffsetSegment[] = [];
    let start = from;
    let offset = this.offsetAt(from);
    for (const change of this.#transitionsIn(from, to)) {
      out.push({ start, end: change.at, offset });
      start = change.at;
      offset = change.offset;
    }
    out.push({ start, end: to, offset });
    return out;
  }

  /** Whether the offset changes anywhere in (from, to]. */
  changesBetween(from: number, to: number): boolean {
    return this.#transitionsIn(from, to).length > 0;
  }

  #transitionsIn(from: number, to: number): Array<{ at: number; offset: number }> {
    const out: Array<{ at: number; offset: number }> = [];
    const last = new Date(to).getUTCFullYear();
    for (let year = new Date(from).getUTCFullYear(); year <= last; year++) {
      const table = this.#year(year);
      const yearStart = utcYearStart(year);
      // A change exactly at the turn of a UTC year shows only as a different starting offset.
      if (yearStart > from && yearStart <= to && this.offsetAt(yearStart - 1) !== table.first) {
        out.push({ at: yearStart, offset: table.first });
      }
      for (let i = 0; i < table.at.length; i++) {
        const at = table.at[i]!;
        if (at > from && at <= to) out.push({ at, offset: table.after[i]! });
      }
    }
    return out;
  }

  #year(year: number): YearTable {
    let table = this.#years.get(year);
    if (!table) {
      table = this.#scanYear(year);
      this.#years.set(year, table);
    }
    return table;
  }

  #scanYear(year: number): YearTable {
    const start = utcYearStart(year);
    const end = utcYearStart(year + 1);
    const first = this.#measure(start);
    const at: number[] = [];
    const after: number[] = [];
    let t = start;
    let offset = first;
    while (t < end) {
      const next = Math.min(t + scanStepMs, end);
      const nextOffset = this.#measure(next);
      if (nextOffset !== offset) {
        // Bisect at one-second resolution: transitions fall on whole seconds.
        let lo = t;
        let hi = next;
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (this.#measure(mid) === offset) lo = mid;
          else hi = mid;
        }
        const changed = this.#measure(hi);
        if (hi < end) {
          at.push(hi);
          after.push(changed);
        }
        // Continue from the transition, so a second change inside the same step is also found.
        t = hi;
        offset = changed;
        continue;
      }
      t = next;
    }
    return { first, at, after };
  }

  /** Offset at `t`, asked of ICU: the wall-clock digits read back as if they were UTC, minus `t`. */
  #measure(t: number): number {
    const whole = Math.floor(t / 1000) * 1000;
    const parts = this.#format.formatToParts(new Date(whole));
    let y = 0;
    let mo = 1;
    let d = 1;
    let h = 0;
    let mi = 0;
    let s = 0;
    for (const part of parts) {
      switch (part.type) {
        case 'year':
          y = Number(part.value);
          break;
        case 'month':
          mo = Number(part.value);
          break;
        case 'day':
          d = Number(part.value);
          break;
        case 'hour':
          h = Number(part.value);
          break;
        case 'minute':
          mi = Number(part.value);
          break;
        case 'second':
          s = Number(part.value);
          break;
      }
    }
    const wall = new Date(0);
    wall.setUTCFullYear(y, mo - 1, d);
    wall.setUTCHours(h, mi, s, 0);
    return wall.getTime() - whole;
  }
}

function utcYearStart(year: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  return d.getTime();
}

/** Index of the last element ≤ t in an ascending array, or -1. */
function lastAtOrBefore(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const zones = new Map<string, ZoneOffsets>();

/**
 * One shared offset table per zone name: the table is a memo of pure ICU answers, so sharing it
 * between calendars only saves scans.
 * @throws RangeError for a time zone the platform does not know.
 */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new ZoneOffsets(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}
