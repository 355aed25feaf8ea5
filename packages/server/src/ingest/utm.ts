/** Campaign parameters and referrer of one event, as attribution reads them. */
export interface Utm {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
}

export interface TrafficSource {
  utm: Utm;
  referrer: string | null;
  pageUrl: string | null;
}

const maxLength = 2000;
type Bag = Record<string, unknown>;

const isBag = (value: unknown): value is Bag =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const bag = (value: unknown): Bag => (isBag(value) ? value : {});

function text(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).trim();
  return s === '' ? null : s.slice(0, maxLength);
}

function queryOf(url: string | null, search: string | null): URLSearchParams | undefined {
  if (search) return new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  if (!url) return undefined;
  const at = url.indexOf('?');
  if (at < 0) return undefined;
  const end = url.indexOf('#', at);
  return new URLSearchParams(url.slice(at + 1, end < 0 ? undefined : end));
}

/**
 * UTM parameters from `context.campaign` (Segment clients parse the page URL into it), else from
 * the page URL's query; referrer and URL from `context.page`, else from the page properties.
 * @example trafficSource({ page: { url: 'https://x.io/?utm_campaign=spring' } }, {}).utm.campaign // 'spring'
 */
export function trafficSource(context: Bag, properties: Bag): TrafficSource {
  const page = bag(context.page);
  const pageUrl = text(page.url) ?? text(properties.url);
  const referrer = text(page.referrer) ?? text(properties.referrer) ?? text(bag(context.referrer).url);
  const campaign = bag(context.campaign);
  let utm: Utm = {
    source: text(campaign.source),
    medium: text(campaign.medium),
    campaign: text(campaign.name),
    term: text(campaign.term),
    content: text(campaign.content),
  };
  if (Object.values(utm).every((v) => v === null)) {
    const query = queryOf(pageUrl, text(page.search) ?? text(properties.search));
    if (query) {
      const q = (name: string) => text(query.get(name));
      utm = {
        source: q('utm_source'),
        medium: q('utm_medium'),
        campaign: q('utm_campaign'),
        term: q('utm_term'),
        content: q('utm_content'),
      };
    }
  }
  return { utm, referrer, pageUrl };
}
