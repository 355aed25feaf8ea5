type Weighted<T> = { weight: number; value: T };

/** The demo company's marketing: campaigns, web pages and tracked events of its website. */
export interface CampaignSpec {
  name: string;
  channel: string;
  utm: string;
  source: string;
  medium: string;
  costCents: number;
  /** Days before `now` the campaign started and ended (null: still running). */
  startDaysAgo: number;
  endDaysAgo: number | null;
  landingPath: string;
  requestedBySales: boolean;
  /** Relative share of campaign-tagged sessions. */
  weight: number;
}

export const campaignSpecs: readonly CampaignSpec[] = [
  {
    name: 'Modern Attribution Webinar',
    channel: 'webinar',
    utm: 'attribution-webinar',
    source: 'linkedin',
    medium: 'social',
    costCents: 450_000,
    startDaysAgo: 75,
    endDaysAgo: 45,
    landingPath: '/webinars/modern-attribution',
    requestedBySales: false,
    weight: 3,
  },
  {
    name: 'Brand Search (Google Ads)',
    channel: 'paid_search',
    utm: 'brand-search',
    source: 'google',
    medium: 'cpc',
    costCents: 1_200_000,
    startDaysAgo: 120,
    endDaysAgo: null,
    landingPath: '/product',
    requestedBySales: false,
    weight: 6,
  },
  {
    name: 'LinkedIn ABM: Enterprise',
    channel: 'paid_social',
    utm: 'linkedin-abm-enterprise',
    source: 'linkedin',
    medium: 'paid_social',
    costCents: 900_000,
    startDaysAgo: 60,
    endDaysAgo: null,
    landingPath: '/customers',
    requestedBySales: true,
    weight: 3,
  },
  {
    name: 'Monthly Newsletter',
    channel: 'email',
    utm: 'newsletter',
    source: 'newsletter',
    medium: 'email',
    costCents: 30_000,
    startDaysAgo: 365,
    endDaysAgo: null,
    landingPath: '/blog/attribution-models-compared',
    requestedBySales: false,
    weight: 5,
  },
  {
    name: 'State of Analytics 2026 Report',
    channel: 'content',
    utm: 'state-of-analytics-2026',
    source: 'syndication',
    medium: 'content',
    costCents: 600_000,
    startDaysAgo: 50,
    endDaysAgo: null,
    landingPath: '/resources/state-of-analytics-2026',
    requestedBySales: false,
    weight: 4,
  },
  {
    name: 'SaaStr Annual booth',
    channel: 'event',
    utm: 'saastr-2026',
    source: 'saastr',
    medium: 'event',
    costCents: 2_500_000,
    startDaysAgo: 36,
    endDaysAgo: 33,
    landingPath: '/demo',
    requestedBySales: true,
    weight: 2,
  },
  {
    name: 'Northwind co-marketing',
    channel: 'partner',
    utm: 'northwind-comarketing',
    source: 'northwind',
    medium: 'partner',
    costCents: 200_000,
    startDaysAgo: 80,
    endDaysAgo: null,
    landingPath: '/integrations',
    requestedBySales: false,
    weight: 1,
  },
  {
    name: 'Pricing page retargeting',
    channel: 'display',
    utm: 'pricing-retargeting',
    source: 'adroll',
    medium: 'display',
    costCents: 350_000,
    startDaysAgo: 40,
    endDaysAgo: null,
    landingPath: '/pricing',
    requestedBySales: false,
    weight: 2,
  },
];

export interface PageSpec {
  path: string;
  title: string;
  /** Interest points a scoring contract might give; used only to fill the demo's interest sums. */
  points: number;
}

export const pages: readonly Weighted<PageSpec>[] = [
  { weight: 14, value: { path: '/', title: 'Acme Analytics: revenue analytics for B2B', points: 1 } },
  { weight: 8, value: { path: '/product', title: 'Product', points: 2 } },
  { weight: 4, value: { path: '/product/attribution', title: 'Multi-touch attribution', points: 3 } },
  { weight: 4, value: { path: '/product/scoring', title: 'Lead scoring', points: 3 } },
  { weight: 6, value: { path: '/pricing', title: 'Pricing', points: 8 } },
  { weight: 4, value: { path: '/customers', title: 'Customer stories', points: 3 } },
  { weight: 3, value: { path: '/integrations', title: 'Integrations', points: 2 } },
  { weight: 5, value: { path: '/docs', title: 'Documentation', points: 2 } },
  { weight: 3, value: { path: '/docs/getting-started', title: 'Getting started', points: 3 } },
  { weight: 2, value: { path: '/docs/api', title: 'API reference', points: 3 } },
  { weight: 8, value: { path: '/blog', title: 'Blog', points: 1 } },
  {
    weight: 5,
    value: { path: '/blog/attribution-models-compared', title: 'Attribution models compared', points: 2 },
  },
  { weight: 4, value: { path: '/blog/mql-is-not-dead', title: 'The MQL is not dead', points: 2 } },
  { weight: 3, value: { path: '/blog/speed-to-lead', title: 'Speed to lead, measured', points: 2 } },
  {
    weight: 2,
    value: { path: '/webinars/modern-attribution', title: 'Webinar: modern attribution', points: 4 },
  },
  {
    weight: 2,
    value: { path: '/resources/state-of-analytics-2026', title: 'State of Analytics 2026', points: 4 },
  },
  { weight: 2, value: { path: '/demo', title: 'Book a demo', points: 10 } },
  { weight: 2, value: { path: '/about', title: 'About us', points: 0 } },
  { weight: 1, value: { path: '/careers', title: 'Careers', points: -5 } },
];

export interface TrackSpec {
  name: string;
  path: string;
  points: number;
  /** High intent: shows up right before a lead becomes an MQL. */
  intent: 'low' | 'high';
}

export const trackEvents: readonly Weighted<TrackSpec>[] = [
  { weight: 8, value: { name: 'Email Link Clicked', path: '/blog', points: 3, intent: 'low' } },
  { weight: 5, value: { name: 'Newsletter Subscribed', path: '/blog', points: 2, intent: 'low' } },
  {
    weight: 4,
    value: {
      name: 'Report Downloaded',
      path: '/resources/state-of-analytics-2026',
      points: 8,
      intent: 'low',
    },
  },
  {
    weight: 4,
    value: { name: 'Webinar Registered', path: '/webinars/modern-attribution', points: 10, intent: 'high' },
  },
  { weight: 3, value: { name: 'Pricing Calculator Used', path: '/pricing', points: 12, intent: 'high' } },
  { weight: 2, value: { name: 'Trial Started', path: '/pricing', points: 20, intent: 'high' } },
  { weight: 2, value: { name: 'Demo Requested', path: '/demo', points: 30, intent: 'high' } },
];

export const referrers: readonly Weighted<string | null>[] = [
  { weight: 40, value: null },
  { weight: 30, value: 'https://www.google.com/' },
  { weight: 8, value: 'https://www.linkedin.com/' },
  { weight: 5, value: 'https://www.bing.com/' },
  { weight: 4, value: 'https://news.ycombinator.com/' },
  { weight: 3, value: 'https://www.g2.com/' },
];

export const userAgents = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
];
