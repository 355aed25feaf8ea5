import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMessage, campaignFrom, type Surroundings, uuidFrom } from './message.js';

const where: Surroundings = {
  at: Date.UTC(2025, 4, 6, 7, 8, 9),
  page: {
    path: '/pricing',
    referrer: 'https://search.example/',
    search: '?utm_source=news&utm_medium=email&utm_campaign=spring&x=1',
    title: 'Pricing',
    url: 'https://example.com/pricing?utm_source=news&utm_medium=email&utm_campaign=spring&x=1',
  },
  userAgent: 'UA',
  locale: 'en-GB',
  timezone: 'Europe/Paris',
};

describe('campaignFrom', () => {
  it('maps UTM parameters to Segment campaign fields', () => {
    expect(campaignFrom('?utm_source=a&utm_medium=b&utm_campaign=c&utm_term=d&utm_content=e')).toEqual({
      source: 'a',
      medium: 'b',
      name: 'c',
      term: 'd',
      content: 'e',
    });
    expect(campaignFrom('?utm_campaign=Spring%20Sale')).toEqual({ name: 'Spring Sale' });
    expect(campaignFrom('?q=1')).toBeUndefined();
    expect(campaignFrom('')).toBeUndefined();
  });
});

describe('uuidFrom', () => {
  it('formats any 16 bytes as a version 4 UUID', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        expect(uuidFrom(bytes)).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
      }),
    );
  });
});

describe('buildMessage', () => {
  it('builds a page message with the page as properties and context', () => {
    const message = buildMessage(
      { type: 'page', messageId: 'm1', anonymousId: 'a1', name: 'Pricing' },
      where,
      '1.2.3',
    );
    expect(message).toEqual({
      type: 'page',
      messageId: 'm1',
      anonymousId: 'a1',
      name: 'Pricing',
      properties: where.page,
      context: {
        page: where.page,
        userAgent: 'UA',
        campaign: { source: 'news', medium: 'email', name: 'spring' },
        library: { name: 'tandem.js', version: '1.2.3' },
        locale: 'en-GB',
        timezone: 'Europe/Paris',
      },
      timestamp: '2025-05-06T07:08:09.000Z',
    });
  });

  it('builds track and identify messages with the user id when known', () => {
    const track = buildMessage(
      {
        type: 'track',
        messageId: 'm2',
        anonymousId: 'a1',
        userId: 'u1',
        event: 'Signed Up',
        properties: { plan: 'team' },
      },
      where,
      '1.2.3',
    );
    expect(track).toMatchObject({
      type: 'track',
      event: 'Signed Up',
      userId: 'u1',
      properties: { plan: 'team' },
    });
    expect(track.traits).toBeUndefined();
    const identify = buildMessage(
      { type: 'identify', messageId: 'm3', anonymousId: 'a1', traits: { email: 'ada@example.com' } },
      where,
      '1.2.3',
    );
    expect(identify).toMatchObject({ type: 'identify', traits: { email: 'ada@example.com' } });
    expect(identify.userId).toBeUndefined();
    expect(identify.properties).toBeUndefined();
  });
});
