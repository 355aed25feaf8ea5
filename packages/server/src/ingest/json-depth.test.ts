import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from './json-depth.js';

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object')
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('exceedsJsonDepth', () => {
  it('agrees with the real depth of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
        expect(exceedsJsonDepth(JSON.stringify(value), max)).toBe(depthOf(value) > max);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores brackets and escaped quotes inside strings', () => {
    expect(exceedsJsonDepth(JSON.stringify({ a: '[[[[{{{{\\"[[[' }), 1)).toBe(false);
    expect(exceedsJsonDepth('{"a":"\\\\"}', 1)).toBe(false);
  });

  it('refuses 10,000 levels at once', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(exceedsJsonDepth(deep, 32)).toBe(true);
    expect(exceedsJsonDepth(`${'['.repeat(32)}${']'.repeat(32)}`, 32)).toBe(false);
  });
});
