import { describe, expect, it } from 'vitest';
import { normalizeEvent } from './normalize-event.js';
import { parseIngestRequest } from './parse-request.js';

const receivedAt = new Date('2025-05-01T10:00:00Z');
const ctx = { receivedAt, sentAt: undefined, impliedType: undefined, pointer: '/batch/0' };

describe('normalizeEvent', () => {
  it('normalises a track call', () => {
    const result = normalizeEvent(
      {
        type: 'track',
        event: 'Signed Up',
        userId: 42,
        messageId: 'm-1',
        properties: { plan: 'pro', email: 'Ada@Acme.io' },
        context: { campaign: { name: 'spring' } },
        timestamp: '2025-05-01T09:59:00Z',
      },
      ctx,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      type: 'track',
      name: 'Signed Up',
      userId: '42',
      anonymousId: null,
      messageId: 'm-1',
      email: 'ada@acme.io',
      occurredAt: new Date('2025-05-01T09:59:00Z'),
    });
    expect(result.value.source.utm.campaign).toBe('spring');
    expect(JSON.parse(result.value.json.properties)).toEqual({ plan: 'pro', email: 'Ada@Acme.io' });
  });

  it.each([
    [{ event: 'x', userId: 'u' }, '/batch/0/type'],
    [{ type: 'nope', userId: 'u' }, '/batch/0/type'],
    [{ type: 'track', userId: 'u' }, '/batch/0/event'],
    [{ type: 'track', event: 'x' }, '/batch/0/userId'],
    [{ type: 'track', event: 'x', userId: { a: 1 } }, '/batch/0/userId'],
    [{ type: 'track', event: 'x', userId: 'u', timestamp: 'yesterday' }, '/batch/0/timestamp'],
    [{ type: 'track', event: 'x', userId: 'u', timestamp: '0001-01-01T00:00:00Z' }, '/batch/0/timestamp'],
    [{ type: 'track', event: 'x', userId: 'u', properties: [1] }, '/batch/0/properties'],
    [{ type: 'track', event: 'x', userId: 'u', context: 'c' }, '/batch/0/context'],
    [{ type: 'group', userId: 'u' }, '/batch/0/groupId'],
    [{ type: 'alias', userId: 'u' }, '/batch/0/previousId'],
    [{ type: 'alias', anonymousId: 'a', previousId: 'p' }, '/batch/0/userId'],
    [
      { type: 'track', event: 'x', userId: 'u', properties: { 'a/b': 'nul\u0000' } },
      '/batch/0/properties/a~1b',
    ],
    [{ type: 'track', event: 'x', userId: 'u', properties: { s: '\ud800' } }, '/batch/0/properties/s'],
    [{ type: 'track', event: 'x', userId: 'u'.repeat(300) }, '/batch/0/userId'],
    ['not an object', '/batch/0'],
  ])('rejects %j at %s', (raw, field) => {
    const result = normalizeEvent(raw, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection.field).toBe(field);
    expect(result.rejection.code).toBe('validation_failed');
  });

  it('refuses an event over 32 KB as too large', () => {
    const result = normalizeEvent(
      { type: 'track', event: 'x', userId: 'u', properties: { blob: 'x'.repeat(33_000) } },
      ctx,
    );
    expect(result).toMatchObject({ ok: false, rejection: { code: 'payload_too_large', field: '/batch/0' } });
  });

  it('takes the type from the endpoint and corrects the timestamp with sentAt', () => {
    const result = normalizeEvent(
      { name: 'Home', anonymousId: 'a1', timestamp: '2020-01-01T00:00:00Z', sentAt: '2020-01-01T00:00:30Z' },
      { ...ctx, impliedType: 'page', pointer: '' },
    );
    expect(result.ok && result.value.type).toBe('page');
    expect(result.ok && result.value.occurredAt.toISOString()).toBe('2025-05-01T09:59:30.000Z');
  });

  it('derives the same messageId for the same content, whatever sentAt says', () => {
    const a = normalizeEvent({ type: 'track', event: 'x', userId: 'u', sentAt: '2025-01-01T00:00:00Z' }, ctx);
    const b = normalizeEvent({ userId: 'u', event: 'x', type: 'track', sentAt: '2025-02-01T00:00:00Z' }, ctx);
    const c = normalizeEvent({ type: 'track', event: 'y', userId: 'u' }, ctx);
    expect(a.ok && b.ok && a.value.messageId === b.value.messageId).toBe(true);
    expect(a.ok && c.ok && a.value.messageId !== c.value.messageId).toBe(true);
  });
});

describe('parseIngestRequest', () => {
  it('splits a batch into accepted and rejected events, with the body write key', () => {
    const result = parseIngestRequest(
      {
        writeKey: 'tdw_x',
        sentAt: '2025-05-01T10:00:00Z',
        batch: [
          { type: 'track', event: 'a', userId: 'u' },
          { type: 'track', userId: 'u' },
          { type: 'page', anonymousId: 'x' },
        ],
      },
      { kind: 'batch', receivedAt },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.writeKey).toBe('tdw_x');
    expect(result.value.accepted).toHaveLength(2);
    expect(result.value.rejected.map((r) => [r.index, r.rejection.field])).toEqual([[1, '/batch/1/event']]);
  });

  it.each([
    [[], '/'],
    [{ batch: 'x' }, '/batch'],
    [{ batch: [] }, '/batch'],
    [{ batch: [{}], sentAt: 'soon' }, '/sentAt'],
  ])('refuses the request %j at %s', (body, field) => {
    const result = parseIngestRequest(body, { kind: 'batch', receivedAt });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rejection.field).toBe(field);
  });

  it('refuses more than 2,500 events as too large', () => {
    const batch = Array.from({ length: 2501 }, () => ({ type: 'track', event: 'e', userId: 'u' }));
    const result = parseIngestRequest({ batch }, { kind: 'batch', receivedAt });
    expect(result).toMatchObject({ ok: false, rejection: { code: 'payload_too_large', field: '/batch' } });
  });
});
