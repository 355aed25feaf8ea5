import type { NewEventRow } from '../../store/event.repo.js';
import { demoSizes } from './catalog.js';
import type { DemoContext, Row } from './context.js';
import type { DemoLead } from './journeys.js';
import type { DemoContact } from './people.js';
import { businessMoment, chance, day, hour, intBetween, isoDate, minute } from './random.js';
import {
  type CampaignSpec,
  campaignSpecs,
  type PageSpec,
  pages,
  referrers,
  type TrackSpec,
  trackEvents,
  userAgents,
} from './web-catalog.js';

export interface DemoCampaign {
  row: Row<'campaign'> & { id: string };
  spec: CampaignSpec;
  startMs: number;
  endMs: number;
}

const siteUrl = 'https://www.acme-analytics.test';
/** Half-life of the demo's interest sums (a contract decides the real one). */
const interestHalfLifeMs = 14 * day;

export function generateCampaigns(ctx: DemoContext): DemoCampaign[] {
  return campaignSpecs.map((spec) => {
    const startMs = ctx.nowMs - spec.startDaysAgo * day;
    const endMs = spec.endDaysAgo === null ? ctx.nowMs : ctx.nowMs - spec.endDaysAgo * day;
    return {
      row: {
        workspace_id: ctx.workspaceId,
        id: ctx.id(startMs - 7 * day),
        name: spec.name,
        channel: spec.channel,
        utm_campaign: spec.utm,
        cost_cents: spec.costCents,
        starts_on: isoDate(startMs),
        ends_on: spec.endDaysAgo === null ? null : isoDate(endMs),
        owner_team_id: ctx.marketingTeamId,
        requested_by_sales: spec.requestedBySales,
        created_at: new Date(startMs - 7 * day),
      },
      spec,
      startMs,
      endMs,
    };
  });
}

interface Visitor {
  anonymousId: string;
  userId: string | null;
  contactId: string | null;
  accountId: string | null;
  userAgent: string;
  ip: string;
}

interface PageContext {
  path: string;
  url: string;
  title?: string;
  referrer?: string;
  search?: string;
}

/** One event as a Segment client would have sent it: the campaign and page travel in its context. */
interface EventFields {
  type: NewEventRow['type'];
  name: string | null;
  campaign?: DemoCampaign | undefined;
  page?: PageContext | undefined;
  properties: Record<string, unknown>;
  traits?: Record<string, unknown>;
}

interface SessionOptions {
  campaign?: DemoCampaign | undefined;
  /** A track event this session must contain (the intent burst before an MQL). */
  track?: TrackSpec | undefined;
  pageCount?: number;
  /** The page the session starts on (e.g. pricing, careers). */
  firstPath?: string;
}

/** Builds the event rows of one browsing session and reports their Interest points. */
class EventWriter {
  readonly rows: NewEventRow[] = [];
  private seq = 0;

  constructor(
    private readonly ctx: DemoContext,
    private readonly campaigns: readonly DemoCampaign[],
  ) {}

  private push(visitor: Visitor, atMs: number, fields: EventFields): void {
    const at = Math.min(atMs, this.ctx.nowMs - 1000);
    this.seq += 1;
    const utm = fields.campaign?.spec;
    this.rows.push({
      workspaceId: this.ctx.workspaceId,
      id: this.ctx.id(at),
      messageId: `demo-${this.seq.toString().padStart(6, '0')}`,
      type: fields.type,
      name: fields.name,
      anonymousId: visitor.anonymousId,
      userId: visitor.userId,
      contactId: visitor.contactId,
      accountId: visitor.accountId,
      campaignId: fields.campaign?.row.id ?? null,
      occurredAt: new Date(at),
      receivedAt: new Date(at + 40 + (this.seq % 900)),
      properties: JSON.stringify(fields.properties),
      context: JSON.stringify({
        userAgent: visitor.userAgent,
        ip: visitor.ip,
        ...(fields.page ? { page: fields.page } : {}),
        ...(utm ? { campaign: { name: utm.utm, source: utm.source, medium: utm.medium } } : {}),
      }),
      traits: JSON.stringify(fields.traits ?? {}),
      groupId: null,
      previousId: null,
      utmSource: utm?.source ?? null,
      utmMedium: utm?.medium ?? null,
      utmCampaign: utm?.utm ?? null,
      utmTerm: null,
      utmContent: null,
      referrer: fields.page?.referrer ?? null,
      pageUrl: fields.page?.url ?? null,
    });
  }

  activeCampaign(atMs: number): DemoCampaign | undefined {
    const active = this.campaigns.filter(
      (c) => c.startMs <= atMs && atMs <= c.endMs && c.spec.channel !== 'email',
    );
    if (active.length === 0) return undefined;
    return this.ctx.f.helpers.weightedArrayElement(active.map((c) => ({ weight: c.spec.weight, value: c })));
  }

  /** Returns the decayed Interest points (relative to now) the session earned. */
  session(visitor: Visitor, startMs: number, options: SessionOptions = {}): number {
    const { f } = this.ctx;
    const campaign = options.campaign;
    const count =
      options.pageCount ??
      f.helpers.weightedArrayElement([
        { weight: 30, value: 1 },
        { weight: 30, value: 2 },
        { weight: 20, value: 3 },
        { weight: 12, value: 4 },
        { weight: 8, value: 6 },
      ]);
    let t = startMs;
    let interest = 0;
    const earn = (points: number, at: number) => {
      interest += points * 2 ** ((at - this.ctx.nowMs) / interestHalfLifeMs);
    };
    let referrer = campaign ? null : f.helpers.weightedArrayElement(referrers);
    for (let i = 0; i < count; i++) {
      const page: PageSpec =
        i === 0 && options.firstPath
          ? (pages.find((p) => p.value.path === options.firstPath)?.value ?? pages[0]!.value)
          : i === 0 && campaign
            ? (pages.find((p) => p.value.path === campaign.spec.landingPath)?.value ?? pages[0]!.value)
            : f.helpers.weightedArrayElement(pages);
      const tagged = i === 0 && campaign;
      const search = tagged
        ? `?utm_source=${campaign.spec.source}&utm_medium=${campaign.spec.medium}&utm_campaign=${campaign.spec.utm}`
        : '';
      const pageContext: PageContext = {
        path: page.path,
        url: `${siteUrl}${page.path}${search}`,
        title: page.title,
        ...(referrer ? { referrer } : {}),
        ...(search ? { search } : {}),
      };
      this.push(visitor, t, {
        type: 'page',
        name: page.title,
        campaign: tagged ? campaign : undefined,
        page: pageContext,
        properties: { ...pageContext },
      });
      earn(page.points, t);
      referrer = `${siteUrl}${page.path}`;
      t += intBetween(f, 15, 240) * 1000;
    }
    const track =
      options.track ??
      (chance(f, 0.18)
        ? f.helpers.weightedArrayElement(trackEvents.filter((e) => e.value.intent === 'low'))
        : undefined);
    if (track) {
      this.track(visitor, t, track);
      earn(track.points, t);
    }
    return interest;
  }

  private track(visitor: Visitor, atMs: number, spec: TrackSpec): void {
    const { f } = this.ctx;
    const newsletter = this.campaigns.find((c) => c.spec.channel === 'email');
    const viaEmail = spec.name === 'Email Link Clicked' && newsletter;
    const properties: Record<string, unknown> = { path: spec.path };
    if (spec.name === 'Pricing Calculator Used') {
      properties.seats = intBetween(f, 3, 120);
      properties.plan = f.helpers.arrayElement(['growth', 'business', 'enterprise']);
    }
    if (spec.name === 'Webinar Registered') properties.webinar = 'modern-attribution';
    if (spec.name === 'Report Downloaded') properties.asset = 'state-of-analytics-2026';
    if (viaEmail) properties.email = `newsletter-${isoDate(atMs).slice(0, 7)}`;
    this.push(visitor, atMs, {
      type: 'track',
      name: spec.name,
      campaign: viaEmail ? newsletter : undefined,
      page: { path: spec.path, url: `${siteUrl}${spec.path}` },
      properties,
    });
  }

  identify(visitor: Visitor, atMs: number, contact: DemoContact): void {
    this.push(visitor, atMs, {
      type: 'identify',
      name: null,
      properties: {},
      traits: {
        email: contact.row.email,
        firstName: contact.row.first_name,
        lastName: contact.row.last_name,
        ...(contact.row.title ? { title: contact.row.title } : {}),
      },
    });
  }
}

export interface GeneratedEvents {
  rows: NewEventRow[];
  /** Interest sum per lead id, decayed to `now` (the lead's interest_ref_at). */
  interestByLead: Map<string, number>;
}

/**
 * 90 days of sessions: known contacts browse more as they warm up, with an intent burst (pricing,
 * demo request, webinar) right before each MQL; anonymous visitors browse and never identify.
 */
export function generateEvents(
  ctx: DemoContext,
  input: { contacts: readonly DemoContact[]; leads: readonly DemoLead[]; campaigns: readonly DemoCampaign[] },
): GeneratedEvents {
  const { f } = ctx;
  const writer = new EventWriter(ctx, input.campaigns);
  const eventStart = ctx.nowMs - demoSizes.days * day;
  const leadByContact = new Map(input.leads.map((l) => [l.contact, l]));
  const highIntent = trackEvents.filter((e) => e.value.intent === 'high');
  const weighted = (names: Record<string, number>) =>
    highIntent.map((e) => ({ weight: names[e.value.name] ?? 1, value: e.value }));
  const convertingIntent = weighted({
    'Demo Requested': 8,
    'Pricing Calculator Used': 6,
    'Trial Started': 4,
  });
  const falteringIntent = weighted({ 'Webinar Registered': 8 });
  const interestByLead = new Map<string, number>();
  const when = (from: number, to: number) => {
    const at = businessMoment(f, from + f.number.float({ min: 0, max: 1 }) * (to - from));
    return Math.min(Math.max(at, from), to);
  };
  const tagged = (at: number) => (chance(f, 0.35) ? writer.activeCampaign(at) : undefined);

  for (const contact of input.contacts) {
    const visitor: Visitor = {
      anonymousId: contact.anonymousIds[0]!,
      userId: contact.userId,
      contactId: contact.row.id,
      accountId: contact.row.account_id ?? null,
      userAgent: f.helpers.arrayElement(userAgents),
      ip: f.internet.ipv4(),
    };
    const lead = leadByContact.get(contact);
    const warmed = lead?.steps.some((s) => s.to === 'mql') ?? false;
    const sessions = lead ? (warmed ? intBetween(f, 3, 8) : intBetween(f, 1, 4)) : intBetween(f, 0, 3);
    const createdMs = contact.row.created_at.getTime();
    const from = Math.max(eventStart, createdMs - 20 * day);
    let interest = 0;
    for (let s = 0; s < sessions; s++) {
      const at = when(from, ctx.nowMs);
      const second = contact.anonymousIds[1];
      const device = second && chance(f, 0.3) ? { ...visitor, anonymousId: second } : visitor;
      interest += writer.session(device, at, { campaign: tagged(at) });
    }
    if (createdMs >= eventStart) writer.identify(visitor, createdMs, contact);
    // Behaviour predicts the outcome, so backtests and signal lift have something to find: leads
    // that go on to SQL mostly ask for a demo or price a plan and look at pricing; leads that are
    // recycled or disqualified more often register for webinars, and some browse the careers page.
    const converts = lead?.steps.some((s) => s.to === 'sql') ?? false;
    const falters = lead?.steps.some((s) => s.to === 'recycled' || s.to === 'disqualified') ?? false;
    const intent = converts ? convertingIntent : falters ? falteringIntent : highIntent;
    for (const step of lead?.steps ?? []) {
      if (step.to !== 'mql' || step.atMs < eventStart) continue;
      const at = step.atMs - intBetween(f, 30, 72 * 60) * minute;
      interest += writer.session(visitor, Math.max(eventStart, at), {
        track: f.helpers.weightedArrayElement(intent),
        pageCount: intBetween(f, 2, 4),
        ...(converts && chance(f, 0.7) ? { firstPath: '/pricing' } : {}),
      });
    }
    if (falters && chance(f, 0.35)) {
      const at = when(from, ctx.nowMs);
      interest += writer.session(visitor, at, { firstPath: '/careers', pageCount: 1 });
    }
    if (lead) interestByLead.set(lead.row.id, Math.round(interest * 100) / 100);
  }

  for (let v = 0; v < demoSizes.anonymousVisitors; v++) {
    const visitor: Visitor = {
      anonymousId: f.string.uuid(),
      userId: null,
      contactId: null,
      accountId: null,
      userAgent: f.helpers.arrayElement(userAgents),
      ip: f.internet.ipv4(),
    };
    const sessions = intBetween(f, 1, 3);
    for (let s = 0; s < sessions; s++) {
      const at = when(eventStart, ctx.nowMs - hour);
      writer.session(visitor, at, { campaign: tagged(at) });
    }
  }
  return { rows: writer.rows, interestByLead };
}
