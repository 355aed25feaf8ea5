import type { LeadStage } from '@tandem/contracts';
import type { StageTransition } from '../core/lifecycle/index.js';
import { newId } from '../id.js';
import type { Executor } from './executor.js';

export interface LockedLead {
  id: string;
  contactId: string;
  funnel: string;
  stage: LeadStage;
  ownerId: string | null;
  teamId: string | null;
  stageEnteredAt: Date;
}

/** A lead row-locked for a stage change, with the time it entered its current stage. */
export async function lockLeadForStage(
  db: Executor,
  workspaceId: string,
  leadId: string,
): Promise<LockedLead | null> {
  const lead = await db
    .selectFrom('lead')
    .select(['id', 'contact_id', 'funnel', 'stage', 'owner_id', 'team_id', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', leadId)
    .forUpdate()
    .executeTakeFirst();
  if (!lead) return null;
  const last = await db
    .selectFrom('stage_transition')
    .select('at')
    .where('workspace_id', '=', workspaceId)
    .where('lead_id', '=', leadId)
    .where('to_stage', '=', lead.stage)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    id: lead.id,
    contactId: lead.contact_id,
    funnel: lead.funnel,
    stage: lead.stage,
    ownerId: lead.owner_id,
    teamId: lead.team_id,
    stageEnteredAt: last?.at ?? lead.created_at,
  };
}

/** Stores a decided transition: the lead's new stage and owner, and the history row. */
export async function applyTransition(
  db: Executor,
  input: {
    workspaceId: string;
    leadId: string;
    to: LeadStage;
    ownerId: string | null;
    transition: StageTransition;
  },
): Promise<void> {
  const t = input.transition;
  await db
    .updateTable('lead')
    .set({
      stage: input.to,
      owner_id: input.ownerId,
      updated_at: t.at,
      ...(input.to === 'lead' ? { team_id: null, assigned_at: null } : {}),
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.leadId)
    .execute();
  await db
    .insertInto('stage_transition')
    .values({
      workspace_id: input.workspaceId,
      id: newId(t.at.getTime()),
      lead_id: input.leadId,
      from_stage: t.from,
      to_stage: t.to,
      at: t.at,
      cause: t.cause,
      actor_id: t.actorId,
      reason_code: t.reasonCode,
      note: t.note,
      contract_version: t.contractVersion,
    })
    .execute();
}

/** Whether the contact has another open lead in the funnel (one open lead per contact per funnel). */
export async function hasOtherOpenLead(
  db: Executor,
  workspaceId: string,
  lead: { id: string; contactId: string; funnel: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('lead')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', lead.contactId)
    .where('funnel', '=', lead.funnel)
    .where('id', '<>', lead.id)
    .where('stage', 'not in', ['won', 'lost', 'disqualified'])
    .executeTakeFirst();
  return row !== undefined;
}
