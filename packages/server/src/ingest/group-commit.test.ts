import { describe, expect, it } from 'vitest';
import { createGroupCommit, QueueFullError } from './group-commit.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createGroupCommit', () => {
  it('shares one write among requests that arrive together', async () => {
    const writes: number[][] = [];
    const commit = createGroupCommit<number>({
      write: async (units) => {
        writes.push(units);
      },
      maxBatchWeight: 100,
      maxWaitMs: 0,
      maxQueuedWeight: 1000,
    });
    await Promise.all([1, 2, 3, 4].map((n) => commit.submit(n, 1)));
    expect(writes).toEqual([[1, 2, 3, 4]]);
  });

  it('gathers what arrives during a write into the next one, never more than the batch weight', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const commit = createGroupCommit<number>({
      write: async (units) => {
        writes.push(units);
        if (writes.length === 1) await blocked;
      },
      maxBatchWeight: 5,
      maxWaitMs: 0,
      maxQueuedWeight: 1000,
    });
    const first = commit.submit(0, 1);
    await tick();
    const rest = [1, 2, 3, 4, 5, 6, 7].map((n) => commit.submit(n, 2));
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[0], [1, 2], [3, 4], [5, 6], [7]]);
  });

  it('keeps up to `concurrency` writes in flight, each with what had arrived when it started', async () => {
    const writes: number[][] = [];
    const releases: Array<() => void> = [];
    const commit = createGroupCommit<number>({
      write: async (units) => {
        writes.push(units);
        await new Promise<void>((resolve) => releases.push(resolve));
      },
      maxBatchWeight: 100,
      maxWaitMs: 0,
      maxQueuedWeight: 1000,
      concurrency: 2,
    });
    const first = commit.submit(0, 1);
    await tick();
    const second = commit.submit(1, 1);
    await tick();
    const rest = [2, 3].map((n) => commit.submit(n, 1));
    await tick();
    // Two writes started; the third waits for a free slot.
    expect(writes).toEqual([[0], [1]]);
    releases[1]!();
    await second;
    await tick();
    await tick();
    expect(writes).toEqual([[0], [1], [2, 3]]);
    releases[0]!();
    releases[2]!();
    await Promise.all([first, ...rest]);
  });

  it('refuses work beyond the queue bound at once', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const commit = createGroupCommit<number>({
      write: () => blocked,
      maxBatchWeight: 10,
      maxWaitMs: 0,
      maxQueuedWeight: 10,
    });
    const running = commit.submit(0, 10);
    await tick();
    const queued = commit.submit(1, 10);
    await expect(commit.submit(2, 1)).rejects.toBeInstanceOf(QueueFullError);
    release();
    await Promise.all([running, queued]);
    await commit.drain();
    expect(commit.queuedWeight).toBe(0);
  });

  it('isolates a failing request from those it shared a write with', async () => {
    const commit = createGroupCommit<number>({
      write: async (units) => {
        if (units.includes(13)) throw new Error('bad data');
      },
      maxBatchWeight: 100,
      maxWaitMs: 0,
      maxQueuedWeight: 1000,
    });
    const results = await Promise.allSettled([12, 13, 14].map((n) => commit.submit(n, 1)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('drains: resolves once every queued write is done', async () => {
    let done = 0;
    const commit = createGroupCommit<number>({
      write: async () => {
        await tick();
        done++;
      },
      maxBatchWeight: 1,
      maxWaitMs: 2,
      maxQueuedWeight: 100,
    });
    const all = [1, 2, 3].map((n) => commit.submit(n, 1));
    await commit.drain();
    expect(done).toBe(3);
    await Promise.all(all);
  });
});
