import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesEventFilter, unknownEventFilters } from './event-filter.js';
import { signWebhook, verifyWebhook } from './signature.js';

describe('webhook signatures', () => {
  it('is HMAC-SHA256 over "<t>.<body>", checked independently', () => {
    const header = signWebhook('s3cret', 1_767_225_600, '{"a":1}');
    const expected = createHmac('sha256', 's3cret').update('1767225600.{"a":1}').digest('hex');
    expect(header).toBe(`t=1767225600,v1=${expected}`);
  });

  it('verifies what it signs, and nothing altered', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (secret, body, t) => {
          const header = signWebhook(secret, t, body);
          const check = { secret, header, body, nowSeconds: t, toleranceSeconds: 300 };
          expect(verifyWebhook(check)).toEqual({ ok: true });
          expect(verifyWebhook({ ...check, body: `${body}x` }).ok).toBe(false);
          expect(verifyWebhook({ ...check, secret: `${secret}x` }).ok).toBe(false);
          expect(verifyWebhook({ ...check, nowSeconds: t + 301 })).toEqual({ ok: false, reason: 'too_old' });
        },
      ),
    );
    expect(
      verifyWebhook({ secret: 'x', header: 'garbage', body: '', nowSeconds: 0, toleranceSeconds: 1 }),
    ).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('event filters', () => {
  it('matches exact types, prefix wildcards and *', () => {
    expect(matchesEventFilter(['lead.mql'], 'lead.mql')).toBe(true);
    expect(matchesEventFilter(['lead.mql'], 'lead.assigned')).toBe(false);
    expect(matchesEventFilter(['request.*'], 'request.created')).toBe(true);
    expect(matchesEventFilter(['request.*'], 'requests.created')).toBe(false);
    expect(matchesEventFilter(['*'], 'sla.breached')).toBe(true);
    expect(matchesEventFilter([], 'sla.breached')).toBe(false);
  });
  it('names filters that match no known type', () => {
    expect(unknownEventFilters(['lead.*', 'lead.mq', 'nope.*', '*'], ['lead.mql'])).toEqual([
      'lead.mq',
      'nope.*',
    ]);
  });
});
