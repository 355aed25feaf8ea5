import { sql } from 'kysely';
import { attributeAll } from '../core/attribution/attribute.js';
import { buildJourney } from '../core/attribution/journey.js';
import {
  classifyMarketing,
  type MarketingShare,
  marketingShare,
} from '../core/attribution/marketing-influence.js';
import { markovRemovalEffects } from '../core/attribution/markov.js';
import {
  type AttributedDeal,
  type AttributionModel,
  type AttributionResult,
  attributionModels,
  type Touch,
} from '../core/attribution/types.js';
import {
  type Basis,
  type CampaignCostLine,
  type CreditedDeal,
  type ModelRollup,
  monthRange,
  type RollupBy,
  rollUpAttribution,
} from '../core/reports/attribution-rollup.js';
import { notFound } from '../errors.js';
import { visibleOpportunities } from '../store/access.js';
import { type Campaign, listCampaignCosts, listCampaigns } from '../store/campaign.repo.js';
import type { Executor } from '../store/executor.js';
import { findVisibleOpportunity, type Opportunity } from '../store/opportunity.repo.js';
import { type JourneyTouch, touchesOf } from '../store/touchpoint.repo.js';
import type { Viewer } from './viewer.js';

interface DealRow {
  id: string;
  accountId: string | null;
  amountCents: number;
  status: 'open' | 'won' | 'lost';
  createdAt: Date;
  closedAt: Date | null;
  leadCreatedAt: Date | null;
}

/** A deal with its journey's touches (every touch of its contacts and account up to `until`). */
interface LoadedDeal extends DealRow {
  touches: JourneyTouch[];
}

/** Most touches read for one deal: a journey longer than this is cut to its latest touches. */
const maxTouchesPerDeal = 2_000;
const dealChunk = 200;

const toTouch = (t: JourneyTouch): Touch => ({
  id: t.id,
  at: t.at,
  campaignId: t.campaignId,
  channel: t.channel,
  kind: t.kind,
});

/**
 * The journey's people: contacts with a role on the deal, and its account. The lead-creation
 * milestone is the source lead's creation, else the earliest lead of those contacts.
 */
async function loadDeals(
  db: Executor,
  viewer: Viewer,
  filter: { basis: Basis | 'closed'; from: Date; to: Date; currency: string } | { id: string },
): Promise<LoadedDeal[]> {
  let q = visibleOpportunities(db, viewer).select([
    'opportunity.id',
    'opportunity.account_id',
    'opportunity.amount_cents',
    'opportunity.status',
    'opportunity.created_at',
    'opportunity.closed_at',
    // Two index lookups (an OR across them would scan every lead once per deal); least() skips nulls.
    sql<Date | null>`least(
      (select l.created_at from lead l
        where l.workspace_id = ${viewer.workspaceId} and l.id = opportunity.source_lead_id),
      (select min(l.created_at) from opportunity_contact_role r
        join lead l on l.workspace_id = r.workspace_id and l.contact_id = r.contact_id
        where r.workspace_id = ${viewer.workspaceId} and r.opportunity_id = opportunity.id))`.as(
      'lead_created_at',
    ),
  ]);
  if ('id' in filter) {
    q = q.where('opportunity.id', '=', filter.id);
  } else {
    q = q.where('opportunity.currency', '=', filter.currency);
    if (filter.basis === 'pipeline') {
      q = q
        .where('opportunity.created_at', '>=', filter.from)
        .where('opportunity.created_at', '<', filter.to);
    } else {
      q = q.where('opportunity.closed_at', '>=', filter.from).where('opportunity.closed_at', '<', filter.to);
      q =
        filter.basis === 'revenue'
          ? q.where('opportunity.status', '=', 'won')
          : q.where('opportunity.status', 'in', ['won', 'lost']);
    }
  }
  const rows = await q.orderBy('opportunity.id').execute();
  const deals: LoadedDeal[] = [];
  // Deals are read in chunks: one query for their contact roles and one for all their touches.
  for (let i = 0; i < rows.length; i += dealChunk) {
    const chunk = rows.slice(i, i + dealChunk);
    const roles = await db
      .selectFrom('opportunity_contact_role')
      .select(['opportunity_id', 'contact_id'])
      .where('workspace_id', '=', viewer.workspaceId)
      .where(
        'opportunity_id',
        'in',
        chunk.map((r) => r.id),
      )
      .execute();
    const contactsOf = new Map<string, Set<string>>();
    for (const r of roles)
      contactsOf.set(r.opportunity_id, (contactsOf.get(r.opportunity_id) ?? new Set()).add(r.contact_id));
    const untilOf = (r: (typeof chunk)[number]) => ('id' in filter ? null : (r.closed_at ?? r.created_at));
    const latest = chunk.reduce<Date | null>((max, r) => {
      const until = untilOf(r);
      return until === null || max === null ? null : new Date(Math.max(until.getTime(), max.getTime()));
    }, untilOf(chunk[0]!));
    const touches = await touchesOf(db, {
      workspaceId: viewer.workspaceId,
      contactIds: [...new Set(roles.map((r) => r.contact_id))],
      accountIds: [...new Set(chunk.flatMap((r) => (r.account_id ? [r.account_id] : [])))],
      until: latest,
    });
    // Each deal takes the touches of its people and its account through an index, not a scan of
    // the chunk's touches; positions keep the query's (time, id) order.
    const positions = new Map<string, number[]>();
    touches.forEach((t, i) => {
      for (const key of [t.contactId && `c:${t.contactId}`, t.accountId && `a:${t.accountId}`]) {
        if (!key) continue;
        const list = positions.get(key);
        if (list) list.push(i);
        else positions.set(key, [i]);
      }
    });
    for (const r of chunk) {
      const until = untilOf(r)?.getTime() ?? null;
      const keys = [...(contactsOf.get(r.id) ?? [])].map((c) => `c:${c}`);
      if (r.account_id) keys.push(`a:${r.account_id}`);
      const picked = new Set<number>();
      for (const key of keys) for (const i of positions.get(key) ?? []) picked.add(i);
      const mine = [...picked]
        .sort((a, b) => a - b)
        .map((i) => touches[i]!)
        .filter((t) => until === null || t.at.getTime() <= until);
      deals.push({
        id: r.id,
        accountId: r.account_id,
        amountCents: Number(r.amount_cents),
        status: r.status,
        createdAt: r.created_at,
        closedAt: r.closed_at,
        leadCreatedAt: r.lead_created_at ? new Date(r.lead_created_at) : null,
        // A journey longer than this keeps its latest touches (the ones nearest the conversion).
        touches: mine.slice(-maxTouchesPerDeal),
      });
    }
  }
  return deals;
}

/** Pipeline deals are credited up to their creation; revenue (and the Markov paths) up to the close. */
function attributedDeal(d: DealRow, basis: Basis): AttributedDeal {
  return {
    amountCents: d.amountCents,
    createdAt: d.createdAt,
    opportunityCreatedAt: d.createdAt,
    leadCreatedAt: d.leadCreatedAt,
    closedAt: basis === 'revenue' ? d.closedAt : null,
  };
}

/** Data-driven weights from deals closed in a window: won journeys converted, lost ones did not. */
async function markovWeights(
  db: Executor,
  viewer: Viewer,
  window: { from: Date; to: Date; currency: string },
) {
  const closed = await loadDeals(db, viewer, { basis: 'closed', ...window });
  const journeys = closed.map((d) => ({
    channels: buildJourney(attributedDeal(d, 'revenue'), d.touches.map(toTouch)).touches.map(
      (t) => t.channel,
    ),
    converted: d.status === 'won',
  }));
  return markovRemovalEffects(journeys).weights;
}

/**
 * A touch is marketing's unless it is a sales activity or comes from a campaign owned by a
 * sales team: the website, campaigns and referrals are what marketing runs.
 */
function marketingPredicate(campaigns: readonly Campaign[], salesTeams: ReadonlySet<string>) {
  const salesCampaigns = new Set(
    campaigns.filter((c) => c.ownerTeamId && salesTeams.has(c.ownerTeamId)).map((c) => c.id),
  );
  return (t: Touch) => t.channel !== 'sales' && !(t.campaignId !== null && salesCampaigns.has(t.campaignId));
}

async function salesTeamIds(db: Executor, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('team')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'sales')
    .execute();
  return new Set(rows.map((r) => r.id));
}

export interface AttributionReportInput {
  viewer: Viewer;
  models: readonly AttributionModel[];
  from: Date;
  to: Date;
  by: RollupBy;
  currency: string;
  halfLifeDays?: number;
}

export interface AttributionReport {
  from: Date;
  to: Date;
  by: RollupBy;
  currency: string;
  campaigns: Map<string, Campaign>;
  deals: { pipeline: number; revenue: number };
  /** The headline: the share of pipeline and revenue marketing sourced and influenced. */
  marketing: { pipeline: MarketingShare; revenue: MarketingShare };
  results: ModelRollup[];
}

/**
 * Pipeline (deals created in [from, to)) and revenue (deals won in [from, to)) credited to
 * campaigns or channels under each model, with the campaigns' cost in the window and ROI.
 * Only deals in `currency` count, and only those the viewer may see.
 */
export async function attributionReport(
  db: Executor,
  input: AttributionReportInput,
): Promise<AttributionReport> {
  const { viewer } = input;
  const window = { from: input.from, to: input.to, currency: input.currency };
  const [pipeline, revenue, campaigns, salesTeams] = [
    await loadDeals(db, viewer, { basis: 'pipeline', ...window }),
    await loadDeals(db, viewer, { basis: 'revenue', ...window }),
    await listCampaigns(db, viewer.workspaceId),
    await salesTeamIds(db, viewer.workspaceId),
  ];
  const channelWeights = input.models.includes('data_driven')
    ? await markovWeights(db, viewer, window)
    : undefined;
  const options = {
    ...(input.halfLifeDays !== undefined ? { halfLifeDays: input.halfLifeDays } : {}),
    ...(channelWeights ? { channelWeights } : {}),
  };
  const isMarketing = marketingPredicate(campaigns, salesTeams);
  const credited: CreditedDeal[] = [];
  const shares = {
    pipeline: [] as Parameters<typeof marketingShare>[0][number][],
    revenue: [] as Parameters<typeof marketingShare>[0][number][],
  };
  for (const [basis, deals] of [
    ['pipeline', pipeline],
    ['revenue', revenue],
  ] as const) {
    for (const d of deals) {
      const deal = attributedDeal(d, basis);
      const touches = d.touches.map(toTouch);
      const results = attributeAll(deal, touches, options).filter((r) => input.models.includes(r.model));
      credited.push({ basis, touches, results });
      shares[basis].push({
        amountCents: d.amountCents,
        classification: classifyMarketing({ deal, touches, isMarketing }),
      });
    }
  }
  const costs = await windowCosts(db, { workspaceId: viewer.workspaceId, campaigns, ...window });
  return {
    from: input.from,
    to: input.to,
    by: input.by,
    currency: input.currency,
    campaigns: new Map(campaigns.map((c) => [c.id, c])),
    deals: { pipeline: pipeline.length, revenue: revenue.length },
    marketing: { pipeline: marketingShare(shares.pipeline), revenue: marketingShare(shares.revenue) },
    results: rollUpAttribution({ models: input.models, by: input.by, deals: credited, costs }),
  };
}

/**
 * Campaign cost in a window: the monthly costs of the months it touches; a campaign without
 * monthly costs counts its fixed cost when it starts in the window (or, undated, was created in it).
 */
async function windowCosts(
  db: Executor,
  input: { workspaceId: string; campaigns: readonly Campaign[]; from: Date; to: Date; currency: string },
): Promise<CampaignCostLine[]> {
  const months = monthRange(input.from, input.to);
  const monthly = await listCampaignCosts(db, input.workspaceId, {
    fromMonth: months.first,
    toMonth: months.last,
  });
  const anyMonthly = new Set((await listCampaignCosts(db, input.workspaceId)).map((c) => c.campaignId));
  const channelOf = new Map(input.campaigns.map((c) => [c.id, c.channel]));
  const lines: CampaignCostLine[] = monthly
    .filter((c) => c.currency === input.currency)
    .map((c) => ({
      campaignId: c.campaignId,
      channel: channelOf.get(c.campaignId) ?? 'unknown',
      costCents: c.amountCents,
    }));
  for (const c of input.campaigns) {
    if (anyMonthly.has(c.id) || c.costCents === 0 || input.currency !== 'USD') continue;
    const start = c.startsOn ? new Date(`${c.startsOn}T00:00:00.000Z`) : c.createdAt;
    if (start >= input.from && start < input.to)
      lines.push({ campaignId: c.id, channel: c.channel, costCents: c.costCents });
  }
  return lines;
}

export interface DealAttribution {
  opportunity: Opportunity;
  basis: Basis;
  conversionAt: Date;
  touches: Array<
    JourneyTouch & { campaignName: string | null; credits: Partial<Record<AttributionModel, number>> }
  >;
  unattributed: Partial<Record<AttributionModel, number>>;
  models: readonly AttributionModel[];
}

/**
 * Every touch of one deal with its credit under each model: revenue for a closed deal (touches
 * up to the close), pipeline for an open one (up to its creation); later touches show with 0.
 * Data-driven weights come from the deals closed in the year before the conversion moment.
 */
export async function dealAttribution(
  db: Executor,
  input: { viewer: Viewer; id: string; halfLifeDays?: number },
): Promise<DealAttribution> {
  const opportunity = await findVisibleOpportunity(db, input.viewer, input.id);
  if (!opportunity) throw notFound('opportunity');
  const [deal] = await loadDeals(db, input.viewer, { id: input.id });
  if (!deal) throw notFound('opportunity');
  const basis: Basis = deal.closedAt ? 'revenue' : 'pipeline';
  const attributed = attributedDeal(deal, basis);
  const conversionAt = basis === 'revenue' ? deal.closedAt! : deal.createdAt;
  const yearBefore = new Date(conversionAt.getTime() - 365 * 86_400_000);
  const channelWeights = await markovWeights(db, input.viewer, {
    from: yearBefore,
    to: new Date(conversionAt.getTime() + 1),
    currency: opportunity.currency,
  });
  const results: AttributionResult[] = attributeAll(attributed, deal.touches.map(toTouch), {
    channelWeights,
    ...(input.halfLifeDays !== undefined ? { halfLifeDays: input.halfLifeDays } : {}),
  });
  const campaigns = new Map((await listCampaigns(db, input.viewer.workspaceId)).map((c) => [c.id, c.name]));
  const creditOf = new Map<string, Partial<Record<AttributionModel, number>>>();
  const unattributed: Partial<Record<AttributionModel, number>> = {};
  for (const r of results) {
    unattributed[r.model] = r.unattributedCents;
    for (const c of r.credits) creditOf.set(c.touchId, { ...creditOf.get(c.touchId), [r.model]: c.cents });
  }
  return {
    opportunity,
    basis,
    conversionAt,
    models: attributionModels,
    unattributed,
    touches: deal.touches.map((t) => ({
      ...t,
      campaignName: t.campaignId ? (campaigns.get(t.campaignId) ?? null) : null,
      credits: creditOf.get(t.id) ?? {},
    })),
  };
}
