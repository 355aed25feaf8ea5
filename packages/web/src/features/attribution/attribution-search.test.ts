import { describe, expect, it } from 'vitest';
import { parseAttributionSearch } from './attribution-search.js';

describe('parseAttributionSearch', () => {
  it('keeps a known model, the channel grouping, whole days and a positive half-life', () => {
    expect(
      parseAttributionSearch({
        model: 'time_decay',
        by: 'channel',
        from: '2026-01-01',
        to: '2026-03-31',
        halfLife: '14',
      }),
    ).toEqual({ model: 'time_decay', by: 'channel', from: '2026-01-01', to: '2026-03-31', halfLife: 14 });
  });

  it('drops what it does not understand', () => {
    expect(
      parseAttributionSearch({
        model: 'magic',
        by: 'campaign',
        from: '2026-13-45',
        to: 'soon',
        halfLife: '-1',
      }),
    ).toEqual({});
    expect(parseAttributionSearch({ halfLife: 'x' })).toEqual({});
  });
});
