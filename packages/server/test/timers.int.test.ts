import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser, createWorkspace } from '../src/app/workspaces.js';
import { loadConfig } from '../src/config.js';
import type { RetryPolicy } from '../src/core/timers/retry-backoff.js';
import { createCatalog, defaultCatalog, type JobDefinition } from '../src/jobs/catalog.js';
import { ensureSessionSweeps, expiredSessionsKind } from '../src/jobs/expired-sessions.job.js';
import { createJobRunner, type JobRunner, startJobRunner } from '../src/jobs/runner.js';
import { startServer } from '../src/server.js';
import { type Db, type DbHandle, openDb } from '../src/store/db.js';
import type { Executor } from '../src/store/executor.js';
import { insertSession } from '../src/store/session.repo.js';
import { cancelTimers, claimDueTimers, completeTimer, scheduleTimer } from '../src/store/timer.repo.js';
import { createTestDb, testDbKind } from './db.js';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const noJitter: RetryPolicy = { maxAttempts: 3, baseMs: 1_000, maxMs: 60_000, jitter: 0 };

/**
 * The test handler: records its effect in timer_effect (one row per timer, enforced by the
 * primary key), then throws while the timer's attempt is at most payload.failUntil, so a
 * failing run has written something that must not survive.
 */
function effectJob(retry: RetryPolicy = noJitter, onRun?: (db: Executor) => Promise<void>): JobDefinition {
  return {
    kind: 'test.effect',
    retry,
    async handle({ db, timer }) {
      await sql`insert into timer_effect (timer_id, worker, attempt)
        values (${timer.id}, ${timer.locked_by}, ${timer.attempts})`.execute(db);
      await onRun?.(db);
      const failUntil = Number(timer.payload.failUntil ?? 0);
      if (timer.attempts <= failUntil) throw new Error(`planned failure ${timer.attempts}`);
    },
  };
}

describe('timers and the job runner', () => {
  let handle: DbHandle & { url?: string };
  let db: Db;
  let workspaceId: string;

  const schedule = (n: number, dueAt: Date, payload: Record<string, unknown> = {}) =>
    Promise.all(
      Array.from({ length: n }, () =>
        scheduleTimer(db, { workspaceId, kind: 'test.effect', dueAt, now: t0, payload }),
      ),
    );
  const timers = () => db.selectFrom('timer').selectAll().where('kind', '=', 'test.effect').execute();
  const effects = async () =>
    (await sql<{ timer_id: string; worker: string; attempt: number }>`select * from timer_effect`.execute(db))
      .rows;
  const runner = (worker: string, job: JobDefinition = effectJob(), leaseMs = 60_000) =>
    createJobRunner({
      db,
      clock: () => t0,
      catalog: createCatalog([job]),
      worker,
      pollMs: 5,
      batch: 10,
      leaseMs,
    });

  beforeAll(async () => {
    handle = await createTestDb();
    db = handle.db;
    workspaceId = (await createWorkspace(db, { name: 'Timers' })).id;
    await sql`create table timer_effect (timer_id uuid primary key, worker text not null, attempt int not null)`.execute(
      db,
    );
  });
  afterAll(async () => {
    await handle?.close();
  });
  beforeEach(async () => {
    await sql`delete from timer_effect`.execute(db);
    await db.deleteFrom('timer').execute();
  });

  it('runs due timers once, and later ones when they fall due', async () => {
    await schedule(2, t0);
    const [later] = await schedule(1, at(60_000));
    const r = runner('w1');
    expect(await r.runOnce(t0)).toMatchObject({ claimed: 2, done: 2 });
    expect(await r.runOnce(at(59_999))).toMatchObject({ claimed: 0 });
    const rows = await timers();
    expect(rows.filter((t) => t.status === 'done')).toHaveLength(2);
    expect(rows.find((t) => t.id === later!.id)).toMatchObject({ status: 'pending', attempts: 0 });
    for (const done of rows.filter((t) => t.status === 'done'))
      expect(done).toMatchObject({ attempts: 1, fired_at: t0, locked_by: null, locked_until: null });
    expect(await r.runOnce(at(60_000))).toMatchObject({ claimed: 1, done: 1 });
    expect(await effects()).toHaveLength(3);
    expect(await r.runOnce(at(120_000))).toMatchObject({ claimed: 0 });
  });

  it('scheduling with one dedupe key twice yields one timer, also after it fired', async () => {
    const input = { workspaceId, kind: 'test.effect', dueAt: t0, now: t0, dedupeKey: 'sla:1:warn' };
    const first = await scheduleTimer(db, input);
    const second = await scheduleTimer(db, { ...input, dueAt: at(5_000) });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    await runner('w1').runOnce(t0);
    expect(await scheduleTimer(db, input)).toEqual({ id: first.id, created: false });
    expect(await timers()).toHaveLength(1);
    expect(await effects()).toHaveLength(1);
  });

  it('cancelled timers never fire', async () => {
    const subject = { subjectType: 'lead', subjectId: 'lead-1' };
    for (const kind of ['test.effect', 'test.other'])
      await scheduleTimer(db, { workspaceId, kind, dueAt: t0, now: t0, ...subject });
    expect(await cancelTimers(db, { workspaceId, ...subject, kinds: ['test.effect'] })).toBe(1);
    expect(await cancelTimers(db, { workspaceId, ...subject, kinds: [] })).toBe(0);
    expect(await cancelTimers(db, { workspaceId, ...subject })).toBe(1);
    expect(await runner('w1').runOnce(t0)).toMatchObject({ claimed: 0 });
    expect(await effects()).toHaveLength(0);
  });

  it('a failing handler leaves no effect, is retried with backoff, then fails for good', async () => {
    const [timer] = await schedule(1, t0, { failUntil: 99 });
    const r = runner('w1');
    const state = async () => (await timers()).find((t) => t.id === timer!.id)!;
    expect(await r.runOnce(t0)).toMatchObject({ claimed: 1, retried: 1 });
    expect(await state()).toMatchObject({
      status: 'pending',
      attempts: 1,
      due_at: at(1_000),
      locked_by: null,
    });
    expect((await state()).last_error).toContain('planned failure 1');
    expect(await effects()).toHaveLength(0);
    expect(await r.runOnce(at(999))).toMatchObject({ claimed: 0 });
    expect(await r.runOnce(at(1_000))).toMatchObject({ retried: 1 });
    expect(await state()).toMatchObject({ status: 'pending', attempts: 2, due_at: at(3_000) });
    expect(await r.runOnce(at(3_000))).toMatchObject({ failed: 1 });
    expect(await state()).toMatchObject({ status: 'failed', attempts: 3, fired_at: at(3_000) });
    expect(await r.runOnce(at(3_600_000))).toMatchObject({ claimed: 0 });
    expect(await effects()).toHaveLength(0);
  });

  it('a handler that succeeds on a retry leaves exactly the successful run’s effect', async () => {
    await schedule(1, t0, { failUntil: 1 });
    const r = runner('w1');
    await r.runOnce(t0);
    await r.runOnce(at(1_000));
    expect(await effects()).toEqual([expect.objectContaining({ attempt: 2 })]);
    expect(await timers()).toEqual([expect.objectContaining({ status: 'done', attempts: 2 })]);
  });

  it('an unknown kind is retried like a failure (a newer process may know it)', async () => {
    await scheduleTimer(db, { workspaceId, kind: 'test.unknown', dueAt: t0, now: t0 });
    expect(await runner('w1').runOnce(t0)).toMatchObject({ claimed: 1, retried: 1 });
    const row = await db
      .selectFrom('timer')
      .selectAll()
      .where('kind', '=', 'test.unknown')
      .executeTakeFirstOrThrow();
    expect(row.last_error).toContain('no handler');
  });

  it('a crashed worker’s lease expires and another worker takes the timer over', async () => {
    const [timer] = await schedule(1, t0);
    // The crashed process claimed it and died before running the handler.
    const [claimed] = await claimDueTimers(db, { now: t0, limit: 10, worker: 'crashed', leaseMs: 60_000 });
    expect(claimed).toMatchObject({ id: timer!.id, status: 'running', locked_by: 'crashed', attempts: 1 });
    const r = runner('w2');
    expect(await r.runOnce(at(59_999))).toMatchObject({ claimed: 0 });
    expect(await r.runOnce(at(60_000))).toMatchObject({ claimed: 1, done: 1 });
    expect(await effects()).toEqual([expect.objectContaining({ worker: 'w2', attempt: 2 })]);
    // The crashed worker coming back cannot complete what it no longer holds.
    expect(await completeTimer(db, { workspaceId, id: timer!.id, worker: 'crashed', now: at(70_000) })).toBe(
      false,
    );
  });

  it('a timer whose workers kept crashing fails once its attempts are spent, without running', async () => {
    await schedule(1, t0);
    for (let i = 0; i < noJitter.maxAttempts; i++)
      await claimDueTimers(db, { now: at(i * 60_000), limit: 1, worker: `crashed-${i}`, leaseMs: 60_000 });
    expect(await runner('w1').runOnce(at(1_000_000))).toMatchObject({ claimed: 1, failed: 1 });
    expect(await timers()).toEqual([expect.objectContaining({ status: 'failed', attempts: 4 })]);
    expect(await effects()).toHaveLength(0);
  });

  it('stopping finishes the handler in flight and hands back the rest unstarted', async () => {
    await schedule(3, t0);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const r = runner(
      'w1',
      effectJob(noJitter, async () => {
        started();
        await gate;
      }),
    );
    const run = r.runOnce(t0);
    await firstStarted;
    const stopped = r.stop();
    release();
    await stopped;
    expect(await run).toMatchObject({ claimed: 3, done: 1, released: 2 });
    const rows = await timers();
    expect(rows.filter((t) => t.status === 'done')).toHaveLength(1);
    expect(
      rows.filter((t) => t.status === 'pending' && t.attempts === 0 && t.locked_by === null),
    ).toHaveLength(2);
    expect(await effects()).toHaveLength(1);
    expect(await r.runOnce(t0)).toMatchObject({ claimed: 0 });
  });

  /** Two runners (on PostgreSQL over two pools, as two processes would be) racing over 200 timers. */
  async function race(options: { leaseMs: number; clock: () => Date }): Promise<void> {
    await schedule(200, t0);
    const second =
      testDbKind() === 'postgres' ? await openDb({ databaseUrl: handle.url!, poolSize: 3 }) : handle;
    const retry: RetryPolicy = { ...noJitter, maxAttempts: 10_000 };
    const runners: JobRunner[] = [db, second.db].map((runnerDb, i) =>
      startJobRunner({
        db: runnerDb,
        clock: options.clock,
        catalog: createCatalog([effectJob(retry)]),
        worker: `runner-${i}`,
        pollMs: 5,
        batch: 10,
        leaseMs: options.leaseMs,
      }),
    );
    try {
      const deadline = Date.now() + 25_000;
      for (;;) {
        const { n } = await db
          .selectFrom('timer')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'done')
          .executeTakeFirstOrThrow();
        if (Number(n) === 200 || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      if (second !== handle) await second.close();
    }
    const rows = await timers();
    expect(rows.filter((t) => t.status === 'done')).toHaveLength(200);
    expect(rows.every((t) => t.last_error === null)).toBe(true);
    const fired = await effects();
    expect(fired).toHaveLength(200);
    expect(new Set(fired.map((f) => f.timer_id)).size).toBe(200);
  }

  it('two runners racing fire every timer exactly once', async () => {
    await race({ leaseMs: 60_000, clock: () => t0 });
    expect((await timers()).every((t) => t.attempts === 1)).toBe(true);
    // Both took part: the race was real.
    expect(new Set((await effects()).map((f) => f.worker)).size).toBe(2);
  });

  it('two runners fire every timer exactly once even when every lease expires at once', async () => {
    // A lease of 1 ms on the real clock: a claimed timer is up for grabs again before its
    // handler starts, so the runners keep taking timers from each other; the row lock held by
    // the running handler still lets only one run commit.
    await race({ leaseMs: 1, clock: () => new Date(Date.now() + t0.getTime()) });
  });

  it.runIf(testDbKind() === 'postgres')(
    'a worker killed mid-handler leaves no effect and its timer is taken over',
    async () => {
      const [timer] = await schedule(1, t0);
      const crashing = await openDb({ databaseUrl: handle.url!, poolSize: 2 });
      let backendPid = 0;
      let reachedHang!: () => void;
      const hanging = new Promise<void>((resolve) => {
        reachedHang = resolve;
      });
      let unblock!: () => void;
      const never = new Promise<void>((resolve) => {
        unblock = resolve;
      });
      const doomed = createJobRunner({
        db: crashing.db,
        clock: () => t0,
        catalog: createCatalog([
          effectJob(noJitter, async (trx) => {
            backendPid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!
              .pid;
            reachedHang();
            await never;
          }),
        ]),
        worker: 'doomed',
        pollMs: 5,
        batch: 10,
        leaseMs: 60_000,
      });
      const doomedRun = doomed.runOnce(t0);
      await hanging;
      // The process dies: its connection goes, the open transaction rolls back.
      await sql`select pg_terminate_backend(${backendPid})`.execute(db);
      const survivor = runner('survivor');
      expect(await survivor.runOnce(at(30_000))).toMatchObject({ claimed: 0 });
      expect(await survivor.runOnce(at(60_000))).toMatchObject({ claimed: 1, done: 1 });
      expect(await effects()).toEqual([expect.objectContaining({ timer_id: timer!.id, worker: 'survivor' })]);
      // The dead worker's code resuming later changes nothing.
      unblock();
      expect(await doomedRun).toMatchObject({ done: 0 });
      await crashing.close();
      expect(await timers()).toEqual([expect.objectContaining({ status: 'done', locked_by: null })]);
      expect(await effects()).toHaveLength(1);
    },
  );

  it('the expired-sessions sweep deletes dead sessions and reschedules itself daily', async () => {
    const config = loadConfig({ TANDEM_SESSION_IDLE_MINUTES: '60', TANDEM_SESSION_MAX_HOURS: '24' });
    const user = await createUser(db, {
      workspaceId,
      email: 'sweep@example.com',
      name: 'Sweep',
      role: 'admin',
    });
    const session = (id: string, createdAgoMs: number, seenAgoMs: number, expiresInMs: number) =>
      insertSession(db, {
        workspace_id: workspaceId,
        id,
        user_id: user.id,
        csrf_token: 'x',
        created_at: at(-createdAgoMs),
        last_seen_at: at(-seenAgoMs),
        expires_at: at(expiresInMs),
      });
    await session('active', 3_600_000, 60_000, 3_600_000);
    await session('idle', 7_200_000, 3_600_000, 3_600_000);
    await session('stamped-end', 3_600_000, 60_000, 0);
    await session('too-old', 25 * 3_600_000, 60_000, 3_600_000);

    expect(await ensureSessionSweeps(db, t0)).toBeGreaterThanOrEqual(1);
    expect(await ensureSessionSweeps(db, at(3_600_000))).toBe(0);
    const r = createJobRunner({
      db,
      clock: () => t0,
      catalog: defaultCatalog(config),
      worker: 'w1',
      pollMs: 5,
      batch: 10,
      leaseMs: 60_000,
    });
    expect(await r.runOnce(t0)).toMatchObject({ done: expect.any(Number), retried: 0, failed: 0 });
    const left = await db
      .selectFrom('session')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(left.map((s) => s.id)).toEqual(['active']);
    const sweeps = await db
      .selectFrom('timer')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', expiredSessionsKind)
      .orderBy('due_at')
      .execute();
    expect(sweeps.map((s) => [s.status, s.due_at])).toEqual([
      ['done', t0],
      ['pending', at(24 * 3_600_000)],
    ]);
    // A second run (a retry after a crash) deletes nothing more and adds no second sweep.
    expect(await r.runOnce(at(24 * 3_600_000 - 1))).toMatchObject({ claimed: 0 });
  });
  it.runIf(testDbKind() === 'postgres')('the server runs timers only when TANDEM_JOBS is on', async () => {
    const env = { DATABASE_URL: handle.url!, PORT: '0', TANDEM_DEMO: 'false', LOG_LEVEL: 'silent' };
    const sweeps = () =>
      db.selectFrom('timer').select(['status']).where('kind', '=', expiredSessionsKind).execute();
    const off = await startServer({ config: loadConfig({ ...env, TANDEM_JOBS: 'false' }) });
    await off.close();
    expect(await sweeps()).toEqual([]);
    const on = await startServer({ config: loadConfig(env) });
    try {
      const deadline = Date.now() + 15_000;
      while (!(await sweeps()).some((s) => s.status === 'done') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await on.close();
    }
    expect((await sweeps()).map((s) => s.status).sort()).toEqual(['done', 'pending']);
  });
});
