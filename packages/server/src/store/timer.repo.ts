import { sql } from 'kysely';
import { type RetryPolicy, retryDecision } from '../core/timers/retry-backoff.js';
import { newId } from '../id.js';
import type { Executor } from './executor.js';
import type { TimerRow } from './schema.js';

export interface ScheduleTimerInput {
  workspaceId: string;
  kind: string;
  dueAt: Date;
  /** When the timer is scheduled (created_at). */
  now: Date;
  subjectType?: string | null;
  subjectId?: string | null;
  payload?: Record<string, unknown>;
  /**
   * Scheduling twice with the same key yields one timer, whatever its status: e.g.
   * `sla:<clockId>:warn`. Without a key every call adds a timer.
   */
  dedupeKey?: string | null;
}

/**
 * The row `scheduleTimer` inserts, for statements that add timers alongside other writes (insert
 * it with `on conflict do nothing` to keep the dedupe key's promise).
 */
export function timerValues(input: ScheduleTimerInput) {
  return {
    workspace_id: input.workspaceId,
    id: newId(input.now.getTime()),
    kind: input.kind,
    subject_type: input.subjectType ?? null,
    subject_id: input.subjectId ?? null,
    due_at: input.dueAt,
    payload: JSON.stringify(input.payload ?? {}),
    created_at: input.now,
    dedupe_key: input.dedupeKey ?? null,
  };
}

/**
 * Adds a pending timer; idempotent by dedupe key (the existing timer's id comes back with
 * `created: false`). Call it inside the transaction that creates the deadline, so both commit
 * together.
 */
export async function scheduleTimer(
  db: Executor,
  input: ScheduleTimerInput,
): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto('timer')
    .values(timerValues(input))
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('timer')
    .select('id')
    .where('workspace_id', '=', input.workspaceId)
    .where('dedupe_key', '=', input.dedupeKey ?? null)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/**
 * Cancels a subject's pending timers (all, or only these kinds); returns how many. A timer
 * whose handler is running finishes; its handler re-checks the subject's state.
 */
export async function cancelTimers(
  db: Executor,
  input: { workspaceId: string; subjectType: string; subjectId: string; kinds?: readonly string[] },
): Promise<number> {
  if (input.kinds?.length === 0) return 0;
  let query = db
    .updateTable('timer')
    .set({ status: 'cancelled' })
    .where('workspace_id', '=', input.workspaceId)
    .where('subject_type', '=', input.subjectType)
    .where('subject_id', '=', input.subjectId)
    .where('status', '=', 'pending');
  if (input.kinds) query = query.where('kind', 'in', input.kinds);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Claims up to `limit` timers due at `now`, and timers whose lease expired (their worker
 * crashed), in one statement: SKIP LOCKED lets concurrent claimers take disjoint sets without
 * waiting on each other. Each claimed timer is 'running', leased to `worker` until
 * now + leaseMs, with its attempt counted.
 */
export async function claimDueTimers(
  db: Executor,
  input: { now: Date; limit: number; worker: string; leaseMs: number; kinds?: readonly string[] },
): Promise<TimerRow[]> {
  const until = new Date(input.now.getTime() + input.leaseMs);
  const ofKind = input.kinds ? sql`and kind = any(${[...input.kinds]}::text[])` : sql``;
  // MATERIALIZED keeps the locking subquery evaluated once, whatever the planner prefers.
  const result = await sql<TimerRow>`
    with next as materialized (
      select workspace_id, id from timer
      where ((status = 'pending' and due_at <= ${input.now})
         or (status = 'running' and locked_until <= ${input.now}))
        ${ofKind}
      order by due_at, id
      limit ${input.limit}
      for update skip locked
    )
    update timer t
    set status = 'running', locked_by = ${input.worker}, locked_until = ${until},
        attempts = t.attempts + 1
    from next
    where t.workspace_id = next.workspace_id and t.id = next.id
    returning t.*
  `.execute(db);
  return [...result.rows].sort((a, b) => a.due_at.getTime() - b.due_at.getTime() || a.id.localeCompare(b.id));
}

export interface TimerLease {
  workspaceId: string;
  id: string;
  worker: string;
}

/**
 * Locks a claimed timer for the transaction that runs its handler, if `worker` still holds
 * its lease. The row lock keeps other claimers away even past the lease, so a slow handler is
 * never run twice at once; null means the timer was reclaimed or cancelled meanwhile.
 */
export async function lockLeasedTimer(db: Executor, lease: TimerLease): Promise<TimerRow | null> {
  const row = await db
    .selectFrom('timer')
    .selectAll()
    .where('workspace_id', '=', lease.workspaceId)
    .where('id', '=', lease.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', lease.worker)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

/** Marks a leased timer done; false when the lease was lost (the caller must roll back). */
export async function completeTimer(db: Executor, lease: TimerLease & { now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('timer')
    .set({ status: 'done', fired_at: lease.now, locked_by: null, locked_until: null, last_error: null })
    .where('workspace_id', '=', lease.workspaceId)
    .where('id', '=', lease.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', lease.worker)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records a failed attempt: back to 'pending' after a backoff, or 'failed' once the policy's
 * attempts are spent. `fraction` in [0, 1) spreads the retries (see retryDelayMs).
 */
export async function failTimer(
  db: Executor,
  input: TimerLease & {
    attempts: number;
    now: Date;
    error: string;
    policy: RetryPolicy;
    fraction: number;
  },
): Promise<'retry' | 'failed' | 'lost'> {
  const decision = retryDecision(input.attempts, input.now, input.policy, input.fraction);
  const result = await db
    .updateTable('timer')
    .set(
      decision.kind === 'retry'
        ? { status: 'pending', due_at: decision.dueAt }
        : { status: 'failed', fired_at: input.now },
    )
    .set({ locked_by: null, locked_until: null, last_error: input.error.slice(0, 2000) })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', input.worker)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return 'lost';
  return decision.kind === 'retry' ? 'retry' : 'failed';
}

/** Hands claimed timers that were never started back (a runner stopping), attempt uncounted. */
export async function releaseTimers(db: Executor, leases: readonly TimerLease[]): Promise<void> {
  for (const lease of leases) {
    await db
      .updateTable('timer')
      .set((eb) => ({
        status: 'pending',
        locked_by: null,
        locked_until: null,
        attempts: eb('attempts', '-', 1),
      }))
      .where('workspace_id', '=', lease.workspaceId)
      .where('id', '=', lease.id)
      .where('status', '=', 'running')
      .where('locked_by', '=', lease.worker)
      .execute();
  }
}
