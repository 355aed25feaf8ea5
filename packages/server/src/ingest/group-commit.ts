/**
 * Group commit: concurrent requests enqueue their work and await one shared write, so the
 * per-transaction cost (round trips, commit, fsync) is paid once for many requests. A write
 * starts as soon as the writer is free; whatever arrives meanwhile goes into the next one.
 */
export interface GroupCommitOptions<T> {
  /** Writes several units in one transaction; throws when nothing was written. */
  write: (units: T[]) => Promise<void>;
  /** Most weight (events) in one write. */
  maxBatchWeight: number;
  /** How long a write waits to gather more units once the writer is free (0: the next turn of the event loop). */
  maxWaitMs: number;
  /** Most weight waiting; beyond it `submit` refuses at once (the caller answers 429). */
  maxQueuedWeight: number;
  /** Writes in flight at once (1 keeps identity stitching strictly ordered). */
  concurrency?: number;
}

export class QueueFullError extends Error {
  constructor() {
    super('the ingestion queue is full');
    this.name = 'QueueFullError';
  }
}

export interface GroupCommit<T> {
  /** Resolves once the unit is committed; rejects with the write's error or QueueFullError. */
  submit(unit: T, weight: number): Promise<void>;
  /** Resolves when nothing is queued or being written. */
  drain(): Promise<void>;
  readonly queuedWeight: number;
}

interface Pending<T> {
  unit: T;
  weight: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createGroupCommit<T>(options: GroupCommitOptions<T>): GroupCommit<T> {
  const concurrency = options.concurrency ?? 1;
  const queue: Pending<T>[] = [];
  let queuedWeight = 0;
  let running = 0;
  let timer: { cancel: () => void } | undefined;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (queue.length > 0 || running > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const take = (): Pending<T>[] => {
    const group: Pending<T>[] = [];
    let weight = 0;
    while (queue.length > 0) {
      const next = queue[0]!;
      if (group.length > 0 && weight + next.weight > options.maxBatchWeight) break;
      queue.shift();
      weight += next.weight;
      queuedWeight -= next.weight;
      group.push(next);
    }
    return group;
  };

  const run = async (group: Pending<T>[]): Promise<void> => {
    try {
      await options.write(group.map((p) => p.unit));
      for (const p of group) p.resolve();
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      // One request's bad data must not fail the others it shared a write with: retry alone.
      for (const p of group) {
        try {
          await options.write([p.unit]);
          p.resolve();
        } catch (alone) {
          p.reject(alone);
        }
      }
    }
  };

  const start = () => {
    timer?.cancel();
    timer = undefined;
    while (running < concurrency && queue.length > 0) {
      const group = take();
      running++;
      void run(group).finally(() => {
        running--;
        schedule();
        settleIdle();
      });
    }
  };

  const schedule = () => {
    if (running >= concurrency || queue.length === 0) return;
    if (queuedWeight >= options.maxBatchWeight) return start();
    if (timer !== undefined) return;
    if (options.maxWaitMs <= 0) {
      const handle = setImmediate(start);
      timer = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(start, options.maxWaitMs);
      timer = { cancel: () => clearTimeout(handle) };
    }
  };

  return {
    submit(unit, weight) {
      if (queue.length > 0 && queuedWeight + weight > options.maxQueuedWeight) {
        return Promise.reject(new QueueFullError());
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ unit, weight, resolve, reject });
        queuedWeight += weight;
        schedule();
      });
    },
    drain() {
      if (queue.length === 0 && running === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    get queuedWeight() {
      return queuedWeight;
    },
  };
}
