import { activitySubjects, lostReasons, opportunityStages } from './catalog.js';
import type { DemoContext, Row } from './context.js';
import type { DemoLead } from './journeys.js';
import { chance, day, floatBetween, hour, intBetween, isoDate } from './random.js';

type ActivityKind = 'call' | 'email' | 'meeting' | 'note';

/**
 * Sales activity around each lead: a first touch after acceptance (mostly fast, sometimes late),
 * some open MQLs still untouched, meetings while a deal is worked, notes on recycle and disqualify.
 */
export function generateActivities(ctx: DemoContext, leads: readonly DemoLead[]): Row<'activity'>[] {
  const { f } = ctx;
  const rows: Row<'activity'>[] = [];
  const add = (lead: DemoLead, kind: ActivityKind, atMs: number, note: string | null = null) => {
    if (atMs >= ctx.nowMs || !lead.row.owner_id) return;
    rows.push({
      workspace_id: ctx.workspaceId,
      id: ctx.id(atMs),
      kind,
      lead_id: lead.row.id,
      contact_id: lead.row.contact_id,
      user_id: lead.row.owner_id,
      occurred_at: new Date(atMs),
      subject: f.helpers.arrayElement(activitySubjects[kind]),
      note,
      created_at: new Date(atMs),
    });
  };
  for (const lead of leads) {
    const accepted = lead.steps.find((s) => s.to === 'accepted');
    const mql = lead.steps.findLast((s) => s.to === 'mql');
    const sql = lead.steps.find((s) => s.to === 'sql');
    const closed = lead.steps.find((s) => s.to === 'won' || s.to === 'lost');
    if (accepted) {
      const delay = chance(f, 0.85) ? floatBetween(f, 0.1, 8) : floatBetween(f, 8, 48);
      add(lead, chance(f, 0.6) ? 'call' : 'email', accepted.atMs + delay * hour);
    } else if (mql && lead.row.stage === 'mql' && chance(f, 0.5)) {
      add(lead, 'email', mql.atMs + floatBetween(f, 0.5, 30) * hour);
    }
    if (sql) {
      const end = closed?.atMs ?? ctx.nowMs;
      const count = intBetween(f, 2, 5);
      for (let i = 0; i < count; i++) {
        const at = sql.atMs + f.number.float({ min: 0, max: 1 }) * (end - sql.atMs);
        add(lead, f.helpers.arrayElement(['call', 'email', 'meeting', 'meeting'] as const), at);
      }
    }
    for (const step of lead.steps) {
      if (step.reasonCode && step.actorId === lead.row.owner_id) {
        add(lead, 'note', step.atMs, step.note ?? `Reason: ${step.reasonCode.replaceAll(/[-_]/g, ' ')}`);
      }
    }
  }
  return rows;
}

const products = ['Growth plan', 'Business plan', 'Enterprise plan', 'Attribution add-on'];

/** One opportunity per lead that reached the opportunity stage, sized by company. */
export function generateOpportunities(ctx: DemoContext, leads: readonly DemoLead[]): Row<'opportunity'>[] {
  const { f } = ctx;
  const rows: Row<'opportunity'>[] = [];
  for (const lead of leads) {
    const opened = lead.steps.find((s) => s.to === 'opportunity');
    const account = lead.contact.account;
    if (!opened || !account) continue;
    const closed = lead.steps.find((s) => s.to === 'won' || s.to === 'lost');
    const base = Math.min(240_000, 6_000 + account.employees * 30);
    const dollars = Math.round((base * floatBetween(f, 0.7, 1.4)) / 500) * 500;
    const open = f.helpers.arrayElement(opportunityStages);
    const status = closed ? (closed.to === 'won' ? 'won' : 'lost') : 'open';
    rows.push({
      workspace_id: ctx.workspaceId,
      id: ctx.id(opened.atMs),
      account_id: account.row.id,
      name: `${account.row.name}: ${f.helpers.arrayElement(products)}`,
      amount_cents: Math.max(5_000, dollars) * 100,
      currency: 'USD',
      stage: status === 'won' ? 'closed_won' : status === 'lost' ? 'closed_lost' : open.stage,
      probability: status === 'won' ? 100 : status === 'lost' ? 0 : open.probability,
      close_date: isoDate(closed ? closed.atMs : ctx.nowMs + intBetween(f, 7, 90) * day),
      owner_id: lead.row.owner_id,
      partner_id: lead.row.partner_id ?? null,
      source_lead_id: lead.row.id,
      status,
      closed_at: closed ? new Date(closed.atMs) : null,
      lost_reason: status === 'lost' ? f.helpers.arrayElement(lostReasons) : null,
      created_at: new Date(opened.atMs),
      updated_at: new Date(closed?.atMs ?? opened.atMs),
    });
  }
  return rows;
}
