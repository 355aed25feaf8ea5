import { sql } from 'kysely';
import { newId } from '../id.js';
import type { Executor } from './executor.js';
import type { CampaignTable } from './schema.js';

/** A campaign as the rest of the code sees it; dates are YYYY-MM-DD text. */
export interface Campaign {
  id: string;
  name: string;
  channel: string;
  ownerTeamId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  costCents: number;
  utmCampaign: string | null;
  utmSourcePattern: string | null;
  utmMediumPattern: string | null;
  requestedBySales: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface CampaignFields {
  name: string;
  channel: string;
  ownerTeamId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  costCents: number;
  utmCampaign: string | null;
  utmSourcePattern: string | null;
  utmMediumPattern: string | null;
  requestedBySales: boolean;
}

const columns = [
  'id',
  'name',
  'channel',
  'owner_team_id',
  'cost_cents',
  'utm_campaign',
  'utm_source_pattern',
  'utm_medium_pattern',
  'requested_by_sales',
  'created_at',
  'updated_at',
] as const;

function select(db: Executor, workspaceId: string) {
  return db
    .selectFrom('campaign')
    .select(columns)
    .select([
      sql<string | null>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on_text'),
      sql<string | null>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on_text'),
    ])
    .where('workspace_id', '=', workspaceId);
}

type Selected = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

const toCampaign = (r: Selected): Campaign => ({
  id: r.id,
  name: r.name,
  channel: r.channel,
  ownerTeamId: r.owner_team_id,
  startsOn: r.starts_on_text,
  endsOn: r.ends_on_text,
  costCents: Number(r.cost_cents),
  utmCampaign: r.utm_campaign,
  utmSourcePattern: r.utm_source_pattern,
  utmMediumPattern: r.utm_medium_pattern,
  requestedBySales: r.requested_by_sales,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (f: CampaignFields) =>
  ({
    name: f.name,
    channel: f.channel,
    owner_team_id: f.ownerTeamId,
    starts_on: f.startsOn,
    ends_on: f.endsOn,
    cost_cents: f.costCents,
    utm_campaign: f.utmCampaign,
    utm_source_pattern: f.utmSourcePattern,
    utm_medium_pattern: f.utmMediumPattern,
    requested_by_sales: f.requestedBySales,
  }) satisfies Partial<Record<keyof CampaignTable, unknown>>;

export async function listCampaigns(db: Executor, workspaceId: string): Promise<Campaign[]> {
  return (await select(db, workspaceId).orderBy('name').orderBy('id').execute()).map(toCampaign);
}

export async function findCampaign(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<Campaign | undefined> {
  const row = await select(db, workspaceId).where('id', '=', id).executeTakeFirst();
  return row && toCampaign(row);
}

/** Campaigns by id or by name (ignoring case), for imports that name them either way. */
export async function findCampaignsByKeys(
  db: Executor,
  workspaceId: string,
  keys: { ids: readonly string[]; names: readonly string[] },
): Promise<Array<{ id: string; name: string }>> {
  if (keys.ids.length === 0 && keys.names.length === 0) return [];
  return db
    .selectFrom('campaign')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        ...(keys.ids.length > 0 ? [eb('id', 'in', keys.ids)] : []),
        ...(keys.names.length > 0
          ? [
              eb(
                sql`lower(name)`,
                'in',
                keys.names.map((n) => n.toLowerCase()),
              ),
            ]
          : []),
      ]),
    )
    .execute();
}

/** Another campaign already using this name or utm_campaign (both unique, ignoring case). */
export async function clashingCampaign(
  db: Executor,
  workspaceId: string,
  fields: Pick<CampaignFields, 'name' | 'utmCampaign'>,
  exceptId: string | null,
): Promise<'name' | 'utmCampaign' | null> {
  const rows = await db
    .selectFrom('campaign')
    .select(['id', 'name', 'utm_campaign'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb(sql`lower(name)`, '=', fields.name.toLowerCase()),
        ...(fields.utmCampaign ? [eb(sql`lower(utm_campaign)`, '=', fields.utmCampaign.toLowerCase())] : []),
      ]),
    )
    .execute();
  const others = rows.filter((r) => r.id !== exceptId);
  if (others.some((r) => r.name.toLowerCase() === fields.name.toLowerCase())) return 'name';
  return others.length > 0 ? 'utmCampaign' : null;
}

export async function insertCampaign(
  db: Executor,
  input: { workspaceId: string; fields: CampaignFields; now: Date },
): Promise<string> {
  const id = newId(input.now.getTime());
  await db
    .insertInto('campaign')
    .values({
      workspace_id: input.workspaceId,
      id,
      ...toRow(input.fields),
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  return id;
}

export async function updateCampaign(
  db: Executor,
  input: { workspaceId: string; id: string; fields: CampaignFields; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('campaign')
    .set({ ...toRow(input.fields), updated_at: input.now })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteCampaign(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('campaign')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface CampaignCost {
  campaignId: string;
  /** YYYY-MM-01 */
  month: string;
  amountCents: number;
  currency: string;
}

export async function listCampaignCosts(
  db: Executor,
  workspaceId: string,
  filter: { campaignId?: string; fromMonth?: string; toMonth?: string } = {},
): Promise<CampaignCost[]> {
  let q = db
    .selectFrom('campaign_cost')
    .select([
      'campaign_id',
      'amount_cents',
      'currency',
      sql<string>`to_char(month, 'YYYY-MM-DD')`.as('month_text'),
    ])
    .where('workspace_id', '=', workspaceId);
  if (filter.campaignId) q = q.where('campaign_id', '=', filter.campaignId);
  if (filter.fromMonth) q = q.where('month', '>=', filter.fromMonth);
  if (filter.toMonth) q = q.where('month', '<=', filter.toMonth);
  const rows = await q.orderBy('campaign_id').orderBy('month').execute();
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    month: r.month_text,
    amountCents: Number(r.amount_cents),
    currency: r.currency,
  }));
}

/** Sets a campaign's spend for months (a month already set is replaced): what an import does. */
export async function upsertCampaignCosts(
  db: Executor,
  input: { workspaceId: string; costs: readonly CampaignCost[]; now: Date },
): Promise<void> {
  const chunk = 1_000;
  for (let i = 0; i < input.costs.length; i += chunk) {
    await db
      .insertInto('campaign_cost')
      .values(
        input.costs.slice(i, i + chunk).map((c) => ({
          workspace_id: input.workspaceId,
          id: newId(input.now.getTime()),
          campaign_id: c.campaignId,
          month: c.month,
          amount_cents: c.amountCents,
          currency: c.currency,
          created_at: input.now,
          updated_at: input.now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'campaign_id', 'month']).doUpdateSet((eb) => ({
          amount_cents: eb.ref('excluded.amount_cents'),
          currency: eb.ref('excluded.currency'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export async function deleteCampaignCost(
  db: Executor,
  input: { workspaceId: string; campaignId: string; month: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('campaign_cost')
    .where('workspace_id', '=', input.workspaceId)
    .where('campaign_id', '=', input.campaignId)
    .where('month', '=', input.month)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
