import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../test/messages.js';
import { buildBatches, maxEventBytes, maxRequestBytes, utf8Length } from './batch.js';
import type { Message } from './types.js';

const sentAt = '2025-01-01T00:00:00.000Z';

describe('utf8Length', () => {
  it('agrees with the real encoder on any string, lone surrogates included', () => {
    fc.assert(
      // Any UTF-16 code units, so surrogate pairs and lone surrogates both occur.
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 64 }), (units) => {
        const text = String.fromCharCode(...units);
        expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
      { numRuns: 1_000 },
    );
    expect(utf8Length('\ud83d')).toBe(3);
    expect(utf8Length('a\ud83d\ude00é')).toBe(7);
  });
});

describe('buildBatches', () => {
  it('builds Segment batch bodies with the write key and sentAt on the request and each message', () => {
    const { batches, oversized } = buildBatches([sampleMessage(1), sampleMessage(2)], {
      writeKey: 'tdw_k',
      sentAt,
    });
    expect(oversized).toEqual([]);
    expect(batches).toHaveLength(1);
    const body = JSON.parse(batches[0]!.body);
    expect(body.writeKey).toBe('tdw_k');
    expect(body.sentAt).toBe(sentAt);
    expect(body.batch.map((m: Message) => m.messageId)).toEqual(['m-1', 'm-2']);
    expect(body.batch[0].sentAt).toBe(sentAt);
  });

  it('never exceeds the byte limit and keeps every message exactly once, in order', () => {
    const sizes = fc.array(
      fc.tuple(
        // Mostly small events, some near or over the per-event limit.
        fc.oneof(
          { arbitrary: fc.nat({ max: 3_000 }), weight: 4 },
          { arbitrary: fc.nat({ max: 40_000 }), weight: 1 },
        ),
        fc.constantFrom('x', 'é', '😀'),
      ),
      {
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(sizes, fc.integer({ min: 2_000, max: maxRequestBytes }), (specs, maxBytes) => {
        const messages = specs.map(([size, char], i) => sampleMessage(i, size, char));
        const { batches, oversized } = buildBatches(messages, { writeKey: 'tdw_k', sentAt, maxBytes });
        const sent: string[] = [];
        for (const batch of batches) {
          expect(utf8Length(batch.body)).toBeLessThanOrEqual(maxBytes);
          expect(batch.messages.length).toBeGreaterThan(0);
          const parsed = JSON.parse(batch.body) as { batch: Message[] };
          expect(parsed.batch.map((m) => m.messageId)).toEqual(batch.messages.map((m) => m.messageId));
          sent.push(...batch.messages.map((m) => m.messageId));
        }
        // Oversized messages really could not fit, and nothing else was left out.
        const envelope = utf8Length(JSON.stringify({ batch: [], writeKey: 'tdw_k', sentAt }));
        for (const message of oversized) {
          const size = utf8Length(JSON.stringify({ ...message, sentAt }));
          expect(size > maxEventBytes || size + envelope > maxBytes).toBe(true);
        }
        const dropped = new Set(oversized.map((m) => m.messageId));
        expect(sent).toEqual(messages.map((m) => m.messageId).filter((id) => !dropped.has(id)));
      }),
      { numRuns: 100 },
    );
    // Generous: the machine running the suite may be busy; the property, not the speed, is tested.
  }, 30_000);

  it('fills each request before starting the next', () => {
    const messages = Array.from({ length: 30 }, (_, i) => sampleMessage(i, 5_000));
    const { batches } = buildBatches(messages, { writeKey: 'tdw_k', sentAt });
    for (const [i, batch] of batches.entries()) {
      const next = batches[i + 1];
      if (!next) continue;
      // Adding the next request's first message would have broken the limit.
      const first = JSON.stringify({ ...next.messages[0], sentAt });
      expect(utf8Length(batch.body) + 1 + utf8Length(first)).toBeGreaterThan(maxRequestBytes);
    }
  });

  it('sets aside a message over the per-event limit', () => {
    const { batches, oversized } = buildBatches(
      [sampleMessage(1), sampleMessage(2, 33_000), sampleMessage(3)],
      {
        writeKey: 'tdw_k',
        sentAt,
      },
    );
    expect(oversized.map((m) => m.messageId)).toEqual(['m-2']);
    expect(batches.flatMap((b) => b.messages.map((m) => m.messageId))).toEqual(['m-1', 'm-3']);
  });
});
