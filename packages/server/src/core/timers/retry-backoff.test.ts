import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, type RetryPolicy, retryDecision, retryDelayMs } from './retry-backoff.js';

const policy: RetryPolicy = { maxAttempts: 4, baseMs: 1_000, maxMs: 10_000, jitter: 0 };
const now = new Date('2026-01-05T10:00:00Z');

describe('retryDelayMs', () => {
  it('doubles from the base after each failure', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, policy, 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('is capped', () => {
    expect(retryDelayMs(5, policy, 0)).toBe(10_000);
    expect(retryDelayMs(10_000, policy, 0)).toBe(10_000);
  });

  it('treats zero or negative attempts as the first', () => {
    expect(retryDelayMs(0, policy, 0)).toBe(1_000);
    expect(retryDelayMs(-3, policy, 0)).toBe(1_000);
  });

  it('jitter only shortens, by at most its share', () => {
    const jittered = { ...policy, jitter: 0.25 };
    for (let attempts = 1; attempts <= 8; attempts++) {
      const full = retryDelayMs(attempts, policy, 0);
      for (const fraction of [0, 0.1, 0.5, 0.999]) {
        const delay = retryDelayMs(attempts, jittered, fraction);
        expect(delay).toBeLessThanOrEqual(full);
        expect(delay).toBeGreaterThanOrEqual(Math.round(full * 0.75));
      }
    }
    expect(retryDelayMs(1, jittered, 1)).toBe(750);
  });

  it('clamps out-of-range jitter and fraction', () => {
    expect(retryDelayMs(1, { ...policy, jitter: 3 }, 2)).toBe(0);
    expect(retryDelayMs(1, { ...policy, jitter: -1 }, 0.5)).toBe(1_000);
    expect(retryDelayMs(1, { ...policy, jitter: 0.5 }, -1)).toBe(1_000);
  });

  it('the default policy stays within an hour', () => {
    expect(retryDelayMs(1, defaultRetryPolicy, 0)).toBe(30_000);
    expect(retryDelayMs(50, defaultRetryPolicy, 0)).toBe(3_600_000);
  });
});

describe('retryDecision', () => {
  it('retries until the last attempt, then fails', () => {
    expect(retryDecision(1, now, policy, 0)).toEqual({
      kind: 'retry',
      dueAt: new Date(now.getTime() + 1_000),
    });
    expect(retryDecision(3, now, policy, 0)).toEqual({
      kind: 'retry',
      dueAt: new Date(now.getTime() + 4_000),
    });
    expect(retryDecision(4, now, policy, 0)).toEqual({ kind: 'fail' });
    expect(retryDecision(9, now, policy, 0)).toEqual({ kind: 'fail' });
  });

  it('a single-attempt policy never retries', () => {
    expect(retryDecision(1, now, { ...policy, maxAttempts: 1 }, 0)).toEqual({ kind: 'fail' });
  });
});
