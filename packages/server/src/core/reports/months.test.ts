import { describe, expect, it } from 'vitest';
import { lastMonths } from './months.js';

describe('lastMonths', () => {
  it('counts back across a year boundary, oldest first', () => {
    expect(lastMonths(new Date('2031-01-15T00:00:00Z'), 3, 'UTC')).toEqual(['2030-11', '2030-12', '2031-01']);
  });

  it('cuts months in the given time zone', () => {
    // 1 March 03:00 UTC is still 28 February in New York.
    const at = new Date('2031-03-01T03:00:00Z');
    expect(lastMonths(at, 1, 'UTC')).toEqual(['2031-03']);
    expect(lastMonths(at, 1, 'America/New_York')).toEqual(['2031-02']);
  });
});
