import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngagement, idleAfterMs } from './engagement.js';

describe('createEngagement', () => {
  it('counts visible time up to the idle limit after the last activity', () => {
    const e = createEngagement(0, true);
    expect(e.take(10_000)).toBe(10_000);
    // No activity since the start: only up to 30 s after it counted.
    expect(e.take(100_000)).toBe(idleAfterMs - 10_000);
    e.activity(100_000);
    expect(e.take(105_000)).toBe(5_000);
  });

  it('does not count hidden time, and counts again once visible', () => {
    const e = createEngagement(0, true);
    e.visibility(false, 5_000);
    e.activity(6_000);
    e.visibility(true, 60_000);
    expect(e.take(62_000)).toBe(7_000);
  });

  it('starts from zero after take, and for a page loaded in the background', () => {
    const e = createEngagement(0, false);
    expect(e.take(50_000)).toBe(0);
    e.visibility(true, 50_000);
    expect(e.take(51_000)).toBe(1_000);
    expect(e.take(51_000)).toBe(0);
  });

  it('never counts more than the visible time elapsed, nor time running backwards', () => {
    const event = fc.record({
      kind: fc.constantFrom('activity', 'show', 'hide', 'take'),
      dt: fc.integer({ min: -1_000, max: 60_000 }),
    });
    fc.assert(
      fc.property(fc.boolean(), fc.array(event, { maxLength: 60 }), (startVisible, events) => {
        const e = createEngagement(0, startVisible);
        let now = 0;
        let visible = startVisible;
        let visibleElapsed = 0;
        let counted = 0;
        for (const { kind, dt } of events) {
          const next = now + dt;
          if (visible && dt > 0) visibleElapsed += dt;
          now = Math.max(now, next);
          if (kind === 'activity') e.activity(next);
          if (kind === 'show' || kind === 'hide') {
            e.visibility(kind === 'show', next);
            visible = kind === 'show';
          }
          if (kind === 'take') {
            const taken = e.take(next);
            expect(taken).toBeGreaterThanOrEqual(0);
            counted += taken;
          }
        }
        counted += e.take(now);
        expect(counted).toBeLessThanOrEqual(visibleElapsed);
      }),
    );
  });
});
