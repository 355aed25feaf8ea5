import { AppError, invalid, notFound } from '../errors.js';
import {
  type Campaign,
  type CampaignFields,
  clashingCampaign,
  deleteCampaign,
  deleteCampaignCost,
  findCampaign,
  insertCampaign,
  updateCampaign,
  upsertCampaignCosts,
} from '../store/campaign.repo.js';
import type { Db } from '../store/db.js';
import type { Executor } from '../store/executor.js';

async function checkFields(
  db: Executor,
  workspaceId: string,
  fields: CampaignFields,
  exceptId: string | null,
) {
  if (fields.startsOn && fields.endsOn && fields.endsOn < fields.startsOn) {
    throw invalid('/endsOn', 'must not be before startsOn');
  }
  if (fields.ownerTeamId) {
    const team = await db
      .selectFrom('team')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', fields.ownerTeamId)
      .executeTakeFirst();
    if (!team) throw invalid('/ownerTeamId', 'is not a team of this workspace');
  }
  const clash = await clashingCampaign(db, workspaceId, fields, exceptId);
  if (clash === 'name') throw new AppError('conflict', 'another campaign has this name', { field: '/name' });
  if (clash === 'utmCampaign') {
    throw new AppError('conflict', 'another campaign maps this utm_campaign', { field: '/utm/campaign' });
  }
}

/** Creates a campaign; names and utm_campaign values are unique in a workspace, ignoring case. */
export async function createCampaign(
  db: Db,
  input: { workspaceId: string; fields: CampaignFields; now: Date },
): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    await checkFields(trx, input.workspaceId, input.fields, null);
    const id = await insertCampaign(trx, input);
    return (await findCampaign(trx, input.workspaceId, id))!;
  });
}

/** Changes some fields of a campaign; the others keep their values. */
export async function editCampaign(
  db: Db,
  input: { workspaceId: string; id: string; changes: Partial<CampaignFields>; now: Date },
): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    const current = await findCampaign(trx, input.workspaceId, input.id);
    if (!current) throw notFound('campaign');
    const fields: CampaignFields = { ...current, ...input.changes };
    await checkFields(trx, input.workspaceId, fields, input.id);
    await updateCampaign(trx, { workspaceId: input.workspaceId, id: input.id, fields, now: input.now });
    return (await findCampaign(trx, input.workspaceId, input.id))!;
  });
}

/**
 * Deletes a campaign and its monthly costs. Its touchpoints keep their history but lose the
 * campaign (the next report shows them under their channel only).
 */
export async function removeCampaign(db: Db, input: { workspaceId: string; id: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('touchpoint')
      .set({ campaign_id: null })
      .where('workspace_id', '=', input.workspaceId)
      .where('campaign_id', '=', input.id)
      .execute();
    if (!(await deleteCampaign(trx, input.workspaceId, input.id))) throw notFound('campaign');
  });
}

export async function setCampaignCost(
  db: Db,
  input: {
    workspaceId: string;
    campaignId: string;
    month: string;
    amountCents: number;
    currency: string;
    now: Date;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await findCampaign(trx, input.workspaceId, input.campaignId))) throw notFound('campaign');
    await upsertCampaignCosts(trx, { workspaceId: input.workspaceId, costs: [input], now: input.now });
  });
}

export async function removeCampaignCost(
  db: Db,
  input: { workspaceId: string; campaignId: string; month: string },
): Promise<void> {
  if (!(await deleteCampaignCost(db, input))) throw notFound('campaign cost');
}
