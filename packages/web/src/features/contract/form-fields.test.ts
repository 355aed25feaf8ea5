import { describe, expect, it } from 'vitest';
import { formatList, freshRuleId, listAt, parseList, parseScalar, valueAt } from './form-fields.js';

describe('form values', () => {
  it('reads comma-separated lists, numbers as numbers when all are', () => {
    expect(parseList('vp, chief , ')).toEqual(['vp', 'chief']);
    expect(parseList('50, 100')).toEqual([50, 100]);
    expect(parseList('50, big')).toEqual(['50', 'big']);
    expect(parseList(' , ')).toBeUndefined();
    expect(formatList(['vp', 2])).toBe('vp, 2');
    expect(formatList(undefined)).toBe('');
  });

  it('types a scalar as YAML would', () => {
    expect(parseScalar('true')).toBe(true);
    expect(parseScalar('50')).toBe(50);
    expect(parseScalar('pricing')).toBe('pricing');
    expect(parseScalar('  ')).toBeUndefined();
  });

  it('walks a parsed document safely', () => {
    const doc = { fit: { rules: [{ id: 'a' }] } };
    expect(valueAt(doc, ['fit', 'rules', 0, 'id'])).toBe('a');
    expect(valueAt(doc, ['fit', 'rules', 5, 'id'])).toBeUndefined();
    expect(valueAt(null, ['x'])).toBeUndefined();
    expect(listAt(doc, ['fit', 'rules'])).toHaveLength(1);
    expect(listAt(doc, ['fit'])).toEqual([]);
  });

  it('picks a rule id unused across fit, interest and exclusions', () => {
    const doc = {
      fit: { rules: [{ id: 'fit-1' }] },
      interest: { rules: [{ id: 'fit-2' }] },
      mql: { exclusions: [{ id: 'fit-3' }] },
    };
    expect(freshRuleId(doc, 'fit')).toBe('fit-4');
    expect(freshRuleId({}, 'interest')).toBe('interest-1');
  });
});
