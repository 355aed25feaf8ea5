import { describe, expect, it } from 'vitest';
import { clockKindLabel, clockState, formatDeadline, formatDuration } from './countdown.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('formatDuration', () => {
  it('shows the largest units first, to the second', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(9 * s + 999)).toBe('9s');
    expect(formatDuration(4 * m + 5 * s)).toBe('4m 05s');
    expect(formatDuration(2 * h + 4 * m)).toBe('2h 04m 00s');
    expect(formatDuration(3 * d + 2 * h + 1 * s)).toBe('3d 02h 00m 01s');
  });

  it('reads a negative duration as its magnitude', () => {
    expect(formatDuration(-(m + 1 * s))).toBe('1m 01s');
  });
});

describe('formatDeadline and clockState', () => {
  const now = Date.parse('2026-03-02T12:00:00Z');
  it('counts down before the deadline and up after it', () => {
    expect(formatDeadline('2026-03-02T12:05:00Z', now)).toBe('due in 5m 00s');
    expect(formatDeadline('2026-03-02T11:00:00Z', now)).toBe('overdue by 1h 00m 00s');
    expect(formatDeadline('2026-03-02T12:00:00Z', now)).toBe('overdue by 0s');
  });

  it('tells running, warning, overdue and stopped clocks apart', () => {
    const dueAt = '2026-03-02T13:00:00Z';
    expect(clockState({ dueAt, warnAt: '2026-03-02T12:30:00Z' }, now)).toBe('running');
    expect(clockState({ dueAt, warnAt: '2026-03-02T11:30:00Z' }, now)).toBe('warning');
    expect(clockState({ dueAt: '2026-03-02T11:00:00Z' }, now)).toBe('overdue');
    expect(clockState({ dueAt, stoppedAt: '2026-03-02T11:00:00Z' }, now)).toBe('stopped');
  });

  it('names clock kinds', () => {
    expect(clockKindLabel('first_touch')).toBe('First touch');
    expect(clockKindLabel('accept_reject')).toBe('Accept or reject');
    expect(clockKindLabel('some_new_kind')).toBe('Some new kind');
  });
});
