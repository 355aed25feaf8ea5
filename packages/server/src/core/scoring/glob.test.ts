import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob.js';

/** Reference: dynamic programming over (pattern prefix, text prefix); obviously right, quadratic. */
function referenceMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let row = new Array<boolean>(t.length + 1).fill(false);
  row[0] = true;
  for (const pc of p) {
    const next = new Array<boolean>(t.length + 1).fill(false);
    next[0] = pc === '*' && row[0]!;
    for (let j = 1; j <= t.length; j++) {
      if (pc === '*') next[j] = row[j]! || next[j - 1]!;
      else next[j] = row[j - 1]! && (pc === '?' || pc === t[j - 1]);
    }
    row = next;
  }
  return row[t.length]!;
}

describe('compileGlob', () => {
  it.each([
    ['/pricing*', '/pricing', true],
    ['/pricing*', '/pricing/enterprise', true],
    ['/pricing*', '/en/pricing', false],
    ['/docs/*', '/docs/', true],
    ['/docs/*', '/docs', false],
    ['*/careers*', '/de/careers/jobs', true],
    ['/blog/????', '/blog/abcd', true],
    ['/blog/????', '/blog/abc', false],
    ['*', '', true],
    ['', '', true],
    ['', 'x', false],
    ['*vp*', 'Senior VP Sales', true],
    ['*ÉTUDIANT*', 'un étudiant', true],
  ])('%s on %s → %s', (pattern, text, expected) => {
    expect(compileGlob(pattern).test(text)).toBe(expected);
  });

  it('agrees with a reference matcher on random patterns and texts', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'A', '/'), maxLength: 12 });
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?', '/'), maxLength: 8 });
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        expect(compileGlob(p).test(t)).toBe(referenceMatch(p, t));
      }),
      { numRuns: 3000 },
    );
  });

  it('stays linear in the text on a hostile pattern', () => {
    const glob = compileGlob('*a*a*a*a*a*a*a*b');
    for (const n of [1_000, 10_000, 100_000]) {
      expect(glob.test('a'.repeat(n))).toBe(false);
      expect(glob.lastSteps).toBeLessThanOrEqual(3 * n + 16);
    }
    expect(glob.test(`${'a'.repeat(100_000)}b`)).toBe(true);
  });

  it('bounds work by text length × the longest star-free segment', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 20 }),
        fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 60 }),
        (p, t) => {
          const glob = compileGlob(p);
          glob.test(t);
          const segment = Math.max(...p.split('*').map((s) => s.length));
          expect(glob.lastSteps).toBeLessThanOrEqual((t.length + 1) * (segment + 1) + p.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
