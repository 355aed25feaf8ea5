import type { Role } from '@tandem/contracts';

/** Password of every demo user. Public on purpose: the demo workspace is for trying Tandem out. */
export const demoPassword = 'tandem-demo-2026';
export const demoWorkspace = { name: 'Acme Analytics', slug: 'demo', timezone: 'America/New_York' } as const;
export const demoSalesTeam = 'Inbound Sales';
export const demoMarketingTeam = 'Demand Generation';
export const demoPartnerName = 'Northwind Partners';

export type DemoUserKey = 'admin' | 'marketing' | 'manager' | 'rep1' | 'rep2' | 'rep3' | 'partner';

export interface DemoUserSpec {
  key: DemoUserKey;
  email: string;
  name: string;
  role: Role;
  team: 'sales' | 'marketing' | null;
}

export const demoUsers: readonly DemoUserSpec[] = [
  { key: 'admin', email: 'admin@demo.tandem.test', name: 'Alex Morgan', role: 'admin', team: null },
  {
    key: 'marketing',
    email: 'marketing@demo.tandem.test',
    name: 'Maya Chen',
    role: 'marketing',
    team: 'marketing',
  },
  {
    key: 'manager',
    email: 'manager@demo.tandem.test',
    name: 'Sam Rivera',
    role: 'sales_manager',
    team: 'sales',
  },
  { key: 'rep1', email: 'rep1@demo.tandem.test', name: 'Riley Park', role: 'sales_rep', team: 'sales' },
  { key: 'rep2', email: 'rep2@demo.tandem.test', name: 'Jordan Ellis', role: 'sales_rep', team: 'sales' },
  { key: 'rep3', email: 'rep3@demo.tandem.test', name: 'Casey Patel', role: 'sales_rep', team: 'sales' },
  { key: 'partner', email: 'partner@demo.tandem.test', name: 'Nina Kowalski', role: 'partner', team: null },
];

/** Target sizes of the demo workspace; docs/cli.md documents them and the seed test checks them. */
export const demoSizes = {
  accounts: 300,
  contacts: 2_000,
  campaigns: 8,
  opportunities: 40,
  /** Share of contacts that have a lead. */
  leadShare: 0.85,
  /** Visitors who never identified themselves: events without a contact. */
  anonymousVisitors: 700,
  days: 90,
} as const;

type Weighted<T> = { weight: number; value: T };

export interface CountrySpec {
  code: string;
  region: 'NA' | 'EMEA' | 'APAC' | 'LATAM';
  tlds: readonly string[];
}

export const countries: readonly Weighted<CountrySpec>[] = [
  { weight: 40, value: { code: 'US', region: 'NA', tlds: ['com', 'io', 'co'] } },
  { weight: 6, value: { code: 'CA', region: 'NA', tlds: ['ca', 'com'] } },
  { weight: 10, value: { code: 'GB', region: 'EMEA', tlds: ['co.uk', 'com', 'io'] } },
  { weight: 9, value: { code: 'DE', region: 'EMEA', tlds: ['de', 'com', 'io'] } },
  { weight: 6, value: { code: 'FR', region: 'EMEA', tlds: ['fr', 'com'] } },
  { weight: 4, value: { code: 'NL', region: 'EMEA', tlds: ['nl', 'com'] } },
  { weight: 3, value: { code: 'SE', region: 'EMEA', tlds: ['se', 'com'] } },
  { weight: 3, value: { code: 'ES', region: 'EMEA', tlds: ['es', 'com'] } },
  { weight: 2, value: { code: 'IE', region: 'EMEA', tlds: ['ie', 'com'] } },
  { weight: 5, value: { code: 'AU', region: 'APAC', tlds: ['com.au', 'com'] } },
  { weight: 4, value: { code: 'IN', region: 'APAC', tlds: ['in', 'com'] } },
  { weight: 2, value: { code: 'SG', region: 'APAC', tlds: ['sg', 'com'] } },
  { weight: 2, value: { code: 'JP', region: 'APAC', tlds: ['jp', 'com'] } },
  { weight: 2, value: { code: 'BR', region: 'LATAM', tlds: ['com.br', 'com'] } },
  { weight: 2, value: { code: 'MX', region: 'LATAM', tlds: ['mx', 'com'] } },
];

/** Industries; `target` ones are the ideal customer profile and score higher on Fit. */
export const industries: readonly Weighted<{ name: string; target: boolean }>[] = [
  { weight: 22, value: { name: 'Software', target: true } },
  { weight: 12, value: { name: 'Financial Services', target: true } },
  { weight: 10, value: { name: 'E-commerce', target: true } },
  { weight: 8, value: { name: 'Healthcare', target: false } },
  { weight: 8, value: { name: 'Manufacturing', target: false } },
  { weight: 7, value: { name: 'Media', target: true } },
  { weight: 6, value: { name: 'Education', target: false } },
  { weight: 6, value: { name: 'Logistics', target: false } },
  { weight: 6, value: { name: 'Telecommunications', target: true } },
  { weight: 7, value: { name: 'Professional Services', target: false } },
  { weight: 5, value: { name: 'Retail', target: false } },
  { weight: 3, value: { name: 'Energy', target: false } },
];

/** Company size bands: employees drawn log-uniformly inside the band. */
export const sizeBands: readonly Weighted<readonly [number, number]>[] = [
  { weight: 8, value: [2, 10] },
  { weight: 20, value: [11, 50] },
  { weight: 28, value: [51, 200] },
  { weight: 24, value: [201, 1000] },
  { weight: 13, value: [1001, 5000] },
  { weight: 7, value: [5001, 40000] },
];

export type Seniority = 'executive' | 'vp' | 'director' | 'manager' | 'individual' | 'student';

export const titles: readonly Weighted<{ title: string; seniority: Seniority; department: string }>[] = [
  { weight: 2, value: { title: 'Chief Marketing Officer', seniority: 'executive', department: 'marketing' } },
  { weight: 2, value: { title: 'Chief Revenue Officer', seniority: 'executive', department: 'sales' } },
  { weight: 2, value: { title: 'CTO', seniority: 'executive', department: 'engineering' } },
  { weight: 4, value: { title: 'VP Marketing', seniority: 'vp', department: 'marketing' } },
  { weight: 3, value: { title: 'VP Sales', seniority: 'vp', department: 'sales' } },
  { weight: 3, value: { title: 'VP Revenue Operations', seniority: 'vp', department: 'operations' } },
  { weight: 6, value: { title: 'Head of Growth', seniority: 'director', department: 'marketing' } },
  {
    weight: 5,
    value: { title: 'Director of Demand Generation', seniority: 'director', department: 'marketing' },
  },
  {
    weight: 4,
    value: { title: 'Director of Sales Operations', seniority: 'director', department: 'operations' },
  },
  { weight: 4, value: { title: 'Director of Analytics', seniority: 'director', department: 'data' } },
  {
    weight: 10,
    value: { title: 'Marketing Operations Manager', seniority: 'manager', department: 'marketing' },
  },
  { weight: 8, value: { title: 'Marketing Manager', seniority: 'manager', department: 'marketing' } },
  { weight: 6, value: { title: 'Sales Manager', seniority: 'manager', department: 'sales' } },
  { weight: 5, value: { title: 'Product Manager', seniority: 'manager', department: 'product' } },
  { weight: 8, value: { title: 'Data Analyst', seniority: 'individual', department: 'data' } },
  { weight: 6, value: { title: 'Software Engineer', seniority: 'individual', department: 'engineering' } },
  { weight: 6, value: { title: 'Growth Marketer', seniority: 'individual', department: 'marketing' } },
  { weight: 5, value: { title: 'Account Executive', seniority: 'individual', department: 'sales' } },
  { weight: 4, value: { title: 'SDR', seniority: 'individual', department: 'sales' } },
  { weight: 2, value: { title: 'Consultant', seniority: 'individual', department: 'other' } },
  { weight: 2, value: { title: 'Student', seniority: 'student', department: 'other' } },
];

export const freemailDomains = [
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'proton.me',
];

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

export const recycleReasons = ['not_ready', 'no_budget', 'bad_timing', 'no_response'] as const;
export const disqualifyReasons = ['no_fit', 'competitor', 'student', 'duplicate', 'spam'] as const;
export const lostReasons = ['price', 'competitor', 'no_decision', 'timing', 'missing_feature'] as const;

export const leadSources: readonly Weighted<string>[] = [
  { weight: 30, value: 'website' },
  { weight: 15, value: 'content' },
  { weight: 12, value: 'webinar' },
  { weight: 12, value: 'paid_search' },
  { weight: 8, value: 'paid_social' },
  { weight: 8, value: 'event' },
  { weight: 10, value: 'import' },
];

export const opportunityStages = [
  { stage: 'discovery', probability: 10 },
  { stage: 'demo', probability: 25 },
  { stage: 'proposal', probability: 50 },
  { stage: 'negotiation', probability: 75 },
] as const;

export const activitySubjects = {
  call: ['Intro call', 'Discovery call', 'Follow-up call', 'Left voicemail', 'Qualification call'],
  email: [
    'Thanks for your interest',
    'Following up on your demo request',
    'Resources you asked for',
    'Quick question',
  ],
  meeting: [
    'Product demo',
    'Technical deep dive',
    'Pricing review',
    'Security review',
    'Kick-off with stakeholders',
  ],
  note: [
    'Budget confirmed for Q3',
    'Uses a competitor today',
    'Champion identified',
    'Not the decision maker',
  ],
} as const;
