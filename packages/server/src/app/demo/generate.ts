import type { NewEventRow } from '../../store/event.repo.js';
import { demoMarketingTeam, demoPartnerName, demoSalesTeam, demoUsers, demoWorkspace } from './catalog.js';
import { generateCampaignCosts, generateContactRoles } from './closed-loop.js';
import { type DemoContent, generateContent } from './content.js';
import { createDemoContext, type DemoContext, type Row } from './context.js';
import { generateContract } from './contract.js';
import { generateCampaigns, generateEvents } from './events.js';
import { generateGoals } from './goals.js';
import { type DemoHandoff, generateHandoff } from './handoff.js';
import { generateLeads, transitionRows } from './journeys.js';
import { type DemoNurture, generateNurture } from './nurture.js';
import { generateAccounts, generateContacts, identityRows } from './people.js';
import { generateActivities, generateOpportunities } from './pipeline.js';

/** Every row of the demo workspace except password hashes and API keys (random by nature). */
export interface DemoData {
  ctx: DemoContext;
  workspace: Row<'workspace'> & { id: string };
  partner: Row<'partner'>;
  teams: Row<'team'>[];
  /** Users without password hashes: the seed hashes the demo password per user. */
  users: Array<Omit<Row<'app_user'>, 'password_hash'>>;
  campaigns: Row<'campaign'>[];
  accounts: Row<'account'>[];
  contacts: Row<'contact'>[];
  identities: Row<'identity'>[];
  events: NewEventRow[];
  leads: Row<'lead'>[];
  transitions: Row<'stage_transition'>[];
  activities: Row<'activity'>[];
  opportunities: Row<'opportunity'>[];
  /** The signed lead contract in force (version 1) and its two signatures. */
  contract: Row<'lead_contract'>;
  contractApprovals: Row<'lead_contract_approval'>[];
  /** Routing, business hours, capacity, SLA clocks and requests to marketing. */
  handoff: DemoHandoff;
  /** Campaign spend per month and the contacts on each deal (closed-loop reporting). */
  campaignCosts: Row<'campaign_cost'>[];
  contactRoles: Row<'opportunity_contact_role'>[];
  /** A revenue goal for the current quarter (reports). */
  goals: Row<'goal'>[];
  /** The asset library, share links and their views. */
  content: DemoContent;
  /** Two nurture programs with templates, enrollments, sends, opens, clicks and suppressions. */
  nurture: DemoNurture;
}

/**
 * Generates the whole demo workspace in memory. Pure apart from the seeded generator: the same
 * `now` gives the same rows, ids included.
 */
export function generateDemoData(now: Date): DemoData {
  const ctx = createDemoContext(now);
  const setup = new Date(ctx.startMs - 30 * 24 * 3_600_000);
  const accounts = generateAccounts(ctx);
  const contacts = generateContacts(ctx, accounts);
  const leads = generateLeads(ctx, contacts);
  const campaigns = generateCampaigns(ctx);
  const events = generateEvents(ctx, { contacts, leads, campaigns });
  for (const lead of leads) {
    lead.row.interest_sum = events.interestByLead.get(lead.row.id) ?? 0;
    lead.row.interest_ref_at = now;
  }
  const teamOf = { sales: ctx.salesTeamId, marketing: ctx.marketingTeamId } as const;
  // Same order as the fields below always had: each draws from the one seeded sequence.
  const identities = identityRows(ctx, contacts);
  const transitions = transitionRows(ctx, leads);
  const activities = generateActivities(ctx, leads);
  const opportunities = generateOpportunities(ctx, leads);
  const signed = generateContract(ctx);
  const handoff = generateHandoff(ctx, { leads, activities });
  const campaignCosts = generateCampaignCosts(ctx, campaigns);
  const contactRoles = generateContactRoles(ctx, {
    opportunities,
    leads: leads.map((l) => l.row),
    contacts: contacts.map((c) => c.row),
  });
  // Drawn last, so the rows above stay as they were before nurture existed.
  const nurture = generateNurture(ctx, { leads });
  return {
    ctx,
    workspace: { id: ctx.workspaceId, ...demoWorkspace, created_at: setup },
    partner: {
      workspace_id: ctx.workspaceId,
      id: ctx.partnerId,
      name: demoPartnerName,
      tier: 'gold',
      created_at: setup,
    },
    teams: [
      {
        workspace_id: ctx.workspaceId,
        id: ctx.salesTeamId,
        name: demoSalesTeam,
        kind: 'sales',
        created_at: setup,
      },
      {
        workspace_id: ctx.workspaceId,
        id: ctx.marketingTeamId,
        name: demoMarketingTeam,
        kind: 'marketing',
        created_at: setup,
      },
    ],
    users: demoUsers.map((u) => ({
      workspace_id: ctx.workspaceId,
      id: ctx.users[u.key],
      email: u.email,
      name: u.name,
      role: u.role,
      team_id: u.team ? teamOf[u.team] : null,
      partner_id: u.role === 'partner' ? ctx.partnerId : null,
      created_at: setup,
      updated_at: setup,
    })),
    campaigns: campaigns.map((c) => c.row),
    accounts: accounts.map((a) => a.row),
    contacts: contacts.map((c) => c.row),
    identities,
    events: events.rows,
    leads: leads.map((l) => l.row),
    transitions,
    activities,
    opportunities,
    contract: signed.contract,
    contractApprovals: signed.approvals,
    handoff,
    campaignCosts,
    contactRoles,
    nurture,
    // After nurture, goals then content: their ids draw from the seeded sequence after every other row's.
    goals: generateGoals(ctx, opportunities),
    content: generateContent(ctx, { leads: leads.map((l) => l.row), contacts: contacts.map((c) => c.row) }),
  };
}
