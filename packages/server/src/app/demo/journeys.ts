import type { LeadStage } from '@tandem/contracts';
import { demoSizes, disqualifyReasons, leadSources, recycleReasons, rejectReasons } from './catalog.js';
import type { DemoContext, Row } from './context.js';
import { historyDays } from './context.js';
import { demoContractVersion } from './contract.js';
import type { DemoContact } from './people.js';
import { chance, day, floatBetween, hour } from './random.js';

export interface JourneyStep {
  from: LeadStage | null;
  to: LeadStage;
  atMs: number;
  cause: 'rule' | 'user' | 'system' | 'import';
  actorId: string | null;
  reasonCode: string | null;
  note: string | null;
}

export interface DemoLead {
  row: Row<'lead'> & { id: string; stage: LeadStage; owner_id: string | null; created_at: Date };
  contact: DemoContact;
  steps: JourneyStep[];
}

/** How many leads end in each stage (the rest stay plain leads). Opportunity-level ones sum to 40. */
export const journeyCounts = {
  won: 10,
  lost: 12,
  opportunity: 18,
  sql: 40,
  accepted: 45,
  mql: 100,
  mqlAgain: 20,
  recycled: 140,
  disqualified: 95,
  leadAgain: 60,
} as const;

type Plan = keyof typeof journeyCounts | 'lead';

const funnel: LeadStage[] = ['lead', 'mql', 'accepted', 'sql', 'opportunity'];

function pathOf(ctx: DemoContext, plan: Plan): LeadStage[] {
  const { f } = ctx;
  switch (plan) {
    case 'won':
    case 'lost':
      return [...funnel, plan];
    case 'opportunity':
      return funnel;
    case 'sql':
      return funnel.slice(0, 4);
    case 'accepted':
      return funnel.slice(0, 3);
    case 'mql':
      return ['lead', 'mql'];
    case 'mqlAgain':
      return ['lead', 'mql', 'recycled', 'lead', 'mql'];
    case 'recycled':
      return chance(f, 0.7) ? ['lead', 'mql', 'recycled'] : ['lead', 'mql', 'accepted', 'recycled'];
    case 'disqualified':
      return f.helpers.weightedArrayElement([
        { weight: 4, value: ['lead', 'disqualified'] as LeadStage[] },
        { weight: 4, value: ['lead', 'mql', 'disqualified'] as LeadStage[] },
        { weight: 2, value: ['lead', 'mql', 'accepted', 'disqualified'] as LeadStage[] },
      ]);
    case 'leadAgain':
      return ['lead', 'mql', 'recycled', 'lead'];
    case 'lead':
      return ['lead'];
  }
}

/** Time spent before entering `to`, shaped like a real funnel (acceptance mostly inside its SLA). */
function gapMs(ctx: DemoContext, from: LeadStage, to: LeadStage): number {
  const { f } = ctx;
  const days = (a: number, b: number) => floatBetween(f, a, b) * day;
  const hours = (a: number, b: number) => floatBetween(f, a, b) * hour;
  switch (to) {
    case 'mql':
      return days(1, 25);
    case 'accepted':
      return chance(f, 0.85) ? hours(0.2, 24) : hours(24, 72);
    case 'sql':
      return days(1, 12);
    case 'opportunity':
      return days(1, 14);
    case 'won':
    case 'lost':
      return days(10, 45);
    case 'recycled':
      return from === 'mql' ? hours(4, 120) : days(3, 20);
    case 'lead':
      return days(14, 30); // the recycle cooldown before returning to nurture
    case 'disqualified':
      if (from === 'lead') return days(0.5, 10);
      return from === 'mql' ? hours(2, 72) : days(2, 15);
    default:
      return hours(1, 24);
  }
}

export function fitOf(contact: DemoContact): { points: number; grade: string } {
  const account = contact.account;
  let points = 0;
  if (account) {
    points += account.targetIndustry ? 25 : 5;
    const e = account.employees;
    points += e >= 201 && e <= 5000 ? 25 : e > 50 ? 15 : 5;
  }
  const region = account?.country.region ?? (contact.row.country === 'US' ? 'NA' : 'OTHER');
  points += region === 'NA' || region === 'EMEA' ? 20 : 8;
  const bySeniority = {
    executive: 30,
    vp: 25,
    director: 20,
    manager: 12,
    individual: 5,
    student: -20,
  } as const;
  points += bySeniority[contact.seniority];
  const grade = points >= 70 ? 'A' : points >= 50 ? 'B' : points >= 30 ? 'C' : 'D';
  return { points, grade };
}

/** Assigns each lead-bearing contact a plan: better fit travels further down the funnel. */
function assignPlans(ctx: DemoContext, contacts: readonly DemoContact[]): Map<DemoContact, Plan> {
  const { f } = ctx;
  const ranked = contacts
    .map((contact) => ({ contact, score: fitOf(contact).points + f.number.int({ min: 0, max: 40 }) }))
    .sort((a, b) => b.score - a.score)
    .map((r) => r.contact);
  const plans = new Map<DemoContact, Plan>();
  const take = (pool: DemoContact[], n: number, plan: Plan) => {
    for (const c of pool.splice(0, n)) plans.set(c, plan);
  };
  const n = journeyCounts;
  // Deals need a company; a few are partner-sourced so partner reports have something to show.
  const partnerDeals = ranked.filter((c) => c.account?.isPartnerAccount).slice(0, 3);
  const dealPool = [
    ...partnerDeals,
    ...f.helpers.shuffle(ranked.filter((c) => c.account && !partnerDeals.includes(c)).slice(0, 120)),
  ].slice(0, n.won + n.lost + n.opportunity);
  const dealOrder = f.helpers.shuffle([...dealPool]);
  take(dealOrder, n.won, 'won');
  take(dealOrder, n.lost, 'lost');
  take(dealOrder, n.opportunity, 'opportunity');
  let rest = ranked.filter((c) => !plans.has(c));
  const qualified = f.helpers.shuffle(rest.slice(0, 300));
  take(qualified, n.sql, 'sql');
  take(qualified, n.accepted, 'accepted');
  take(qualified, n.mql, 'mql');
  take(qualified, n.mqlAgain, 'mqlAgain');
  rest = rest.filter((c) => !plans.has(c));
  take(rest.splice(rest.length - n.disqualified), n.disqualified, 'disqualified');
  const middle = f.helpers.shuffle(rest);
  take(middle, n.recycled, 'recycled');
  take(middle, n.leadAgain, 'leadAgain');
  for (const c of middle) plans.set(c, 'lead');
  return plans;
}

function reasonFor(ctx: DemoContext, contact: DemoContact, to: LeadStage, from: LeadStage): string | null {
  const { f } = ctx;
  // An MQL goes back to marketing only by a rejection; a later stage is recycled.
  if (to === 'recycled') return f.helpers.arrayElement(from === 'mql' ? rejectReasons : recycleReasons);
  if (to !== 'disqualified') return null;
  if (contact.seniority === 'student') return 'not-icp';
  if (from === 'lead') return f.helpers.arrayElement(['duplicate', 'spam', 'not-icp'] as const);
  return f.helpers.arrayElement(disqualifyReasons.filter((r) => r !== 'spam' && r !== 'wrong-contact'));
}

const notes: Partial<Record<string, string>> = {
  'not-icp': 'Too small for our product today.',
  'wrong-contact': 'Not the buyer; no path to the decision maker yet.',
  duplicate: 'Already in touch through another contact at the account.',
  spam: 'Fake details.',
  timing: 'Evaluating next quarter; asked to reconnect later.',
  'no-response': 'No answer after three calls and two emails.',
  'needs-nurture': 'Early research; needs more education before a sales conversation.',
};

/**
 * Builds each lead's journey through the funnel. Stage transitions are the source of truth: the
 * lead's stage is the last transition's target and its mql_at the last time it became an MQL.
 */
export function generateLeads(ctx: DemoContext, contacts: readonly DemoContact[]): DemoLead[] {
  const { f } = ctx;
  const withLeads = contacts.filter(() => chance(f, demoSizes.leadShare));
  const plans = assignPlans(ctx, withLeads);
  const reps = [
    { weight: 40, value: ctx.users.rep1 },
    { weight: 35, value: ctx.users.rep2 },
    { weight: 25, value: ctx.users.rep3 },
  ];
  const windowMs = (historyDays - 1) * day;
  const leads: DemoLead[] = [];
  for (const contact of withLeads) {
    const plan = plans.get(contact) ?? 'lead';
    const path = pathOf(ctx, plan);
    const gaps = path.map((to, i) => (i === 0 ? 0 : gapMs(ctx, path[i - 1]!, to)));
    let total = gaps.reduce((a, b) => a + b, 0);
    if (total > windowMs * 0.95) {
      const scale = (windowMs * 0.95) / total;
      for (let i = 0; i < gaps.length; i++) gaps[i]! *= scale;
      total *= scale;
    }
    // Open MQLs and accepted leads are mostly recent: they are the reps' live queue.
    const r = f.number.float({ min: 0, max: 1 });
    const slack = (windowMs - total) * (plan === 'mql' || plan === 'accepted' ? r ** 3 : r);
    const createdMs = Math.floor(ctx.nowMs - total - slack);

    const partnerLead = contact.account?.isPartnerAccount === true;
    const needsOwner = path.length > 1 && !(path.length === 2 && path[1] === 'disqualified');
    const owner = partnerLead
      ? ctx.users.partner
      : needsOwner
        ? f.helpers.weightedArrayElement(reps)
        : (contact.account?.row.owner_id ?? null);
    const source = partnerLead ? 'partner' : f.helpers.weightedArrayElement(leadSources);

    const steps: JourneyStep[] = [];
    let at = createdMs;
    path.forEach((to, i) => {
      at += gaps[i]!;
      const from = i === 0 ? null : path[i - 1]!;
      if (from === null) {
        steps.push({
          from,
          to,
          atMs: at,
          cause: source === 'import' ? 'import' : 'system',
          actorId: null,
          reasonCode: null,
          note: null,
        });
        return;
      }
      const reasonCode = reasonFor(ctx, contact, to, from);
      const byMarketing = to === 'disqualified' && from === 'lead';
      const cause = to === 'mql' ? 'rule' : to === 'lead' ? 'system' : 'user';
      steps.push({
        from,
        to,
        atMs: Math.floor(at),
        cause,
        actorId: cause === 'user' ? (byMarketing ? ctx.users.marketing : owner) : null,
        reasonCode,
        // A rejection always carries a note for marketing; other reasons only sometimes.
        note:
          reasonCode && (chance(f, 0.6) || (from === 'mql' && to === 'recycled'))
            ? (notes[reasonCode] ?? null)
            : null,
      });
    });

    // The person became known when the lead was created; their id keeps that time.
    contact.row.created_at = new Date(createdMs);
    contact.row.updated_at = new Date(at);
    contact.row.id = ctx.id(createdMs);
    contact.row.owner_id = owner;

    const fit = fitOf(contact);
    const last = steps.at(-1)!;
    const lastMql = steps.findLast((s) => s.to === 'mql');
    const ownedByRep = owner !== null && owner !== ctx.users.partner;
    leads.push({
      row: {
        workspace_id: ctx.workspaceId,
        id: ctx.id(createdMs),
        contact_id: contact.row.id,
        stage: last.to,
        owner_id: owner,
        team_id: ownedByRep ? ctx.salesTeamId : null,
        partner_id: partnerLead ? ctx.partnerId : null,
        source,
        fit_points: fit.points,
        fit_grade: fit.grade,
        contract_version: lastMql ? demoContractVersion : null,
        mql_at: lastMql ? new Date(lastMql.atMs) : null,
        created_at: new Date(createdMs),
        updated_at: new Date(last.atMs),
      },
      contact,
      steps,
    });
  }
  return leads;
}

export function transitionRows(ctx: DemoContext, leads: readonly DemoLead[]): Row<'stage_transition'>[] {
  return leads.flatMap((lead) =>
    lead.steps.map((step) => ({
      workspace_id: ctx.workspaceId,
      id: ctx.id(step.atMs),
      lead_id: lead.row.id,
      from_stage: step.from,
      to_stage: step.to,
      at: new Date(step.atMs),
      cause: step.cause,
      actor_id: step.actorId,
      reason_code: step.reasonCode,
      note: step.note,
      // Every MQL records the contract version that made it.
      contract_version: step.to === 'mql' ? demoContractVersion : null,
    })),
  );
}
