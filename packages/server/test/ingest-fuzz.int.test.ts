import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, createIngestTestApp, type IngestTestApp } from './ingest-setup.js';

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '\ud800',
    'x\udc00y',
    '__proto__',
    '',
    ' ',
    '9999-99-99',
    '2025-13-01T00:00:00Z',
    -1,
    1e308,
  ),
);

const validEvent = fc.record({
  type: fc.constantFrom('track', 'page', 'screen', 'identify', 'group', 'alias'),
  event: fc.constant('Clicked'),
  name: fc.constant('Home'),
  userId: fc.constant('u-1'),
  anonymousId: fc.constant('a-1'),
  groupId: fc.constant('g-1'),
  previousId: fc.constant('p-1'),
  messageId: fc.uuid(),
  timestamp: fc.constant('2025-01-01T00:00:00Z'),
  properties: fc.constant({ plan: 'pro' }),
  traits: fc.constant({ email: 'a@b.io' }),
  context: fc.constant({ page: { url: 'https://a.io/?utm_campaign=x' } }),
});

const fields = [
  'type',
  'event',
  'name',
  'userId',
  'anonymousId',
  'groupId',
  'previousId',
  'messageId',
  'timestamp',
  'sentAt',
  'originalTimestamp',
  'properties',
  'traits',
  'context',
] as const;

/** A valid event with some fields replaced by junk, removed, or junk keys added. */
const mutatedEvent = fc
  .tuple(
    validEvent,
    fc.array(fc.tuple(fc.constantFrom(...fields), fc.option(nasty, { nil: undefined })), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), nasty, { maxKeys: 2 }),
  )
  .map(([event, changes, extra]) => {
    const copy: Record<string, unknown> = { ...event, properties: { ...event.properties, ...extra } };
    for (const [field, value] of changes) {
      if (value === undefined) delete copy[field];
      else copy[field] = value;
    }
    return copy;
  });

describe('ingestion under malformed input', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await createIngestTestApp();
  });
  afterAll(async () => t?.close());

  const send = (url: string, payload: string, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: basicAuth(t.writeKey), 'content-type': contentType },
      payload,
    });

  /** No 5xx; a refusal is problem+json naming a field; an acceptance names the field of each rejected event. */
  function expectWellFormed(res: Awaited<ReturnType<typeof send>>): void {
    expect(res.statusCode, res.body).toBeLessThan(500);
    const body = res.json();
    if (res.statusCode === 200) {
      expect(body.success).toBe(true);
      for (const rejected of body.rejected ?? []) expect(typeof rejected.field).toBe('string');
      return;
    }
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(typeof body.code).toBe('string');
    expect(typeof body.field, res.body).toBe('string');
    expect(body.field.length).toBeGreaterThan(0);
  }

  it('answers arbitrary bodies with a 4xx problem naming the field, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ batch: v })),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ batch: [v] })),
        ),
        fc.constantFrom('/v1/batch', '/v1/track', '/v1/identify', '/v1/group', '/v1/alias', '/v1/p'),
        fc.constantFrom('application/json', 'text/plain'),
        async (payload, url, contentType) => expectWellFormed(await send(url, payload, contentType)),
      ),
      { numRuns: 1500 },
    );
  }, 120_000);

  it('handles batches of mutated events: each bad one rejected with its field, no 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutatedEvent, { minLength: 1, maxLength: 8 }), async (batch) => {
        expectWellFormed(
          await send('/v1/batch', JSON.stringify({ batch, sentAt: new Date().toISOString() })),
        );
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(
        mutatedEvent,
        fc.constantFrom('/v1/track', '/v1/page', '/v1/identify', '/v1/group'),
        async (event, url) => {
          expectWellFormed(await send(url, JSON.stringify(event)));
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
