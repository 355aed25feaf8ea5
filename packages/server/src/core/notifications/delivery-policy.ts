import { type RetryPolicy, retryDecision } from '../timers/retry-backoff.js';

/**
 * Webhook retries: 8 attempts over about a day (30 s, 1 min, 2 min … capped at 6 h), then the
 * delivery is dead-lettered and waits for a replay.
 */
export const webhookRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseMs: 30_000,
  maxMs: 6 * 3_600_000,
  jitter: 0.2,
};

/** Email retries: 6 attempts over about an hour, then the message is marked failed. */
export const emailRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseMs: 60_000,
  maxMs: 30 * 60_000,
  jitter: 0.2,
};

export type AttemptOutcome = { kind: 'retry'; at: Date } | { kind: 'give_up' };

/** After attempt number `attempts` failed at `now`: when to try again, or give up. */
export function afterFailedAttempt(
  attempts: number,
  now: Date,
  policy: RetryPolicy,
  fraction: number,
): AttemptOutcome {
  const decision = retryDecision(attempts, now, policy, fraction);
  return decision.kind === 'retry' ? { kind: 'retry', at: decision.dueAt } : { kind: 'give_up' };
}

/** Whether an HTTP status from a receiver counts as delivered (any 2xx). */
export const isDelivered = (status: number): boolean => status >= 200 && status < 300;
