import { describe, expect, it } from 'vitest';
import {
  type CampaignMapping,
  campaignMatcher,
  classifyActivityTouch,
  classifyEventTouch,
  type TouchEvent,
} from './classify-touch.js';

const campaigns: CampaignMapping[] = [
  {
    id: 'c1',
    channel: 'webinar',
    utmCampaign: 'Spring-Webinar',
    utmSourcePattern: null,
    utmMediumPattern: null,
  },
  {
    id: 'c2',
    channel: 'paid_social',
    utmCampaign: 'abm',
    utmSourcePattern: 'linkedin*',
    utmMediumPattern: null,
  },
  {
    id: 'c3',
    channel: 'paid_search',
    utmCampaign: null,
    utmSourcePattern: 'google',
    utmMediumPattern: 'cpc',
  },
  { id: 'c4', channel: 'other', utmCampaign: null, utmSourcePattern: null, utmMediumPattern: null },
];
const matcher = campaignMatcher(campaigns);
const event = (extra: Partial<TouchEvent>): TouchEvent => ({
  type: 'page',
  name: null,
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  referrer: null,
  pageUrl: 'https://acme.test/pricing',
  ...extra,
});

describe('touch classification', () => {
  it('maps UTM parameters to the most specific campaign', () => {
    expect(classifyEventTouch(event({ utmCampaign: 'spring-webinar' }), matcher)).toEqual({
      campaignId: 'c1',
      channel: 'webinar',
      kind: 'page_view',
    });
    expect(matcher.match({ utmCampaign: 'abm', utmSource: 'LinkedIn.com', utmMedium: null })?.id).toBe('c2');
    expect(matcher.match({ utmCampaign: 'abm', utmSource: 'facebook', utmMedium: null })).toBeNull();
    expect(matcher.match({ utmCampaign: 'brand', utmSource: 'google', utmMedium: 'cpc' })?.id).toBe('c3');
  });

  it('falls back to the UTM medium, then the referrer, then direct for form fills', () => {
    expect(classifyEventTouch(event({ utmMedium: 'email', utmCampaign: 'unknown' }), matcher)).toMatchObject({
      campaignId: null,
      channel: 'email',
    });
    expect(
      classifyEventTouch(event({ referrer: 'https://www.google.com/search?q=x' }), matcher)?.channel,
    ).toBe('organic_search');
    expect(classifyEventTouch(event({ referrer: 'https://www.linkedin.com/feed' }), matcher)?.channel).toBe(
      'organic_social',
    );
    expect(classifyEventTouch(event({ referrer: 'https://blog.example.org/' }), matcher)?.channel).toBe(
      'referral',
    );
    expect(classifyEventTouch(event({ referrer: 'https://acme.test/' }), matcher)).toBeNull();
    expect(classifyEventTouch(event({ type: 'track', name: 'Demo Requested' }), matcher)).toEqual({
      campaignId: null,
      channel: 'direct',
      kind: 'form_fill',
    });
    expect(classifyEventTouch(event({ type: 'track', name: 'Report Downloaded' }), matcher)?.kind).toBe(
      'asset_view',
    );
    expect(classifyEventTouch(event({ type: 'track', name: 'Clicked' }), matcher)).toBeNull();
    expect(
      classifyEventTouch(event({ type: 'identify', utmCampaign: 'spring-webinar' }), matcher),
    ).toBeNull();
  });

  it('counts calls, emails and meetings but not notes', () => {
    expect(classifyActivityTouch('call')).toEqual({ campaignId: null, channel: 'sales', kind: 'sales_call' });
    expect(classifyActivityTouch('note')).toBeNull();
  });
});
