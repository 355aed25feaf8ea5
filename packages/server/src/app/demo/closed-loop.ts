import type { DemoContext, Row } from './context.js';
import type { DemoCampaign } from './events.js';

const monthStart = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};

/**
 * Each campaign's cost spread evenly over the months it ran, cent-exact (the last month takes the
 * remainder), so reports show spend per month and ROI. Draws nothing from the seeded generator,
 * so the rest of the demo is unchanged by it.
 */
export function generateCampaignCosts(
  ctx: DemoContext,
  campaigns: readonly DemoCampaign[],
): Row<'campaign_cost'>[] {
  const rows: Row<'campaign_cost'>[] = [];
  for (const c of campaigns) {
    const months: number[] = [];
    for (
      let m = monthStart(c.startMs);
      m <= c.endMs;
      m = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + 1, 1)
    ) {
      months.push(m);
    }
    const each = Math.floor(c.spec.costCents / months.length);
    months.forEach((m, i) => {
      rows.push({
        workspace_id: ctx.workspaceId,
        id: ctx.id(m),
        campaign_id: c.row.id,
        month: new Date(m).toISOString().slice(0, 10),
        amount_cents: i === months.length - 1 ? c.spec.costCents - each * (months.length - 1) : each,
        currency: 'USD',
        created_at: new Date(c.startMs),
        updated_at: new Date(c.startMs),
      });
    });
  }
  return rows;
}

/**
 * Contact roles on every demo deal: the source lead's contact decides, and the first colleague
 * at the same account champions it, so journeys span the buying group. Deterministic, no draws.
 */
export function generateContactRoles(
  ctx: DemoContext,
  input: {
    opportunities: readonly Row<'opportunity'>[];
    leads: readonly Row<'lead'>[];
    contacts: readonly Row<'contact'>[];
  },
): Row<'opportunity_contact_role'>[] {
  const contactOfLead = new Map(input.leads.map((l) => [l.id, l.contact_id]));
  const byAccount = new Map<string, string[]>();
  for (const c of input.contacts) {
    if (!c.account_id) continue;
    byAccount.set(c.account_id, [...(byAccount.get(c.account_id) ?? []), c.id]);
  }
  const rows: Row<'opportunity_contact_role'>[] = [];
  for (const o of input.opportunities) {
    const buyer = o.source_lead_id ? contactOfLead.get(o.source_lead_id) : undefined;
    const created = o.created_at instanceof Date ? o.created_at : new Date(String(o.created_at));
    const add = (contactId: string, role: string, isPrimary: boolean) =>
      rows.push({
        workspace_id: ctx.workspaceId,
        id: ctx.id(created.getTime()),
        opportunity_id: o.id,
        contact_id: contactId,
        role,
        is_primary: isPrimary,
        created_at: created,
      });
    if (buyer) add(buyer, 'decision_maker', true);
    const colleague = (o.account_id ? byAccount.get(o.account_id) : undefined)?.find((c) => c !== buyer);
    if (colleague) add(colleague, 'champion', !buyer);
  }
  return rows;
}
