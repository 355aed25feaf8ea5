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

/**
 * Reason codes from the example contract's lists (core/scoring/example-contract.ts), so every
 * returned lead shows the contract's label: a rejection (MQL → recycled) uses the reject list,
 * a recycle (accepted → recycled) the recycle list, and a disqualification the reject list, which
 * is what the contract's lifecycle policy validates disqualifications against.
 */
export const rejectReasons = ['not-icp', 'wrong-contact', 'duplicate'] as const;
export const recycleReasons = ['timing', 'no-response', 'needs-nurture'] as const;
export const disqualifyReasons = ['not-icp', 'wrong-contact', 'duplicate', 'spam'] as const;
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
