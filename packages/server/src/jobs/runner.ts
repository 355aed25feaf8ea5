import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Clock } from '../clock.js';
import type { Db } from '../store/db.js';
import type { TimerRow } from '../store/schema.js';
import {
  claimDueTimers,
  completeTimer,
  failTimer,
  lockLeasedTimer,
  releaseTimers,
} from '../store/timer.repo.js';
import { type JobCatalog, type JobLog, retryPolicyOf, silentJobLog } from './catalog.js';

export interface JobRunnerOptions {
  db: Db;
  clock: Clock;
  catalog: JobCatalog;
  /** This process's name in locked_by; unique per runner (see defaultWorkerName). */
  worker: string;
  /** Wait between claims when nothing was due. */
  pollMs: number;
  /** Timers claimed per statement. */
  batch: number;
  /** How long a claim lasts before another worker may take the timer over (a crashed worker). */
  leaseMs: number;
  log?: JobLog;
  /** Randomness for retry spread, in [0, 1). */
  random?: () => number;
  /** Claim only timers of these kinds (a dedicated worker); every kind when absent. */
  kinds?: readonly string[];
}

export interface RunOnceResult {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
  /** Reclaimed by another worker (or cancelled) before this one ran it. */
  lost: number;
  /** Handed back unstarted because the runner is stopping. */
  released: number;
}

export interface JobRunner {
  /** Claims the timers due at `now` and runs them one by one. */
  runOnce(now: Date): Promise<RunOnceResult>;
  /** Stops claiming, lets the handler in flight finish, hands back what was claimed but not started. */
  stop(): Promise<void>;
}

/** A worker name unique across hosts, processes and runners. */
export function defaultWorkerName(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** A runner that only runs when asked (tests, the CLI); startJobRunner adds the polling loop. */
export function createJobRunner(options: JobRunnerOptions): JobRunner & { readonly stopping: boolean } {
  const { db, catalog, worker } = options;
  const log = options.log ?? silentJobLog;
  const random = options.random ?? Math.random;
  let stopping = false;
  const inFlight = new Set<Promise<unknown>>();

  async function fail(timer: TimerRow, now: Date, error: string): Promise<'retry' | 'failed' | 'lost'> {
    const outcome = await failTimer(db, {
      workspaceId: timer.workspace_id,
      id: timer.id,
      worker,
      attempts: timer.attempts,
      now,
      error,
      policy: retryPolicyOf(catalog.get(timer.kind)),
      fraction: random(),
    });
    const fields = { timerId: timer.id, kind: timer.kind, attempts: timer.attempts, error };
    if (outcome === 'failed') log.error(fields, 'timer failed for good');
    else log.warn(fields, 'timer failed; will retry');
    return outcome;
  }

  async function runTimer(claimed: TimerRow, now: Date): Promise<'done' | 'retry' | 'failed' | 'lost'> {
    const job = catalog.get(claimed.kind);
    // An unknown kind may belong to a newer version of the code still rolling out: retry later.
    if (!job) return fail(claimed, now, `no handler for timer kind ${claimed.kind}`);
    // Attempts count at claim time, so workers that crashed mid-handler use them up too.
    if (claimed.attempts > retryPolicyOf(job).maxAttempts)
      return fail(claimed, now, claimed.last_error ?? 'lease expired on the last attempt');
    const lease = { workspaceId: claimed.workspace_id, id: claimed.id, worker };
    try {
      const effect = job.effect ? await job.effect({ db, now, timer: claimed, log }) : undefined;
      return await db.transaction().execute(async (trx) => {
        const timer = await lockLeasedTimer(trx, lease);
        if (!timer) return 'lost' as const;
        await job.handle({ db: trx, now, timer, log, effect });
        // Cannot miss while the row lock is held; checked so a broken invariant rolls back.
        if (!(await completeTimer(trx, { ...lease, now }))) throw new Error('timer lease lost mid-run');
        return 'done' as const;
      });
    } catch (error) {
      return fail(claimed, now, errorText(error));
    }
  }

  async function runOnce(now: Date): Promise<RunOnceResult> {
    const result: RunOnceResult = { claimed: 0, done: 0, retried: 0, failed: 0, lost: 0, released: 0 };
    if (stopping) return result;
    const claimed = await claimDueTimers(db, {
      now,
      limit: options.batch,
      worker,
      leaseMs: options.leaseMs,
      ...(options.kinds ? { kinds: options.kinds } : {}),
    });
    result.claimed = claimed.length;
    for (const [index, timer] of claimed.entries()) {
      if (stopping) {
        const rest = claimed.slice(index);
        await releaseTimers(
          db,
          rest.map((t) => ({ workspaceId: t.workspace_id, id: t.id, worker })),
        );
        result.released = rest.length;
        break;
      }
      const outcome = await runTimer(timer, now).catch((error: unknown) => {
        // The failure could not even be recorded (database gone): the lease expires and another
        // worker, or this one later, takes the timer over.
        log.error({ timerId: timer.id, error: errorText(error) }, 'could not record timer outcome');
        return 'lost' as const;
      });
      if (outcome === 'retry') result.retried++;
      else result[outcome]++;
    }
    return result;
  }

  return {
    get stopping() {
      return stopping;
    },
    runOnce(now) {
      const run = runOnce(now);
      const settled = run.catch(() => undefined).finally(() => inFlight.delete(settled));
      inFlight.add(settled);
      return run;
    },
    async stop() {
      stopping = true;
      await Promise.all(inFlight);
    },
  };
}

/**
 * Runs due timers until stopped: claims a batch, runs it, claims again at once while batches
 * come back full, otherwise waits pollMs. Errors (database unavailable) are logged and retried
 * at the next poll.
 */
export function startJobRunner(options: JobRunnerOptions): JobRunner {
  const runner = createJobRunner(options);
  const log = options.log ?? silentJobLog;
  let wake: (() => void) | undefined;
  let timeout: NodeJS.Timeout | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timeout = setTimeout(resolve, ms);
    });
  const loop = (async () => {
    while (!runner.stopping) {
      let claimed = 0;
      try {
        claimed = (await runner.runOnce(options.clock())).claimed;
      } catch (error) {
        log.error({ error: errorText(error) }, 'claiming timers failed');
      }
      if (!runner.stopping && claimed < options.batch) await sleep(options.pollMs);
    }
  })();
  return {
    runOnce: (now) => runner.runOnce(now),
    async stop() {
      const stopped = runner.stop();
      clearTimeout(timeout);
      wake?.();
      await stopped;
      await loop;
    },
  };
}
