import { describe, expect, it } from 'vitest';
import { decodeAnalysisEvents, jsonValue } from './analysis-rows.js';

describe('decodeAnalysisEvents', () => {
  it('reads nothing from a null or empty aggregate', () => {
    expect(decodeAnalysisEvents(null, 2)).toEqual([]);
    expect(decodeAnalysisEvents('', 0)).toEqual([]);
  });

  it('decodes every field, absent names and properties as null', () => {
    const text = [
      'e1\tc1\tpage\t1700000000123\t\t"/pricing"\t',
      'e2\tc1\ttrack\t1700000000456\t"Demo Requested"\t\t{"a":[1,2]}',
      'e3\tc2\ttrack\t1700000000789\t"Say \\"hi\\"\\tnow"\t3.5\tnull',
    ].join('\n');
    expect(decodeAnalysisEvents(text, 2)).toEqual([
      {
        id: 'e1',
        contact_id: 'c1',
        type: 'page',
        at_ms: 1700000000123,
        name: null,
        props: ['/pricing', null],
      },
      {
        id: 'e2',
        contact_id: 'c1',
        type: 'track',
        at_ms: 1700000000456,
        name: 'Demo Requested',
        props: [null, { a: [1, 2] }],
      },
      {
        id: 'e3',
        contact_id: 'c2',
        type: 'track',
        at_ms: 1700000000789,
        name: 'Say "hi"\tnow',
        props: [3.5, null],
      },
    ]);
  });

  it('gives no property list when none was asked for', () => {
    expect(decodeAnalysisEvents('e1\tc1\tidentify\t5\t', 0)[0]!.props).toBeNull();
  });
});

describe('jsonValue', () => {
  it('takes plain strings without parsing and parses everything else', () => {
    expect(jsonValue('"plain"')).toBe('plain');
    expect(jsonValue('"\\u00e9t\\u00e9"')).toBe('été');
    expect(jsonValue('true')).toBe(true);
    expect(jsonValue('')).toBeNull();
  });
});
