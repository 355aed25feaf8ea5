import { describe, expect, it } from 'vitest';
import { loginThrottle } from '../src/core/auth/login-throttle.js';
import { sessionExpiresAt, sessionState } from '../src/core/auth/session-expiry.js';

const t0 = new Date('2031-01-01T00:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const policy = { idleMinutes: 30, maxHours: 2 };

describe('sessionState', () => {
  const times = (lastSeenMinutes: number) => ({
    createdAt: t0,
    lastSeenAt: at(lastSeenMinutes),
    expiresAt: sessionExpiresAt(t0, policy),
  });

  it('is active within both limits, and asks for a touch only once a minute has passed', () => {
    expect(sessionState(times(0), at(0), policy)).toEqual({ state: 'active', touch: false });
    expect(sessionState(times(0), new Date(t0.getTime() + 59_999), policy)).toEqual({
      state: 'active',
      touch: false,
    });
    expect(sessionState(times(0), at(1), policy)).toEqual({ state: 'active', touch: true });
    expect(sessionState(times(100), at(119), policy)).toEqual({ state: 'active', touch: true });
  });

  it('expires after the idle time since the last recorded activity', () => {
    expect(sessionState(times(0), at(29.99), policy).state).toBe('active');
    expect(sessionState(times(0), at(30), policy)).toEqual({ state: 'expired', reason: 'idle' });
    expect(sessionState(times(50), at(80), policy)).toEqual({ state: 'expired', reason: 'idle' });
  });

  it('expires at the absolute lifetime however recent the activity', () => {
    expect(sessionState(times(119), at(120), policy)).toEqual({ state: 'expired', reason: 'absolute' });
    expect(sessionState(times(119), at(500), policy)).toEqual({ state: 'expired', reason: 'absolute' });
  });

  it('applies a shorter lifetime configured after login, and never extends a stamped one', () => {
    expect(sessionState(times(59), at(61), { idleMinutes: 30, maxHours: 1 }).state).toBe('expired');
    const stamped = { ...times(0), expiresAt: at(10) };
    expect(sessionState(stamped, at(10), { idleMinutes: 30, maxHours: 24 })).toEqual({
      state: 'expired',
      reason: 'absolute',
    });
  });
});

describe('loginThrottle', () => {
  const fail = (minutes: number) => ({ at: at(minutes), succeeded: false });
  const ok = (minutes: number) => ({ at: at(minutes), succeeded: true });

  it('allows attempts below the limit', () => {
    expect(loginThrottle([], at(0), 3)).toEqual({ throttled: false });
    expect(loginThrottle([fail(0), fail(1)], at(2), 3)).toEqual({ throttled: false });
  });

  it('refuses at the limit until the oldest counted failure leaves the 15-minute window', () => {
    expect(loginThrottle([fail(0), fail(1), fail(2)], at(2), 3)).toEqual({
      throttled: true,
      retryAfterSeconds: 13 * 60,
    });
    expect(loginThrottle([fail(2), fail(0), fail(1)], at(14.5), 3)).toEqual({
      throttled: true,
      retryAfterSeconds: 30,
    });
    expect(loginThrottle([fail(0), fail(1), fail(2)], at(15), 3)).toEqual({ throttled: false });
  });

  it('with more failures than the limit, waits for enough of them to age out', () => {
    const failures = [fail(0), fail(1), fail(2), fail(3), fail(4)];
    // limit 3: attempts resume when only 2 remain, i.e. when the failure at minute 2 ages out.
    expect(loginThrottle(failures, at(5), 3)).toEqual({ throttled: true, retryAfterSeconds: 12 * 60 });
  });

  it('never asks to wait less than a second', () => {
    const result = loginThrottle([fail(0)], new Date(at(15).getTime() - 1), 1);
    expect(result).toEqual({ throttled: true, retryAfterSeconds: 1 });
  });

  it('counts only failures since the last successful login (a tie counts)', () => {
    expect(loginThrottle([fail(0), fail(1), ok(2), fail(3)], at(4), 3)).toEqual({ throttled: false });
    expect(loginThrottle([fail(0), fail(1), ok(2), fail(3), fail(4)], at(5), 3)).toEqual({
      throttled: false,
    });
    expect(loginThrottle([ok(1), fail(1), fail(1), fail(1)], at(2), 3).throttled).toBe(true);
  });

  it('respects the window argument', () => {
    expect(loginThrottle([fail(0), fail(1)], at(2), 2, 60_000)).toEqual({ throttled: false });
    expect(loginThrottle([fail(1.5), fail(1.9)], at(2), 2, 60_000)).toEqual({
      throttled: true,
      retryAfterSeconds: 30,
    });
  });
});
