import { sql } from 'kysely';
import { type AnalysisEventRow, decodeAnalysisEvents } from './analysis-rows.js';
import type { Executor } from './executor.js';

export type { AnalysisEventRow };

/**
 * Bulk reads of the backtest and signal lift: leads in keyset-paged chunks with what fit rules
 * read, then the events and stage times of one chunk at a time, so memory stays bounded by the
 * chunk and the columns built from it.
 */

export interface AnalysisLeadRow {
  id: string;
  contact_id: string;
  /** The lead's owner, else its account's owner (see app/backtest/route-lead.ts). */
  owner_id: string | null;
  account_owner_id: string | null;
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

/** Leads of `funnel` created up to `until`, after `after` in id order. */
export async function analysisLeadsPage(
  db: Executor,
  workspaceId: string,
  input: { funnel: string; until: Date; after: string | null; limit: number },
): Promise<AnalysisLeadRow[]> {
  const page = db
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
      'lead.owner_id',
      'account.owner_id as account_owner_id',
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
    .where('lead.funnel', '=', input.funnel)
    .where('lead.created_at', '<=', input.until)
    .$if(input.after !== null, (q) => q.where('lead.id', '>', input.after!))
    .orderBy('lead.id')
    .limit(input.limit);
  // One JSON value for the page, not a row per lead: see analysis-rows.ts for why.
  const result = await db
    .selectFrom(page.as('p'))
    .select(sql<AnalysisLeadRow[] | null>`json_agg(p order by p.id)`.as('rows'))
    .executeTakeFirst();
  return result?.rows ?? [];
}

export async function countAnalysisLeads(
  db: Executor,
  workspaceId: string,
  input: { funnel: string; until: Date },
): Promise<number> {
  const row = await db
    .selectFrom('lead')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('funnel', '=', input.funnel)
    .where('created_at', '<=', input.until)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Events of the given contacts between `from` and `to` (inclusive) of the scoring types, ordered
 * by contact, time and id (each contact's events in scoring order). Only the top-level
 * properties rules read are selected, not the whole document, and the rows come back as one text
 * value (see analysis-rows.ts).
 */
export async function analysisEvents(
  db: Executor,
  workspaceId: string,
  input: { contactIds: readonly string[]; from: Date; to: Date; properties: readonly string[] },
): Promise<AnalysisEventRow[]> {
  if (input.contactIds.length === 0) return [];
  const fields = [
    sql`id::text`,
    sql`contact_id::text`,
    sql`type`,
    sql`(extract(epoch from date_trunc('milliseconds', occurred_at)) * 1000)::bigint::text`,
    sql`coalesce(to_json(name)::text, '')`,
    ...input.properties.map((p) => sql`coalesce((properties -> ${p})::text, '')`),
  ];
  const result = await sql<{ lines: string | null }>`
    select string_agg(concat_ws(E'\\t', ${sql.join(fields)}), E'\\n' order by contact_id, occurred_at, id) as lines
    from event
    where workspace_id = ${workspaceId}::uuid
      and contact_id = any(${[...input.contactIds]}::uuid[])
      and occurred_at >= ${input.from.toISOString()}::timestamptz
      and occurred_at <= ${input.to.toISOString()}::timestamptz
      and type in ('track', 'page', 'screen', 'identify', 'group')
  `.execute(db);
  return decodeAnalysisEvents(result.rows[0]?.lines ?? null, input.properties.length);
}

export interface StageTimeRow {
  lead_id: string;
  to_stage: 'sql' | 'opportunity' | 'won';
  at_ms: number;
}

/** When each lead first reached sql, opportunity and won. */
export async function firstStageTimes(
  db: Executor,
  workspaceId: string,
  leadIds: readonly string[],
): Promise<StageTimeRow[]> {
  if (leadIds.length === 0) return [];
  const result = await sql<StageTimeRow>`
    select lead_id, to_stage, date_part('epoch', min(at)) * 1000 as at_ms
    from stage_transition
    where workspace_id = ${workspaceId}::uuid and lead_id = any(${[...leadIds]}::uuid[])
      and to_stage in ('sql', 'opportunity', 'won')
    group by lead_id, to_stage
  `.execute(db);
  return result.rows;
}

/**
 * Changes whenever the data a backtest reads changes (new events, leads, transitions, edited
 * contacts, accounts or owners): cached columns are used only while it stays the same.
 */
export async function analysisDataStamp(db: Executor, workspaceId: string): Promise<string> {
  const result = await sql<{ stamp: string }>`
    select concat_ws('|',
      (select id::text from event where workspace_id = ${workspaceId}::uuid order by id desc limit 1),
      (select id::text from stage_transition where workspace_id = ${workspaceId}::uuid order by id desc limit 1),
      (select count(*)::text || ':' || coalesce(max(updated_at)::text, '') from lead where workspace_id = ${workspaceId}::uuid),
      (select max(updated_at)::text from contact where workspace_id = ${workspaceId}::uuid),
      (select max(updated_at)::text from account where workspace_id = ${workspaceId}::uuid)
    ) as stamp
  `.execute(db);
  return result.rows[0]?.stamp ?? '';
}

export interface FlippedLeadRow {
  id: string;
  contact_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
}

export async function leadsWithContacts(
  db: Executor,
  workspaceId: string,
  leadIds: readonly string[],
): Promise<FlippedLeadRow[]> {
  if (leadIds.length === 0) return [];
  return db
    .selectFrom('lead')
    .innerJoin('contact', (join) =>
      join
        .onRef('contact.workspace_id', '=', 'lead.workspace_id')
        .onRef('contact.id', '=', 'lead.contact_id'),
    )
    .select(['lead.id', 'lead.contact_id', 'contact.first_name', 'contact.last_name', 'contact.email'])
    .where('lead.workspace_id', '=', workspaceId)
    .where('lead.id', 'in', [...leadIds])
    .execute();
}
