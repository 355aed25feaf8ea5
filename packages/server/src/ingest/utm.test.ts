import { describe, expect, it } from 'vitest';
import { trafficSource } from './utm.js';

describe('trafficSource', () => {
  it('reads context.campaign as Segment clients fill it', () => {
    const source = trafficSource(
      { campaign: { name: 'Spring', source: 'google', medium: 'cpc', term: 'crm', content: 'ad-1' } },
      {},
    );
    expect(source.utm).toEqual({
      source: 'google',
      medium: 'cpc',
      campaign: 'Spring',
      term: 'crm',
      content: 'ad-1',
    });
  });

  it('falls back to the page URL query, and keeps referrer and URL', () => {
    const source = trafficSource(
      {
        page: {
          url: 'https://acme.io/pricing?utm_campaign=launch&utm_source=news#top',
          referrer: 'https://news.io/',
        },
      },
      {},
    );
    expect(source.utm.campaign).toBe('launch');
    expect(source.utm.source).toBe('news');
    expect(source.utm.medium).toBeNull();
    expect(source.referrer).toBe('https://news.io/');
    expect(source.pageUrl).toBe('https://acme.io/pricing?utm_campaign=launch&utm_source=news#top');
  });

  it('reads page properties when there is no context.page', () => {
    const source = trafficSource(
      {},
      { url: 'https://a.io/x', search: '?utm_medium=email', referrer: 'https://b.io' },
    );
    expect(source.utm.medium).toBe('email');
    expect(source.referrer).toBe('https://b.io');
  });

  it('is all null for an event without traffic information', () => {
    expect(trafficSource({}, {})).toEqual({
      utm: { source: null, medium: null, campaign: null, term: null, content: null },
      referrer: null,
      pageUrl: null,
    });
  });
});
