import { compileGlob, type Glob } from '../scoring/glob.js';

/** What the touchpoint builder knows of an event. */
export interface TouchEvent {
  type: 'track' | 'page' | 'screen' | 'identify' | 'group' | 'alias';
  name: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  referrer: string | null;
  pageUrl: string | null;
}

/** A campaign's UTM mapping. */
export interface CampaignMapping {
  id: string;
  channel: string;
  utmCampaign: string | null;
  utmSourcePattern: string | null;
  utmMediumPattern: string | null;
}

export interface TouchClass {
  campaignId: string | null;
  channel: string;
  /** page_view, form_fill, asset_view, track */
  kind: string;
}

const formFill =
  /(form|submitted|signed? ?up|registered|requested|subscribed|trial started|contact(ed)? (us|sales))/i;
const assetView = /(asset|download|viewed|watched|report|ebook|whitepaper|case study|video)/i;
const searchHosts = /(^|\.)(google|bing|duckduckgo|yahoo|baidu|yandex|ecosia)\./i;
const socialHosts = /(^|\.)(linkedin|lnkd|twitter|x|t|facebook|fb|instagram|youtube|reddit)\.(com|co|in)$/i;

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

function kindOf(event: TouchEvent): string | null {
  if (event.type === 'page' || event.type === 'screen') return 'page_view';
  if (event.type !== 'track') return null;
  const name = event.name ?? '';
  if (formFill.test(name)) return 'form_fill';
  if (assetView.test(name)) return 'asset_view';
  return 'track';
}

function channelFromUtm(medium: string | null, source: string | null): string | null {
  const m = (medium ?? '').toLowerCase();
  if (m === '') return source ? 'referral' : null;
  if (/^(cpc|ppc|paid|paidsearch|paid_search|sem)$/.test(m)) return 'paid_search';
  if (/social/.test(m)) return m.includes('paid') ? 'paid_social' : 'organic_social';
  if (/e-?mail|newsletter/.test(m)) return 'email';
  if (/display|banner|cpm/.test(m)) return 'display';
  if (/affiliate|partner/.test(m)) return 'partner';
  return m;
}

/** Campaign mappings compiled once per build run. */
export interface CampaignMatcher {
  match(event: Pick<TouchEvent, 'utmCampaign' | 'utmSource' | 'utmMedium'>): CampaignMapping | null;
}

/**
 * Finds the campaign an event's UTM parameters belong to. A campaign matches when its
 * utm_campaign equals the event's (ignoring case; a campaign without one matches on its patterns
 * alone) and each pattern it has matches. The most specific match wins: a utm_campaign match
 * first, then more patterns, then the smaller id.
 */
export function campaignMatcher(campaigns: readonly CampaignMapping[]): CampaignMatcher {
  const compiled = campaigns
    .filter((c) => c.utmCampaign !== null || c.utmSourcePattern !== null || c.utmMediumPattern !== null)
    .map((c) => ({
      c,
      utm: c.utmCampaign?.toLowerCase() ?? null,
      source: c.utmSourcePattern ? compileGlob(c.utmSourcePattern) : null,
      medium: c.utmMediumPattern ? compileGlob(c.utmMediumPattern) : null,
      rank: (c.utmCampaign !== null ? 4 : 0) + (c.utmSourcePattern ? 1 : 0) + (c.utmMediumPattern ? 1 : 0),
    }))
    .sort((a, b) => b.rank - a.rank || (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0));
  const fits = (glob: Glob | null, value: string | null) =>
    glob === null || (value !== null && glob.test(value));
  return {
    match(event) {
      const utm = event.utmCampaign?.toLowerCase() ?? null;
      for (const m of compiled) {
        if (m.utm !== null && m.utm !== utm) continue;
        if (fits(m.source, event.utmSource) && fits(m.medium, event.utmMedium)) return m.c;
      }
      return null;
    },
  };
}

/**
 * Decides whether an event is a touchpoint and of which campaign and channel. An event is a touch
 * when it comes from a campaign (UTM), arrives from another site (referrer), or is a form fill or
 * an asset view; identify, group and alias calls, and plain visits with neither, are not.
 * Channels: the campaign's; else the UTM medium's; else the referrer's kind (organic_search,
 * organic_social, referral); else direct.
 */
export function classifyEventTouch(event: TouchEvent, campaigns: CampaignMatcher): TouchClass | null {
  const kind = kindOf(event);
  if (kind === null) return null;
  const campaign = campaigns.match(event);
  if (campaign) return { campaignId: campaign.id, channel: campaign.channel, kind };
  const utmChannel =
    event.utmCampaign || event.utmMedium || event.utmSource
      ? channelFromUtm(event.utmMedium, event.utmSource)
      : null;
  if (utmChannel) return { campaignId: null, channel: utmChannel, kind };
  const from = hostOf(event.referrer);
  const site = hostOf(event.pageUrl);
  if (from && from !== site) {
    const channel = searchHosts.test(from)
      ? 'organic_search'
      : socialHosts.test(from)
        ? 'organic_social'
        : 'referral';
    return { campaignId: null, channel, kind };
  }
  if (kind === 'form_fill' || kind === 'asset_view') return { campaignId: null, channel: 'direct', kind };
  return null;
}

/** Sales activities that count as touches (a note is a record, not an interaction). */
export function classifyActivityTouch(kind: 'call' | 'email' | 'meeting' | 'note'): TouchClass | null {
  return kind === 'note' ? null : { campaignId: null, channel: 'sales', kind: `sales_${kind}` };
}
