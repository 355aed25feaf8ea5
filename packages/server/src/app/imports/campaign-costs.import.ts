import { currencyColumn, isUuid, moneyColumn, monthColumn, textColumn } from '../../core/csv/columns.js';
import { type CampaignCost, findCampaignsByKeys, upsertCampaignCosts } from '../../store/campaign.repo.js';
import type { ImportKind } from './run-import.js';

/**
 * Campaign costs per month. A month already set for a campaign is replaced, so re-importing a
 * corrected file is safe.
 * @example
 * campaign,month,amount,currency
 * Spring webinar,2025-03,1250.00,USD
 */
export const campaignCostsImport: ImportKind<CampaignCost> = {
  name: 'campaign-costs',
  schema: [
    textColumn('campaign', {
      required: true,
      maxLength: 200,
      description: 'Campaign name (ignoring case) or id',
    }),
    monthColumn('month', { required: true, description: 'YYYY-MM' }),
    moneyColumn('amount', { required: true, description: 'Spend in the month, e.g. 1250.00' }),
    currencyColumn('currency', { description: 'Three-letter code; USD when empty' }),
  ],
  async resolve(ctx, rows) {
    const keys = rows.map((r) => String(r.values.campaign));
    const found = await findCampaignsByKeys(ctx.db, ctx.viewer.workspaceId, {
      ids: keys.filter(isUuid),
      names: keys.filter((k) => !isUuid(k)),
    });
    const byId = new Map(found.map((c) => [c.id, c.id]));
    const byName = new Map(found.map((c) => [c.name.toLowerCase(), c.id]));
    return rows.map((r) => {
      const key = String(r.values.campaign);
      const campaignId = byId.get(key) ?? byName.get(key.toLowerCase());
      if (!campaignId) {
        return {
          ok: false,
          line: r.line,
          problems: [{ line: r.line, column: 'campaign', reason: `no campaign is named ${key}` }],
        };
      }
      const month = String(r.values.month);
      const dedupe = `${campaignId}:${month}`;
      const earlier = ctx.seen.get(dedupe);
      if (earlier !== undefined) {
        return {
          ok: false,
          line: r.line,
          problems: [
            { line: r.line, column: 'month', reason: `repeats the campaign and month of line ${earlier}` },
          ],
        };
      }
      ctx.seen.set(dedupe, r.line);
      return {
        ok: true,
        line: r.line,
        item: {
          campaignId,
          month,
          amountCents: Number(r.values.amount),
          currency: (r.values.currency as string | null) ?? 'USD',
        },
      };
    });
  },
  async commit(trx, { viewer, items, now }) {
    await upsertCampaignCosts(trx, { workspaceId: viewer.workspaceId, costs: items, now });
    return items.length;
  },
};
