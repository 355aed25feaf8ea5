import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleMessage } from '../../test/messages.js';
import { maxRequestBytes, utf8Length } from './batch.js';
import { createQueue, type Item, type QueueOptions, type Reply } from './queue.js';
import type { Message } from './types.js';

interface Sent {
  body: string;
  ids: string[];
}

/** A queue over a scripted network: `reply` answers each request in turn. */
function harness(reply: (request: number) => Reply | Promise<Reply>, options: Partial<QueueOptions> = {}) {
  const sent: Sent[] = [];
  const beacons: Sent[] = [];
  const saved: Item[][] = [];
  let beaconAccepts = true;
  const record = (body: string): Sent => ({
    body,
    ids: (JSON.parse(body) as { batch: Message[] }).batch.map((m) => m.messageId),
  });
  const queue = createQueue({
    writeKey: 'tdw_k',
    now: () => Date.now(),
    random: () => 0,
    transport: {
      send: async (body) => {
        sent.push(record(body));
        return reply(sent.length);
      },
      beacon: (body) => {
        if (beaconAccepts) beacons.push(record(body));
        return beaconAccepts;
      },
    },
    save: (items) => saved.push(items.map((item) => ({ ...item }))),
    ...options,
  });
  return {
    queue,
    sent,
    beacons,
    saved,
    refuseBeacons: () => {
      beaconAccepts = false;
    },
  };
}

const ok: Reply = { status: 200 };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.UTC(2025, 0, 1));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createQueue', () => {
  it('sends nothing and saves nothing while paused, then both once active', async () => {
    const h = harness(() => ok);
    h.queue.push(sampleMessage(1));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.sent).toEqual([]);
    expect(h.saved).toEqual([]);
    h.queue.setActive(true);
    expect(h.saved.at(-1)?.map((i) => i.m.messageId)).toEqual(['m-1']);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent.map((s) => s.ids)).toEqual([['m-1']]);
    expect(h.saved.at(-1)).toEqual([]);
    expect(h.queue.size()).toBe(0);
  });

  it('coalesces calls made within the delay into one request', async () => {
    const h = harness(() => ok);
    h.queue.setActive(true);
    h.queue.push(sampleMessage(1));
    await vi.advanceTimersByTimeAsync(100);
    h.queue.push(sampleMessage(2));
    await vi.advanceTimersByTimeAsync(99);
    expect(h.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent.map((s) => s.ids)).toEqual([['m-1', 'm-2']]);
  });

  it('keeps one request in flight; later calls wait for the next one', async () => {
    let answer: (reply: Reply) => void = () => undefined;
    const h = harness((n) => (n === 1 ? new Promise<Reply>((resolve) => (answer = resolve)) : ok));
    h.queue.setActive(true);
    h.queue.push(sampleMessage(1));
    await vi.advanceTimersByTimeAsync(200);
    h.queue.push(sampleMessage(2));
    h.queue.flush();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.sent.map((s) => s.ids)).toEqual([['m-1']]);
    answer(ok);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent.map((s) => s.ids)).toEqual([['m-1'], ['m-2']]);
  });

  it('retries a failed request after a backoff, with the same message ids', async () => {
    const h = harness((n) => (n === 1 ? { status: 503 } : n === 2 ? { status: 0 } : ok));
    h.queue.setActive(true);
    h.queue.push(sampleMessage(1));
    await vi.advanceTimersByTimeAsync(200);
    expect(h.sent).toHaveLength(1);
    // random() is 0: the first retry waits half of 1 s, the second half of 2 s.
    await vi.advanceTimersByTimeAsync(499);
    expect(h.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(h.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent.map((s) => s.ids)).toEqual([['m-1'], ['m-1'], ['m-1']]);
    expect(h.queue.size()).toBe(0);
  });

  it('waits at least as long as Retry-After asks', async () => {
    const h = harness((n) => (n === 1 ? { status: 429, retryAfter: 10 } : ok));
    h.queue.setActive(true);
    h.queue.push(sampleMessage(1));
    await vi.advanceTimersByTimeAsync(200);
    h.queue.push(sampleMessage(2));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(h.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent.map((s) => s.ids)).toEqual([['m-1'], ['m-1', 'm-2']]);
  });

  it('drops a batch the server refuses for good', async () => {
    const h = harness((n) => (n === 1 ? { status: 400 } : ok));
    h.queue.setActive(true);
    h.queue.push(sampleMessage(1));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sent).toHaveLength(1);
    expect(h.queue.size()).toBe(0);
  });

  it('gives a message up after maxAttempts failures', async () => {
    const h = harness(() => ({ status: 500 }), { maxAttempts: 3 });
    h.queue.setActive(true);
    h.queue.push(sampleMessage(1));
    await vi.advanceTimersByTimeAsync(600_000);
    expect(h.sent).toHaveLength(3);
    expect(h.queue.size()).toBe(0);
  });

  it('splits a large backlog into requests under the keepalive limit', async () => {
    const h = harness(() => ok);
    h.queue.setActive(true);
    for (let i = 0; i < 40; i++) h.queue.push(sampleMessage(i, 8_000));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.sent.length).toBeGreaterThan(4);
    for (const request of h.sent) expect(utf8Length(request.body)).toBeLessThanOrEqual(maxRequestBytes);
    expect(h.sent.flatMap((s) => s.ids)).toHaveLength(40);
  });

  it('on unload hands everything not in flight to beacons', async () => {
    const h = harness(() => new Promise<Reply>(() => undefined));
    h.queue.setActive(true);
    h.queue.push(sampleMessage(1));
    await vi.advanceTimersByTimeAsync(200);
    for (let i = 2; i < 12; i++) h.queue.push(sampleMessage(i, 10_000));
    h.queue.unload();
    expect(h.sent.map((s) => s.ids)).toEqual([['m-1']]);
    expect(h.beacons.flatMap((b) => b.ids)).toEqual(Array.from({ length: 10 }, (_, i) => `m-${i + 2}`));
    for (const beacon of h.beacons) expect(utf8Length(beacon.body)).toBeLessThanOrEqual(maxRequestBytes);
    // The in-flight message stays saved until acknowledged, so a next page resends it if need be.
    expect(h.saved.at(-1)?.map((i) => i.m.messageId)).toEqual(['m-1']);
  });

  it('keeps what a refused beacon carried, saved for the next page', async () => {
    const h = harness(() => ok);
    h.queue.setActive(true);
    h.refuseBeacons();
    h.queue.push(sampleMessage(1));
    h.queue.unload();
    expect(h.saved.at(-1)?.map((i) => i.m.messageId)).toEqual(['m-1']);
  });

  it('sends what an earlier page left, first', async () => {
    const h = harness(() => ok, { restored: [{ m: sampleMessage(1), n: 2 }] });
    h.queue.setActive(true);
    h.queue.push(sampleMessage(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent.map((s) => s.ids)).toEqual([['m-1', 'm-2']]);
  });

  it('clear forgets every undelivered message', async () => {
    const h = harness(() => ok);
    h.queue.push(sampleMessage(1));
    h.queue.clear();
    h.queue.setActive(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.sent).toEqual([]);
    expect(h.saved.at(-1)).toEqual([]);
  });

  it('acknowledges every message exactly once, whatever the network does', async () => {
    const step = fc.record({
      wait: fc.nat({ max: 3_000 }),
      size: fc.oneof(fc.constant(0), fc.nat({ max: 30_000 })),
      flush: fc.boolean(),
    });
    const network = fc.array(
      fc.constantFrom<Reply>({ status: 200 }, { status: 0 }, { status: 500 }, { status: 429, retryAfter: 2 }),
      { maxLength: 30 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), network, async (steps, replies) => {
        const acknowledged: string[] = [];
        const seen = new Map<string, string>();
        const h = harness(
          (n) => {
            // After the scripted trouble the network recovers, so delivery must complete.
            const reply = replies[n - 1] ?? ok;
            if (reply.status === 200) acknowledged.push(...h.sent[n - 1]!.ids);
            return reply;
          },
          { maxAttempts: Number.POSITIVE_INFINITY, random: Math.random },
        );
        h.queue.setActive(true);
        for (const [i, s] of steps.entries()) {
          const message = sampleMessage(i, s.size);
          seen.set(message.messageId, JSON.stringify(message));
          h.queue.push(message);
          if (s.flush) h.queue.flush();
          await vi.advanceTimersByTimeAsync(s.wait);
        }
        for (let round = 0; round < 100 && h.queue.size() > 0; round++)
          await vi.advanceTimersByTimeAsync(60_000);
        expect(h.queue.size()).toBe(0);
        expect([...acknowledged].sort()).toEqual([...seen.keys()].sort());
        for (const request of h.sent) {
          expect(utf8Length(request.body)).toBeLessThanOrEqual(maxRequestBytes);
          // A resent message is the same message: same id, same content.
          for (const m of (JSON.parse(request.body) as { batch: Message[] }).batch) {
            const { sentAt: _sentAt, ...rest } = m;
            expect(JSON.stringify(rest)).toBe(seen.get(m.messageId));
          }
        }
      }),
      { numRuns: 60 },
    );
    // Generous: the machine running the suite may be busy; the property, not the speed, is tested.
  }, 30_000);
});
