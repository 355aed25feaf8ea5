/** How a failed timer is retried: exponential backoff, capped, with optional spread. */
export interface RetryPolicy {
  /** Attempts in total, the first included; after the last one the timer is 'failed'. */
  maxAttempts: number;
  /** Delay after the first failure. */
  baseMs: number;
  /** No delay grows beyond this. */
  maxMs: number;
  /**
   * Share of the delay that may be shaved off at random (0 = none, 0.5 = up to half), so
   * timers that failed together (SMTP down) do not all retry in the same instant.
   */
  jitter: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseMs: 30_000,
  maxMs: 60 * 60_000,
  jitter: 0.2,
};

/**
 * The delay before retrying after `attempts` attempts have failed: baseMs·2^(attempts−1),
 * capped at maxMs, less up to `jitter` of itself by `fraction` (a number in [0, 1), the
 * caller's randomness, so this stays pure).
 * @example retryDelayMs(3, { ...defaultRetryPolicy, jitter: 0 }, 0) // 120000
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, fraction: number): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^exponent overflows to Infinity for huge exponents; the cap keeps it finite.
  const raw = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 1024));
  const spread = Math.min(Math.max(policy.jitter, 0), 1) * Math.min(Math.max(fraction, 0), 1);
  return Math.max(0, Math.round(raw * (1 - spread)));
}

export type RetryDecision = { kind: 'retry'; dueAt: Date } | { kind: 'fail' };

/**
 * What happens to a timer whose attempt number `attempts` (1 for the first run) just failed at
 * `now`: run again later, or give up.
 */
export function retryDecision(
  attempts: number,
  now: Date,
  policy: RetryPolicy,
  fraction: number,
): RetryDecision {
  if (attempts >= policy.maxAttempts) return { kind: 'fail' };
  return { kind: 'retry', dueAt: new Date(now.getTime() + retryDelayMs(attempts, policy, fraction)) };
}
