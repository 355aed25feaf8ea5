import { describe, expect, it } from 'vitest';
import { countdown, formatDuration } from './countdown.js';

const clock = {
  warnAt: '2026-03-02T10:45:00Z',
  dueAt: '2026-03-02T11:00:00Z',
  stoppedAt: null,
  outcome: null,
};
const at = (iso: string) => Date.parse(iso);

describe('countdown', () => {
  it('counts down, warns after the warn share, and says how late after the deadline', () => {
    expect(countdown(clock, at('2026-03-02T10:00:00Z'))).toEqual({ tone: 'ok', text: '1h 00m 00s left' });
    expect(countdown(clock, at('2026-03-02T10:44:59Z'))).toEqual({ tone: 'ok', text: '15m 01s left' });
    expect(countdown(clock, at('2026-03-02T10:45:00Z'))).toEqual({ tone: 'warning', text: '15m 00s left' });
    expect(countdown(clock, at('2026-03-02T11:00:00Z'))).toEqual({ tone: 'overdue', text: 'overdue by 0s' });
    expect(countdown(clock, at('2026-03-02T12:05:30Z'))).toEqual({
      tone: 'overdue',
      text: 'overdue by 1h 05m 30s',
    });
  });

  it('shows a stopped clock’s outcome instead of a countdown', () => {
    const met = { ...clock, stoppedAt: '2026-03-02T10:30:00Z', outcome: 'met' };
    expect(countdown(met, at('2026-03-02T12:00:00Z'))).toEqual({ tone: 'stopped', text: 'met' });
  });
});

describe('formatDuration', () => {
  it('counts to the second', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(9_000)).toBe('9s');
    expect(formatDuration(4 * 60_000 + 9_000)).toBe('4m 09s');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 5_000)).toBe('2d 03h 00m 05s');
    expect(formatDuration(-5_000)).toBe('0s');
  });
});
