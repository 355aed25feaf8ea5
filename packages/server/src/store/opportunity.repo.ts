import { sql } from 'kysely';
import type { Viewer } from '../app/viewer.js';
import { defaultPipelineStages, type PipelineStage } from '../core/pipeline/stages.js';
import { newId } from '../id.js';
import { visibleOpportunities } from './access.js';
import { decodeCursor, type Page, toPage } from './cursor.js';
import type { Executor } from './executor.js';

/** The workspace's pipeline in order, or the built-in one when it has not configured its own. */
export async function loadPipelineStages(db: Executor, workspaceId: string): Promise<PipelineStage[]> {
  const rows = await db
    .selectFrom('pipeline_stage')
    .select(['key', 'name', 'probability', 'outcome'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .execute();
  return rows.length > 0 ? rows : [...defaultPipelineStages];
}

export async function replacePipelineStages(
  db: Executor,
  workspaceId: string,
  stages: readonly PipelineStage[],
): Promise<void> {
  await db.deleteFrom('pipeline_stage').where('workspace_id', '=', workspaceId).execute();
  await db
    .insertInto('pipeline_stage')
    .values(stages.map((s, position) => ({ workspace_id: workspaceId, id: newId(), position, ...s })))
    .execute();
}

export interface ContactRole {
  contactId: string;
  role: string;
  isPrimary: boolean;
}

export interface Opportunity {
  id: string;
  name: string;
  accountId: string | null;
  accountName: string | null;
  amountCents: number;
  currency: string;
  stage: string;
  probability: number;
  closeDate: string | null;
  status: 'open' | 'won' | 'lost';
  closedAt: Date | null;
  wonReason: string | null;
  lostReason: string | null;
  sourceLeadId: string | null;
  ownerId: string | null;
  partnerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function selectVisible(db: Executor, viewer: Viewer) {
  return visibleOpportunities(db, viewer)
    .leftJoin('account', (j) =>
      j
        .onRef('account.workspace_id', '=', 'opportunity.workspace_id')
        .onRef('account.id', '=', 'opportunity.account_id'),
    )
    .select([
      'opportunity.id',
      'opportunity.name',
      'opportunity.account_id',
      'account.name as account_name',
      'opportunity.amount_cents',
      'opportunity.currency',
      'opportunity.stage',
      'opportunity.probability',
      'opportunity.status',
      'opportunity.closed_at',
      'opportunity.won_reason',
      'opportunity.lost_reason',
      'opportunity.source_lead_id',
      'opportunity.owner_id',
      'opportunity.partner_id',
      'opportunity.created_at',
      'opportunity.updated_at',
      sql<string | null>`to_char(opportunity.close_date, 'YYYY-MM-DD')`.as('close_date_text'),
      sql<string>`opportunity.created_at::text`.as('key_at'),
    ]);
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectVisible>['executeTakeFirstOrThrow']>>;

const toOpportunity = (r: Selected): Opportunity => ({
  id: r.id,
  name: r.name,
  accountId: r.account_id,
  accountName: r.account_name,
  amountCents: Number(r.amount_cents),
  currency: r.currency,
  stage: r.stage,
  probability: r.probability,
  closeDate: r.close_date_text,
  status: r.status,
  closedAt: r.closed_at,
  wonReason: r.won_reason,
  lostReason: r.lost_reason,
  sourceLeadId: r.source_lead_id,
  ownerId: r.owner_id,
  partnerId: r.partner_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Opportunities the viewer may see, newest first. */
export async function listVisibleOpportunities(
  db: Executor,
  viewer: Viewer,
  options: {
    status?: Opportunity['status'] | undefined;
    accountId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<Opportunity>> {
  const after = decodeCursor(options.cursor);
  let q = selectVisible(db, viewer);
  if (options.status) q = q.where('opportunity.status', '=', options.status);
  if (options.accountId) q = q.where('opportunity.account_id', '=', options.accountId);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('opportunity.created_at', '<', sql<Date>`${after.at}::timestamptz`),
        eb.and([
          eb('opportunity.created_at', '=', sql<Date>`${after.at}::timestamptz`),
          eb('opportunity.id', '<', after.id),
        ]),
      ]),
    );
  }
  const rows = await q
    .orderBy('opportunity.created_at', 'desc')
    .orderBy('opportunity.id', 'desc')
    .limit(options.limit + 1)
    .execute();
  return toPage(rows, options.limit, toOpportunity);
}

export async function findVisibleOpportunity(
  db: Executor,
  viewer: Viewer,
  id: string,
): Promise<Opportunity | undefined> {
  const row = await selectVisible(db, viewer).where('opportunity.id', '=', id).executeTakeFirst();
  return row && toOpportunity(row);
}

export interface OpportunityValues {
  name: string;
  account_id: string | null;
  amount_cents: number;
  currency: string;
  stage: string;
  probability: number;
  /** YYYY-MM-DD */
  close_date: string | null;
  owner_id: string | null;
  partner_id: string | null;
  source_lead_id: string | null;
  status: 'open' | 'won' | 'lost';
  closed_at: Date | null;
  lost_reason: string | null;
  won_reason: string | null;
}

export async function insertOpportunities(
  db: Executor,
  workspaceId: string,
  rows: ReadonlyArray<{ values: OpportunityValues; createdAt: Date; now: Date }>,
): Promise<string[]> {
  const ids: string[] = [];
  const chunk = 500;
  for (let i = 0; i < rows.length; i += chunk) {
    const values = rows.slice(i, i + chunk).map((r) => {
      const id = newId(r.createdAt.getTime());
      ids.push(id);
      return { workspace_id: workspaceId, id, ...r.values, created_at: r.createdAt, updated_at: r.now };
    });
    await db.insertInto('opportunity').values(values).execute();
  }
  return ids;
}

export async function updateOpportunityRow(
  db: Executor,
  input: { workspaceId: string; id: string; values: Partial<OpportunityValues>; now: Date },
): Promise<void> {
  await db
    .updateTable('opportunity')
    .set({ ...input.values, updated_at: input.now })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .execute();
}

/** A contact's role on a deal, with who the contact is (for display). */
export interface ContactRoleDetail extends ContactRole {
  name: string | null;
  email: string | null;
}

export async function listContactRoles(
  db: Executor,
  workspaceId: string,
  opportunityId: string,
): Promise<ContactRoleDetail[]> {
  const rows = await db
    .selectFrom('opportunity_contact_role as r')
    .leftJoin('contact as c', (j) =>
      j.onRef('c.workspace_id', '=', 'r.workspace_id').onRef('c.id', '=', 'r.contact_id'),
    )
    .select(['r.contact_id', 'r.role', 'r.is_primary', 'c.first_name', 'c.last_name', 'c.email'])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.opportunity_id', '=', opportunityId)
    .orderBy('r.is_primary', 'desc')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    contactId: r.contact_id,
    role: r.role,
    isPrimary: r.is_primary,
    name: [r.first_name, r.last_name].filter(Boolean).join(' ') || null,
    email: r.email ?? null,
  }));
}

/** Sets a contact's role on a deal; one primary contact per deal (setting one clears the other). */
export async function upsertContactRole(
  db: Executor,
  input: { workspaceId: string; opportunityId: string; role: ContactRole; now: Date },
): Promise<void> {
  if (input.role.isPrimary) {
    await db
      .updateTable('opportunity_contact_role')
      .set({ is_primary: false })
      .where('workspace_id', '=', input.workspaceId)
      .where('opportunity_id', '=', input.opportunityId)
      .execute();
  }
  await db
    .insertInto('opportunity_contact_role')
    .values({
      workspace_id: input.workspaceId,
      id: newId(input.now.getTime()),
      opportunity_id: input.opportunityId,
      contact_id: input.role.contactId,
      role: input.role.role,
      is_primary: input.role.isPrimary,
      created_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'opportunity_id', 'contact_id']).doUpdateSet({
        role: input.role.role,
        is_primary: input.role.isPrimary,
      }),
    )
    .execute();
}

export async function deleteContactRole(
  db: Executor,
  input: { workspaceId: string; opportunityId: string; contactId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('opportunity_contact_role')
    .where('workspace_id', '=', input.workspaceId)
    .where('opportunity_id', '=', input.opportunityId)
    .where('contact_id', '=', input.contactId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
