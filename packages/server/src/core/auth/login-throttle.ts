/** Failed logins are counted over this sliding window. */
export const loginFailureWindowMs = 15 * 60_000;

export interface LoginAttempt {
  at: Date;
  succeeded: boolean;
}

export type LoginThrottle = { throttled: false } | { throttled: true; retryAfterSeconds: number };

/**
 * Decides whether another login attempt for one email may be tried, given its recent attempts
 * (any order). Failures count within the sliding window and since the last successful login;
 * after `maxFailures` of them, attempts are refused until enough have aged out of the window.
 * @example loginThrottle(attempts, now, 5) // { throttled: true, retryAfterSeconds: 540 }
 */
export function loginThrottle(
  attempts: readonly LoginAttempt[],
  now: Date,
  maxFailures: number,
  windowMs: number = loginFailureWindowMs,
): LoginThrottle {
  const t = now.getTime();
  const lastSuccess = Math.max(-Infinity, ...attempts.filter((a) => a.succeeded).map((a) => a.at.getTime()));
  const failures = attempts
    .filter((a) => !a.succeeded)
    .map((a) => a.at.getTime())
    .filter((f) => f > t - windowMs && f >= lastSuccess) // a tie counts against the caller
    .sort((a, b) => a - b);
  if (failures.length < maxFailures) return { throttled: false };
  // Attempts resume once the count in the window drops below the limit: when this failure ages out.
  const releasing = failures[failures.length - maxFailures]!;
  return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((releasing + windowMs - t) / 1000)) };
}
