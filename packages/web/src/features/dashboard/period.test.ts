import { describe, expect, it } from 'vitest';
import { isPeriod, periods, periodWindow } from './period.js';

const now = new Date('2026-02-10T12:00:00.000Z');

describe('periodWindow', () => {
  it('counts days back from now', () => {
    expect(periodWindow('30d', now)).toEqual({ from: '2026-01-11T12:00:00.000Z', to: now.toISOString() });
    expect(periodWindow('12m', now).from).toBe('2025-02-10T12:00:00.000Z');
  });

  it('cuts quarters and years on UTC calendar boundaries, last quarter across the new year', () => {
    expect(periodWindow('qtd', now)).toEqual({ from: '2026-01-01T00:00:00.000Z', to: now.toISOString() });
    expect(periodWindow('last_quarter', now)).toEqual({
      from: '2025-10-01T00:00:00.000Z',
      to: '2026-01-01T00:00:00.000Z',
    });
    expect(periodWindow('last_quarter', new Date('2026-08-01T00:00:00Z'))).toEqual({
      from: '2026-04-01T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
    });
    expect(periodWindow('ytd', now).from).toBe('2026-01-01T00:00:00.000Z');
  });

  it('always gives a window that starts before it ends', () => {
    for (const p of periods) {
      const w = periodWindow(p, now);
      expect(Date.parse(w.from)).toBeLessThan(Date.parse(w.to));
    }
    expect(isPeriod('qtd')).toBe(true);
    expect(isPeriod('forever')).toBe(false);
  });
});

describe('periodWindow at a quarter’s first instant', () => {
  it('covers that first day rather than an empty window', () => {
    const start = new Date('2026-04-01T00:00:00.000Z');
    expect(periodWindow('qtd', start)).toEqual({ from: start.toISOString(), to: '2026-04-02T00:00:00.000Z' });
  });
});
