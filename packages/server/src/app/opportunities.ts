import { closingStage, type PipelineStage, validatePipelineStages } from '../core/pipeline/stages.js';
import { AppError, invalid, notFound } from '../errors.js';
import { visibleContacts } from '../store/access.js';
import type { Db } from '../store/db.js';
import type { Executor } from '../store/executor.js';
import {
  type ContactRole,
  type ContactRoleDetail,
  deleteContactRole,
  findVisibleOpportunity,
  insertOpportunities,
  listContactRoles,
  loadPipelineStages,
  type Opportunity,
  type OpportunityValues,
  replacePipelineStages,
  updateOpportunityRow,
  upsertContactRole,
} from '../store/opportunity.repo.js';
import type { Viewer } from './viewer.js';

export interface OpportunityDetail extends Opportunity {
  contactRoles: ContactRoleDetail[];
}

/** Fields a caller may set on a deal; absent ones are left alone (or defaulted on creation). */
export interface OpportunityInput {
  name?: string;
  accountId?: string | null;
  amountCents?: number;
  currency?: string;
  stage?: string;
  probability?: number;
  closeDate?: string | null;
  ownerId?: string | null;
  sourceLeadId?: string | null;
  /** Closing as won or lost moves the deal to the pipeline's won or lost stage. */
  status?: 'open' | 'won' | 'lost';
  reason?: string | null;
  closedAt?: Date;
}

const managers = new Set(['admin', 'sales_manager']);

async function detail(db: Executor, viewer: Viewer, id: string): Promise<OpportunityDetail> {
  const found = await findVisibleOpportunity(db, viewer, id);
  if (!found) throw notFound('opportunity');
  return { ...found, contactRoles: await listContactRoles(db, viewer.workspaceId, id) };
}

export async function getOpportunity(db: Db, viewer: Viewer, id: string): Promise<OpportunityDetail> {
  return detail(db, viewer, id);
}

async function exists(db: Executor, table: 'account' | 'lead' | 'app_user', workspaceId: string, id: string) {
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Applies the pipeline's rules to a deal's new values: a stage must be known; entering a stage
 * sets its default probability unless one is given; a won or lost stage closes the deal (a lost
 * deal needs a reason) and an open stage reopens it.
 */
function applyStage(
  stages: readonly PipelineStage[],
  current: OpportunityValues,
  input: OpportunityInput,
  now: Date,
): OpportunityValues {
  const next = { ...current };
  let stageKey = input.stage;
  if (input.status && input.status !== 'open' && stageKey === undefined) {
    stageKey = closingStage(stages, input.status)?.key;
  }
  if (input.status === 'open' && stageKey === undefined && current.status !== 'open') {
    stageKey = stages.find((s) => s.outcome === 'open')?.key;
  }
  if (stageKey !== undefined) {
    const stage = stages.find((s) => s.key === stageKey);
    if (!stage)
      throw invalid('/stage', `is not a stage of this pipeline (${stages.map((s) => s.key).join(', ')})`);
    if (input.status && stage.outcome !== input.status) {
      throw invalid('/status', `contradicts the stage ${stage.key}, which is ${stage.outcome}`);
    }
    if (stage.key !== current.stage || input.stage !== undefined) {
      next.stage = stage.key;
      next.probability = stage.probability;
    }
    if (stage.outcome !== current.status) {
      next.status = stage.outcome;
      next.closed_at = stage.outcome === 'open' ? null : (input.closedAt ?? now);
      if (stage.outcome === 'open') {
        next.won_reason = null;
        next.lost_reason = null;
      }
    }
  }
  if (input.probability !== undefined) next.probability = input.probability;
  if (input.reason !== undefined) {
    if (next.status === 'won') next.won_reason = input.reason;
    else if (next.status === 'lost') next.lost_reason = input.reason;
    else if (input.reason !== null) throw invalid('/reason', 'only a won or lost deal has a reason');
  }
  if (next.status === 'lost' && !next.lost_reason) throw invalid('/reason', 'a lost deal needs a reason');
  return next;
}

async function checkReferences(db: Executor, viewer: Viewer, input: OpportunityInput): Promise<void> {
  if (input.accountId && !(await exists(db, 'account', viewer.workspaceId, input.accountId))) {
    throw invalid('/accountId', 'is not an account of this workspace');
  }
  if (input.sourceLeadId && !(await exists(db, 'lead', viewer.workspaceId, input.sourceLeadId))) {
    throw invalid('/sourceLeadId', 'is not a lead of this workspace');
  }
  if (input.ownerId !== undefined && input.ownerId !== null) {
    if (!(await exists(db, 'app_user', viewer.workspaceId, input.ownerId)))
      throw invalid('/ownerId', 'is not a user of this workspace');
    if (!managers.has(viewer.role) && input.ownerId !== viewer.userId) {
      throw new AppError('forbidden', 'only a manager or an admin may give a deal to someone else', {
        field: '/ownerId',
      });
    }
  }
}

/** Creates a deal; a rep's deal is their own. */
export async function createOpportunity(
  db: Db,
  input: { viewer: Viewer; fields: OpportunityInput & { name: string; amountCents: number }; now: Date },
): Promise<OpportunityDetail> {
  const { viewer, fields, now } = input;
  return db.transaction().execute(async (trx) => {
    await checkReferences(trx, viewer, fields);
    const stages = await loadPipelineStages(trx, viewer.workspaceId);
    const first = stages.find((s) => s.outcome === 'open')!;
    const base: OpportunityValues = {
      name: fields.name,
      account_id: fields.accountId ?? null,
      amount_cents: fields.amountCents,
      currency: fields.currency ?? 'USD',
      stage: first.key,
      probability: first.probability,
      close_date: fields.closeDate ?? null,
      owner_id: fields.ownerId !== undefined ? fields.ownerId : viewer.userId,
      partner_id: viewer.role === 'partner' ? viewer.partnerId : null,
      source_lead_id: fields.sourceLeadId ?? null,
      status: 'open',
      closed_at: null,
      lost_reason: null,
      won_reason: null,
    };
    const values = applyStage(
      stages,
      base,
      { ...fields, stage: fields.stage ?? (fields.status ? undefined : first.key) },
      now,
    );
    const [id] = await insertOpportunities(trx, viewer.workspaceId, [{ values, createdAt: now, now }]);
    return detail(trx, viewer, id!);
  });
}

/** Changes a deal the viewer may see (out of reach: 404). */
export async function editOpportunity(
  db: Db,
  input: { viewer: Viewer; id: string; changes: OpportunityInput; now: Date },
): Promise<OpportunityDetail> {
  const { viewer, changes, now } = input;
  return db.transaction().execute(async (trx) => {
    const current = await findVisibleOpportunity(trx, viewer, input.id);
    if (!current) throw notFound('opportunity');
    await checkReferences(trx, viewer, changes);
    const stages = await loadPipelineStages(trx, viewer.workspaceId);
    const before: OpportunityValues = {
      name: current.name,
      account_id: current.accountId,
      amount_cents: current.amountCents,
      currency: current.currency,
      stage: current.stage,
      probability: current.probability,
      close_date: current.closeDate,
      owner_id: current.ownerId,
      partner_id: current.partnerId,
      source_lead_id: current.sourceLeadId,
      status: current.status,
      closed_at: current.closedAt,
      lost_reason: current.lostReason,
      won_reason: current.wonReason,
    };
    const next = applyStage(stages, before, changes, now);
    if (changes.name !== undefined) next.name = changes.name;
    if (changes.accountId !== undefined) next.account_id = changes.accountId;
    if (changes.amountCents !== undefined) next.amount_cents = changes.amountCents;
    if (changes.currency !== undefined) next.currency = changes.currency;
    if (changes.closeDate !== undefined) next.close_date = changes.closeDate;
    if (changes.ownerId !== undefined) next.owner_id = changes.ownerId;
    if (changes.sourceLeadId !== undefined) next.source_lead_id = changes.sourceLeadId;
    await updateOpportunityRow(trx, { workspaceId: viewer.workspaceId, id: input.id, values: next, now });
    return detail(trx, viewer, input.id);
  });
}

/** Sets a contact's role on a deal; the contact must be one the viewer may see. */
export async function setContactRole(
  db: Db,
  input: { viewer: Viewer; opportunityId: string; role: ContactRole; now: Date },
): Promise<OpportunityDetail> {
  const { viewer } = input;
  return db.transaction().execute(async (trx) => {
    if (!(await findVisibleOpportunity(trx, viewer, input.opportunityId))) throw notFound('opportunity');
    const contact = await visibleContacts(trx, viewer)
      .select('contact.id')
      .where('contact.id', '=', input.role.contactId)
      .executeTakeFirst();
    if (!contact) throw notFound('contact');
    await upsertContactRole(trx, {
      workspaceId: viewer.workspaceId,
      opportunityId: input.opportunityId,
      role: input.role,
      now: input.now,
    });
    return detail(trx, viewer, input.opportunityId);
  });
}

export async function removeContactRole(
  db: Db,
  input: { viewer: Viewer; opportunityId: string; contactId: string },
): Promise<void> {
  const { viewer } = input;
  await db.transaction().execute(async (trx) => {
    if (!(await findVisibleOpportunity(trx, viewer, input.opportunityId))) throw notFound('opportunity');
    const removed = await deleteContactRole(trx, {
      workspaceId: viewer.workspaceId,
      opportunityId: input.opportunityId,
      contactId: input.contactId,
    });
    if (!removed) throw notFound('contact role');
  });
}

/** Replaces the workspace's pipeline; deals keep their stage keys (rename with care). */
export async function setPipelineStages(
  db: Db,
  workspaceId: string,
  stages: readonly PipelineStage[],
): Promise<PipelineStage[]> {
  const problems = validatePipelineStages(stages);
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems[0]!.detail, {
      field: problems[0]!.field,
      errors: problems.map((p) => ({ field: p.field, detail: p.detail })),
    });
  }
  await db.transaction().execute((trx) => replacePipelineStages(trx, workspaceId, stages));
  return loadPipelineStages(db, workspaceId);
}
