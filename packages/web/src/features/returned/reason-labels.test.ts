import { describe, expect, it } from 'vitest';
import { actionLabel, dateRangeQuery, reasonBars, reasonLabel, reasonLabels } from './reason-labels.js';

const contract = {
  reasons: {
    reject: [
      { code: 'no_fit', label: 'Not our customer profile' },
      { code: 'spam', label: 'Spam or fake' },
    ],
    recycle: [
      { code: 'bad_timing', label: 'Not now, later' },
      { code: 'spam', label: 'Recycle label loses' },
    ],
  },
};

describe('reason labels', () => {
  it('reads labels from both lists, falling back to the code', () => {
    const labels = reasonLabels(contract);
    expect(reasonLabel(labels, 'bad_timing')).toBe('Not now, later');
    expect(reasonLabel(labels, 'spam')).toBe('Spam or fake');
    expect(reasonLabel(labels, 'retired_code')).toBe('retired_code');
    expect(reasonLabel(labels, null)).toBe('No reason given');
    expect(reasonLabels(null).size).toBe(0);
  });

  it('turns counts into bars sized against the largest, largest first', () => {
    const bars = reasonBars(
      [
        { toStage: 'disqualified', reasonCode: 'no_fit', count: 5 },
        { toStage: 'recycled', reasonCode: 'bad_timing', count: 10 },
      ],
      reasonLabels(contract),
    );
    expect(bars.map((b) => [b.label, b.count, b.share])).toEqual([
      ['Not now, later', 10, 1],
      ['Not our customer profile', 5, 0.5],
    ]);
    expect(reasonBars([], new Map())).toEqual([]);
  });

  it('names actions', () => {
    expect(actionLabel('reject')).toBe('Rejected');
    expect(actionLabel('disqualify')).toBe('Disqualified');
  });
});

describe('dateRangeQuery', () => {
  it('spans whole days in the reader’s zone and skips what is empty or malformed', () => {
    expect(dateRangeQuery('', '')).toEqual({});
    expect(dateRangeQuery('2026-13-45x', '')).toEqual({});
    const q = dateRangeQuery('2026-03-01', '2026-03-31');
    expect(q.from).toBe(new Date('2026-03-01T00:00:00').toISOString());
    expect(q.to).toBe(new Date('2026-03-31T23:59:59.999').toISOString());
  });
});
