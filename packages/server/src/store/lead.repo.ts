import type { LeadStage } from '@tandem/contracts';
import { sql } from 'kysely';
import type { Viewer } from '../app/viewer.js';
import { visibleLeads } from './access.js';
import { decodeCursor, type Page, toPage } from './cursor.js';
import type { Executor } from './executor.js';

/** A lead as lists and detail views show it, with its contact. */
export interface LeadSummary {
  id: string;
  funnel: string;
  stage: LeadStage;
  source: string | null;
  contact: { id: string; name: string | null; email: string | null; accountId: string | null };
  owner: { id: string; name: string } | null;
  teamId: string | null;
  partnerId: string | null;
  fitGrade: string | null;
  fitPoints: number;
  /** Interest as of `interestAt`; it decays from there with the contract's half-life. */
  interest: number;
  interestAt: Date | null;
  contractVersion: number | null;
  mqlAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

function leadSummaries(db: Executor, viewer: Viewer) {
  return visibleLeads(db, viewer)
    .innerJoin('contact', (join) =>
      join
        .onRef('contact.workspace_id', '=', 'lead.workspace_id')
        .onRef('contact.id', '=', 'lead.contact_id'),
    )
    .leftJoin('app_user as owner', (join) =>
      join.onRef('owner.workspace_id', '=', 'lead.workspace_id').onRef('owner.id', '=', 'lead.owner_id'),
    )
    .select([
      'lead.id',
      'lead.funnel',
      'lead.stage',
      'lead.source',
      'lead.contact_id',
      'lead.owner_id',
      'lead.team_id',
      'lead.partner_id',
      'lead.fit_grade',
      'lead.fit_points',
      'lead.interest_sum',
      'lead.interest_ref_at',
      'lead.contract_version',
      'lead.mql_at',
      'lead.created_at',
      'lead.updated_at',
      'contact.email',
      'contact.first_name',
      'contact.last_name',
      'contact.account_id',
      'owner.name as owner_name',
      sql<string>`lead.created_at::text`.as('key_at'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof leadSummaries>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow): LeadSummary {
  const name = [row.first_name, row.last_name].filter(Boolean).join(' ').trim();
  return {
    id: row.id,
    funnel: row.funnel,
    stage: row.stage,
    source: row.source,
    contact: { id: row.contact_id, name: name || null, email: row.email, accountId: row.account_id },
    owner: row.owner_id && row.owner_name !== null ? { id: row.owner_id, name: row.owner_name } : null,
    teamId: row.team_id,
    partnerId: row.partner_id,
    fitGrade: row.fit_grade,
    fitPoints: row.fit_points,
    interest: row.interest_sum,
    interestAt: row.interest_ref_at,
    contractVersion: row.contract_version,
    mqlAt: row.mql_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface LeadListQuery {
  stages?: readonly LeadStage[] | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Leads the viewer may see, newest first, one page at a time. */
export async function listVisibleLeads(
  db: Executor,
  viewer: Viewer,
  query: LeadListQuery,
): Promise<Page<LeadSummary>> {
  const after = decodeCursor(query.cursor);
  const stages = query.stages ?? [];
  const rows = await leadSummaries(db, viewer)
    .$if(stages.length > 0, (q) => q.where('lead.stage', 'in', stages))
    .$if(after !== undefined, (q) =>
      q.where(sql<boolean>`(lead.created_at, lead.id) < (${after?.at}::timestamptz, ${after?.id}::uuid)`),
    )
    .orderBy('lead.created_at', 'desc')
    .orderBy('lead.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, toSummary);
}

/** One lead if the viewer may see it; undefined when it does not exist or is out of reach alike. */
export async function findVisibleLead(
  db: Executor,
  viewer: Viewer,
  id: string,
): Promise<LeadSummary | undefined> {
  const row = await leadSummaries(db, viewer).where('lead.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}
