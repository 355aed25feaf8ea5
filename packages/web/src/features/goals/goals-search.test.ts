import { describe, expect, it } from 'vitest';
import { parseGoalsSearch } from './goals-search.js';

describe('parseGoalsSearch', () => {
  it('keeps a goal id and drops anything else', () => {
    const id = '01a16f4c-0b3f-7162-a2b7-90dff7b8156b';
    expect(parseGoalsSearch({ goal: id, other: 1 })).toEqual({ goal: id });
    expect(parseGoalsSearch({ goal: 'x' })).toEqual({});
    expect(parseGoalsSearch({})).toEqual({});
  });
});
