import type { Faker } from '@faker-js/faker';
import { faker } from '@faker-js/faker/locale/en';

export type { Faker };

export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;

/** The demo is the same every time for a given `now`: one fixed seed, every draw from it. */
export const demoSeed = 42;

export function seededFaker(): Faker {
  faker.seed(demoSeed);
  return faker;
}

/**
 * UUIDv7 ids drawn from the seeded generator, so that two seeds at the same `now` produce the same
 * rows; the timestamp part is the record's own time, keeping keys in creation order.
 */
export function idMaker(f: Faker): (atMs: number) => string {
  return (atMs) => {
    const ms = Math.max(0, Math.floor(atMs));
    const hex = ms.toString(16).padStart(12, '0').slice(-12);
    const a = f.number.int({ min: 0, max: 0xffffff }).toString(16).padStart(6, '0');
    const b = f.number.int({ min: 0, max: 0xffffffffffff }).toString(16).padStart(12, '0');
    const variant = (8 + f.number.int({ min: 0, max: 3 })).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8)}-7${a.slice(0, 3)}-${variant}${a.slice(3)}-${b}`;
  };
}

export function intBetween(f: Faker, min: number, max: number): number {
  return f.number.int({ min, max });
}

export function floatBetween(f: Faker, min: number, max: number): number {
  return min + f.number.float({ min: 0, max: 1 }) * (max - min);
}

/** Log-uniform: company sizes and deal amounts spread over orders of magnitude. */
export function logUniformInt(f: Faker, min: number, max: number): number {
  const x = floatBetween(f, Math.log(min), Math.log(max));
  return Math.round(Math.exp(x));
}

export function chance(f: Faker, probability: number): boolean {
  return f.number.float({ min: 0, max: 1 }) < probability;
}

const workHours = [8, 9, 9, 10, 10, 10, 11, 11, 11, 12, 13, 13, 14, 14, 14, 15, 15, 16, 16, 17, 18, 20, 22];

/**
 * A moment on the given day shaped like B2B traffic: mostly working hours, fewer on weekends
 * (a weekend day is moved to the Friday before two times out of three).
 */
export function businessMoment(f: Faker, dayMs: number): number {
  let start = Math.floor(dayMs / day) * day;
  const weekday = new Date(start).getUTCDay();
  if ((weekday === 0 || weekday === 6) && chance(f, 0.67)) start -= (weekday === 0 ? 2 : 1) * day;
  const hourOfDay = f.helpers.arrayElement(workHours);
  return start + hourOfDay * hour + intBetween(f, 0, 59) * minute + intBetween(f, 0, 59) * 1000;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
