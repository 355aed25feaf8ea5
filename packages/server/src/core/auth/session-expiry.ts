/** The limits a login session lives within (from Config). */
export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  /** Absolute end stamped at login; a later, shorter sessionMaxHours also applies. */
  expiresAt: Date;
}

export type SessionState =
  | { state: 'active'; touch: boolean }
  | { state: 'expired'; reason: 'idle' | 'absolute' };

/** last_seen_at is written at most this often, so an active user does not cause a write per request. */
export const touchIntervalMs = 60_000;

/**
 * Whether a session may still be used at `now`, and whether its last_seen_at is stale enough to
 * be rewritten. Idle time counts from the last recorded activity, absolute time from login.
 * @example sessionState(times, new Date(), { idleMinutes: 480, maxHours: 168 })
 */
export function sessionState(times: SessionTimes, now: Date, policy: SessionPolicy): SessionState {
  const t = now.getTime();
  const absoluteEnd = Math.min(
    times.expiresAt.getTime(),
    times.createdAt.getTime() + policy.maxHours * 3_600_000,
  );
  if (t >= absoluteEnd) return { state: 'expired', reason: 'absolute' };
  if (t - times.lastSeenAt.getTime() >= policy.idleMinutes * 60_000)
    return { state: 'expired', reason: 'idle' };
  return { state: 'active', touch: t - times.lastSeenAt.getTime() >= touchIntervalMs };
}

/** The absolute end of a session that starts at `now`. */
export function sessionExpiresAt(now: Date, policy: Pick<SessionPolicy, 'maxHours'>): Date {
  return new Date(now.getTime() + policy.maxHours * 3_600_000);
}
