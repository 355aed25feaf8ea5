import { describe, expect, it } from 'vitest';
import { stageCounts } from './stage-counts.js';

describe('stageCounts', () => {
  it('counts leads per stage in funnel order and omits empty stages', () => {
    const leads = [
      { stage: 'sql' },
      { stage: 'lead' },
      { stage: 'mql' },
      { stage: 'lead' },
      { stage: 'won' },
    ] as const;
    expect(stageCounts(leads)).toEqual([
      { stage: 'lead', count: 2 },
      { stage: 'mql', count: 1 },
      { stage: 'sql', count: 1 },
      { stage: 'won', count: 1 },
    ]);
    expect(stageCounts([])).toEqual([]);
  });
});
