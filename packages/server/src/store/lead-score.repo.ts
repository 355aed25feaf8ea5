import type { LeadStage } from '@tandem/contracts';
import { sql } from 'kysely';
import type { Executor } from './executor.js';
import type { EventType } from './schema.js';

/** Stages a lead leaves the funnel at: any other stage is an open lead (one per contact and funnel). */
export const closedStages = ['won', 'lost', 'disqualified'] as const satisfies readonly LeadStage[];

/** An open lead with what scoring reads of it, its contact and its account. */
export interface ScoringLeadRow {
  id: string;
  contact_id: string;
  stage: LeadStage;
  score_state: Record<string, unknown> | null;
  score_version: number | null;
  scored_through: Date | null;
  email: string | null;
  title: string | null;
  contact_country: string | null;
  contact_traits: Record<string, unknown>;
  account_id: string | null;
  industry: string | null;
  employees: number | null;
  account_country: string | null;
  domain: string | null;
  account_traits: Record<string, unknown> | null;
}

/**
 * Open leads in `funnel` of the given contacts or of contacts at the given accounts, and leads
 * with the given ids, locked for this transaction in id order (two flushes touching one lead take turns,
 * and always in the same order, so they cannot deadlock).
 */
export async function lockScoringLeads(
  db: Executor,
  workspaceId: string,
  by: {
    funnel: string;
    contactIds?: readonly string[];
    accountIds?: readonly string[];
    leadIds?: readonly string[];
  },
): Promise<ScoringLeadRow[]> {
  return findScoringLeads(db, workspaceId, by, true);
}

/** The same rows without locking (explanations); a lead asked for by id may be closed. */
export async function findScoringLeads(
  db: Executor,
  workspaceId: string,
  by: {
    funnel: string;
    contactIds?: readonly string[];
    accountIds?: readonly string[];
    leadIds?: readonly string[];
  },
  lock = false,
): Promise<ScoringLeadRow[]> {
  const contactIds = [...(by.contactIds ?? [])];
  const accountIds = [...(by.accountIds ?? [])];
  const leadIds = [...(by.leadIds ?? [])];
  if (contactIds.length + accountIds.length + leadIds.length === 0) return [];
  return db
    .selectFrom('lead')
    .innerJoin('contact', (join) =>
      join
        .onRef('contact.workspace_id', '=', 'lead.workspace_id')
        .onRef('contact.id', '=', 'lead.contact_id'),
    )
    .leftJoin('account', (join) =>
      join
        .onRef('account.workspace_id', '=', 'contact.workspace_id')
        .onRef('account.id', '=', 'contact.account_id'),
    )
    .select([
      'lead.id',
      'lead.contact_id',
      'lead.stage',
      'lead.score_state',
      'lead.score_version',
      'lead.scored_through',
      'contact.email',
      'contact.title',
      'contact.country as contact_country',
      'contact.traits as contact_traits',
      'contact.account_id',
      'account.industry',
      'account.employees',
      'account.country as account_country',
      'account.domain',
      'account.traits as account_traits',
    ])
    .where('lead.workspace_id', '=', workspaceId)
    .where((eb) => {
      const open = eb.and([eb('lead.funnel', '=', by.funnel), eb('lead.stage', 'not in', closedStages)]);
      return eb.or([
        ...(leadIds.length > 0 ? [eb('lead.id', 'in', leadIds)] : []),
        ...(contactIds.length > 0 ? [eb.and([open, eb('lead.contact_id', 'in', contactIds)])] : []),
        ...(accountIds.length > 0 ? [eb.and([open, eb('contact.account_id', 'in', accountIds)])] : []),
      ]);
    })
    .orderBy('lead.id')
    .$if(lock, (q) => q.forUpdate('lead'))
    .execute();
}

export interface NewLead {
  id: string;
  contactId: string;
  source: string | null;
}

/**
 * Opens leads (stage 'lead') for contacts that have none open in `funnel`, each with its
 * creation transition. A contact whose lead another transaction opened meanwhile is skipped.
 * Returns the ids inserted.
 */
export async function insertOpenLeads(
  db: Executor,
  input: { workspaceId: string; funnel: string; leads: readonly NewLead[]; at: Date; newId: () => string },
): Promise<string[]> {
  if (input.leads.length === 0) return [];
  const inserted = await db
    .insertInto('lead')
    .values(
      input.leads.map((l) => ({
        workspace_id: input.workspaceId,
        id: l.id,
        contact_id: l.contactId,
        funnel: input.funnel,
        stage: 'lead' as const,
        source: l.source,
        created_at: input.at,
        updated_at: input.at,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'contact_id', 'funnel']).where('stage', 'not in', closedStages).doNothing(),
    )
    .returning('id')
    .execute();
  const ids = inserted.map((r) => r.id);
  if (ids.length > 0) {
    await db
      .insertInto('stage_transition')
      .values(
        ids.map((leadId) => ({
          workspace_id: input.workspaceId,
          id: input.newId(),
          lead_id: leadId,
          from_stage: null,
          to_stage: 'lead' as const,
          at: input.at,
          cause: 'system' as const,
          actor_id: null,
          reason_code: 'first_event',
          note: null,
          contract_version: null,
        })),
      )
      .execute();
  }
  return ids;
}

/** What scoring reads of a stored event. */
export interface ScoringEventRow {
  id: string;
  contact_id: string | null;
  account_id: string | null;
  type: EventType;
  name: string | null;
  occurred_at: Date;
  properties: Record<string, unknown>;
  utm_source: string | null;
  referrer: string | null;
}

const scoringEventColumns = [
  'id',
  'contact_id',
  'account_id',
  'type',
  'name',
  'occurred_at',
  'properties',
  'utm_source',
  'referrer',
] as const;

/** Every event of the given contacts, in scoring order (time, then id). */
export async function contactEvents(
  db: Executor,
  workspaceId: string,
  contactIds: readonly string[],
): Promise<ScoringEventRow[]> {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom('event')
    .select(scoringEventColumns)
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', [...contactIds])
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/** Events by messageId, as they stand now (identity may have attached them to a contact). */
export async function eventsByMessageId(
  db: Executor,
  workspaceId: string,
  messageIds: readonly string[],
): Promise<ScoringEventRow[]> {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('event')
    .select(scoringEventColumns)
    .where('workspace_id', '=', workspaceId)
    .where('message_id', 'in', [...messageIds])
    .execute();
}

/** The score columns of a lead, as scoring decides them. */
export interface StoredScore {
  fitPoints: number;
  fitGrade: string | null;
  interestSum: number;
  interestRefAt: Date | null;
  state: string;
  scoreVersion: number;
  scoredThrough: Date | null;
}

/** A lead's new score; `mqlAt` set only when this update qualifies it. */
export interface LeadScoreUpdate extends StoredScore {
  id: string;
  stage: LeadStage;
  mqlAt: Date | null;
  contractVersion: number | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Writes many leads' scores in one statement (arrays unnested server-side). */
export async function updateLeadScores(
  db: Executor,
  workspaceId: string,
  updates: readonly LeadScoreUpdate[],
  at: Date,
): Promise<void> {
  if (updates.length === 0) return;
  const col = <T>(pick: (u: LeadScoreUpdate) => T): T[] => updates.map(pick);
  await sql`
    update lead set
      fit_points = v.fit_points, fit_grade = v.fit_grade,
      interest_sum = v.interest_sum, interest_ref_at = v.interest_ref_at,
      score_state = v.score_state::json, score_version = v.score_version, scored_through = v.scored_through,
      stage = v.stage,
      mql_at = coalesce(v.mql_at, lead.mql_at),
      contract_version = coalesce(v.contract_version, lead.contract_version),
      updated_at = ${at.toISOString()}::timestamptz
    from unnest(
      ${col((u) => u.id)}::uuid[], ${col((u) => u.fitPoints)}::float8[], ${col((u) => u.fitGrade)}::text[],
      ${col((u) => u.interestSum)}::float8[], ${col((u) => iso(u.interestRefAt))}::timestamptz[],
      ${col((u) => u.state)}::text[], ${col((u) => u.scoreVersion)}::integer[],
      ${col((u) => iso(u.scoredThrough))}::timestamptz[], ${col((u) => u.stage)}::text[],
      ${col((u) => iso(u.mqlAt))}::timestamptz[], ${col((u) => u.contractVersion)}::integer[]
    ) as v(id, fit_points, fit_grade, interest_sum, interest_ref_at, score_state, score_version,
      scored_through, stage, mql_at, contract_version)
    where lead.workspace_id = ${workspaceId}::uuid and lead.id = v.id
  `.execute(db);
}

export interface RuleTransition {
  id: string;
  leadId: string;
  from: LeadStage;
  to: LeadStage;
  reasonCode: string;
  note: string;
  contractVersion: number;
}

/** Stage transitions decided by the contract (cause 'rule'). */
export async function insertRuleTransitions(
  db: Executor,
  workspaceId: string,
  transitions: readonly RuleTransition[],
  at: Date,
): Promise<void> {
  if (transitions.length === 0) return;
  await db
    .insertInto('stage_transition')
    .values(
      transitions.map((t) => ({
        workspace_id: workspaceId,
        id: t.id,
        lead_id: t.leadId,
        from_stage: t.from,
        to_stage: t.to,
        at,
        cause: 'rule' as const,
        actor_id: null,
        reason_code: t.reasonCode,
        note: t.note,
        contract_version: t.contractVersion,
      })),
    )
    .execute();
}
