import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctTimestamp } from './timestamp.js';

// Instants between 2000 and 2100, and client clock skews of up to ±10 years.
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
const skew = fc.integer({ min: -10 * 365 * 86_400_000, max: 10 * 365 * 86_400_000 });
const age = fc.integer({ min: 0, max: 30 * 86_400_000 });

describe('correctTimestamp', () => {
  it('follows timestamp = receivedAt − (sentAt − originalTimestamp) for events queued before sending', () => {
    fc.assert(
      fc.property(instant, age, skew, (received, queued, clockSkew) => {
        const sentAt = new Date(received + clockSkew);
        const originalTimestamp = new Date(received + clockSkew - queued);
        const result = correctTimestamp({ receivedAt: new Date(received), sentAt, originalTimestamp });
        expect(result.getTime()).toBe(Math.max(0, received - queued));
      }),
      { numRuns: 500 },
    );
  });

  it('is blind to the client clock: shifting sentAt and originalTimestamp together changes nothing', () => {
    fc.assert(
      fc.property(instant, instant, instant, skew, (received, sent, original, shift) => {
        const a = correctTimestamp({
          receivedAt: new Date(received),
          sentAt: new Date(sent),
          originalTimestamp: new Date(original),
        });
        const b = correctTimestamp({
          receivedAt: new Date(received),
          sentAt: new Date(sent + shift),
          originalTimestamp: new Date(original + shift),
        });
        expect(b.getTime()).toBe(a.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('never places an event after it was received, nor before 1970', () => {
    fc.assert(
      fc.property(
        instant,
        fc.option(instant, { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }), { nil: undefined }),
        (received, sent, original) => {
          const result = correctTimestamp({
            receivedAt: new Date(received),
            sentAt: sent === undefined ? undefined : new Date(sent),
            originalTimestamp: original === undefined ? undefined : new Date(original),
          });
          expect(result.getTime()).toBeLessThanOrEqual(received);
          expect(result.getTime()).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('uses receivedAt without a client timestamp, and the client timestamp without sentAt', () => {
    const receivedAt = new Date('2025-03-01T12:00:00Z');
    expect(correctTimestamp({ receivedAt })).toEqual(receivedAt);
    const past = new Date('2024-01-01T00:00:00Z');
    expect(correctTimestamp({ receivedAt, originalTimestamp: past })).toEqual(past);
  });

  it('corrects the documented example', () => {
    expect(
      correctTimestamp({
        receivedAt: new Date('2025-01-01T12:00:10Z'),
        sentAt: new Date('2025-01-01T09:00:05Z'),
        originalTimestamp: new Date('2025-01-01T09:00:00Z'),
      }).toISOString(),
    ).toBe('2025-01-01T12:00:05.000Z');
  });
});
