import type { Insertable } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { DemoUserKey } from './catalog.js';
import { day, type Faker, idMaker, seededFaker } from './random.js';

export type Row<T extends keyof Database> = Insertable<Database[T]>;

/** Everything the generators share: the seeded generator, `now`, and the fixed ids of the workspace. */
export interface DemoContext {
  f: Faker;
  nowMs: number;
  /** Oldest moment of generated history. */
  startMs: number;
  id: (atMs: number) => string;
  workspaceId: string;
  partnerId: string;
  salesTeamId: string;
  marketingTeamId: string;
  users: Record<DemoUserKey, string>;
}

/** Leads, transitions and deals reach this far back; page views and events only `demoSizes.days`. */
export const historyDays = 110;

export function createDemoContext(now: Date): DemoContext {
  const f = seededFaker();
  const nowMs = now.getTime();
  const id = idMaker(f);
  const setupMs = nowMs - (historyDays + 30) * day;
  const users = {} as Record<DemoUserKey, string>;
  for (const key of ['admin', 'marketing', 'manager', 'rep1', 'rep2', 'rep3', 'partner'] as const) {
    users[key] = id(setupMs);
  }
  return {
    f,
    nowMs,
    startMs: nowMs - historyDays * day,
    id,
    workspaceId: id(setupMs),
    partnerId: id(setupMs),
    salesTeamId: id(setupMs),
    marketingTeamId: id(setupMs),
    users,
  };
}
