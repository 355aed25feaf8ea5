import { sql } from 'kysely';
import { decodeCursor, type Page, toPage } from './cursor.js';
import type { Executor } from './executor.js';
import type { EventRow, EventType } from './schema.js';

/** One event row to insert; JSON documents already serialised. */
export interface NewEventRow {
  workspaceId: string;
  id: string;
  messageId: string;
  type: EventType;
  name: string | null;
  anonymousId: string | null;
  userId: string | null;
  contactId: string | null;
  accountId: string | null;
  campaignId: string | null;
  occurredAt: Date;
  receivedAt: Date;
  properties: string;
  context: string;
  traits: string;
  groupId: string | null;
  previousId: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  referrer: string | null;
  pageUrl: string | null;
}

const column = <K extends keyof NewEventRow>(rows: NewEventRow[], key: K): NewEventRow[K][] =>
  rows.map((r) => r[key]);
const isoColumn = (rows: NewEventRow[], key: 'occurredAt' | 'receivedAt'): string[] =>
  rows.map((r) => r[key].toISOString());

/**
 * Inserts events in one statement (arrays unnested server-side), skipping any whose messageId
 * the workspace already has. Returns the messageIds actually inserted, per workspace.
 */
export async function insertEvents(db: Executor, rows: NewEventRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const result = await sql<{ workspace_id: string; message_id: string }>`
    insert into event (workspace_id, id, message_id, type, name, anonymous_id, user_id, contact_id, account_id,
      campaign_id, occurred_at, received_at, properties, context, traits, group_id, previous_id,
      utm_source, utm_medium, utm_campaign, utm_term, utm_content, referrer, page_url)
    select workspace_id, id, message_id, type, name, anonymous_id, user_id, contact_id, account_id,
      campaign_id, occurred_at, received_at, properties::jsonb, context::json, traits::jsonb, group_id, previous_id,
      utm_source, utm_medium, utm_campaign, utm_term, utm_content, referrer, page_url
    from unnest(
      ${column(rows, 'workspaceId')}::uuid[], ${column(rows, 'id')}::uuid[], ${column(rows, 'messageId')}::text[],
      ${column(rows, 'type')}::text[], ${column(rows, 'name')}::text[], ${column(rows, 'anonymousId')}::text[],
      ${column(rows, 'userId')}::text[], ${column(rows, 'contactId')}::uuid[], ${column(rows, 'accountId')}::uuid[],
      ${column(rows, 'campaignId')}::uuid[], ${isoColumn(rows, 'occurredAt')}::timestamptz[],
      ${isoColumn(rows, 'receivedAt')}::timestamptz[], ${column(rows, 'properties')}::text[],
      ${column(rows, 'context')}::text[], ${column(rows, 'traits')}::text[], ${column(rows, 'groupId')}::text[],
      ${column(rows, 'previousId')}::text[], ${column(rows, 'utmSource')}::text[], ${column(rows, 'utmMedium')}::text[],
      ${column(rows, 'utmCampaign')}::text[], ${column(rows, 'utmTerm')}::text[], ${column(rows, 'utmContent')}::text[],
      ${column(rows, 'referrer')}::text[], ${column(rows, 'pageUrl')}::text[]
    ) as t(workspace_id, id, message_id, type, name, anonymous_id, user_id, contact_id, account_id,
      campaign_id, occurred_at, received_at, properties, context, traits, group_id, previous_id,
      utm_source, utm_medium, utm_campaign, utm_term, utm_content, referrer, page_url)
    on conflict (workspace_id, message_id) do nothing
    returning workspace_id, message_id
  `.execute(db);
  return new Set(result.rows.map((r) => `${r.workspace_id}/${r.message_id}`));
}

/** The key insertEvents reports an inserted event under. */
export const insertedKey = (workspaceId: string, messageId: string): string => `${workspaceId}/${messageId}`;

export interface NewRejectionRow {
  workspaceId: string;
  id: string;
  receivedAt: Date;
  messageId: string | null;
  code: string;
  field: string | null;
  detail: string;
  /** Serialised, storable and already bounded by the caller. */
  payload: string;
}

export async function insertRejections(db: Executor, rows: NewRejectionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('event_rejection')
    .values(
      rows.map((r) => ({
        workspace_id: r.workspaceId,
        id: r.id,
        received_at: r.receivedAt,
        message_id: r.messageId,
        code: r.code,
        field: r.field,
        detail: r.detail,
        payload: r.payload,
      })),
    )
    .execute();
}

/** Campaign ids by lower-cased utm_campaign, for the names given. */
export async function campaignIdsByUtm(
  db: Executor,
  workspaceId: string,
  utmCampaigns: string[],
): Promise<Map<string, string>> {
  if (utmCampaigns.length === 0) return new Map();
  const rows = await db
    .selectFrom('campaign')
    .select(['id', sql<string>`lower(utm_campaign)`.as('utm')])
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`lower(utm_campaign) = any(${utmCampaigns}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.utm, r.id]));
}

/**
 * Attaches a person's earlier unattributed events (by anonymousId or userId) to their contact,
 * and gives every event of the contact the contact's account when it had none.
 */
export async function stitchEvents(
  db: Executor,
  input: {
    workspaceId: string;
    contactId: string;
    accountId: string | null;
    anonymousIds: string[];
    userIds: string[];
  },
): Promise<number> {
  let stitched = 0;
  if (input.anonymousIds.length > 0) {
    const result = await db
      .updateTable('event')
      .set({ contact_id: input.contactId, account_id: sql`coalesce(account_id, ${input.accountId}::uuid)` })
      .where('workspace_id', '=', input.workspaceId)
      .where('contact_id', 'is', null)
      .where(sql<boolean>`anonymous_id = any(${input.anonymousIds}::text[])`)
      .executeTakeFirst();
    stitched += Number(result.numUpdatedRows);
  }
  if (input.userIds.length > 0) {
    const result = await db
      .updateTable('event')
      .set({ contact_id: input.contactId, account_id: sql`coalesce(account_id, ${input.accountId}::uuid)` })
      .where('workspace_id', '=', input.workspaceId)
      .where('contact_id', 'is', null)
      .where('user_id', 'is not', null)
      .where(sql<boolean>`user_id = any(${input.userIds}::text[])`)
      .executeTakeFirst();
    stitched += Number(result.numUpdatedRows);
  }
  if (input.accountId !== null) {
    await db
      .updateTable('event')
      .set({ account_id: input.accountId })
      .where('workspace_id', '=', input.workspaceId)
      .where('contact_id', '=', input.contactId)
      .where('account_id', 'is', null)
      .execute();
  }
  return stitched;
}

/**
 * A `group` call names the company of its sender: the call itself gets the account, and so do an
 * anonymous sender's events that had none (a known contact's events follow the contact instead).
 */
export async function attachGroupEvents(
  db: Executor,
  input: { workspaceId: string; messageId: string; anonymousId: string | null; accountId: string },
): Promise<void> {
  await db
    .updateTable('event')
    .set({ account_id: input.accountId })
    .where('workspace_id', '=', input.workspaceId)
    .where('message_id', '=', input.messageId)
    .execute();
  if (input.anonymousId === null) return;
  await db
    .updateTable('event')
    .set({ account_id: input.accountId })
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', 'is', null)
    .where('account_id', 'is', null)
    .where('anonymous_id', '=', input.anonymousId)
    .execute();
}

/** A page of one contact's or account's events, newest first; `cursor` comes from the previous page. */
export async function listTimeline(
  db: Executor,
  input: {
    workspaceId: string;
    by: { contactId: string } | { accountId: string };
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<EventRow>> {
  const after = decodeCursor(input.cursor);
  const rows = await db
    .selectFrom('event')
    .selectAll()
    .select(sql<string>`occurred_at::text`.as('key_at'))
    .where('workspace_id', '=', input.workspaceId)
    .$if('contactId' in input.by, (q) =>
      q.where('contact_id', '=', (input.by as { contactId: string }).contactId),
    )
    .$if('accountId' in input.by, (q) =>
      q.where('account_id', '=', (input.by as { accountId: string }).accountId),
    )
    .$if(after !== undefined, (q) =>
      q.where(sql<boolean>`(occurred_at, id) < (${after?.at}::timestamptz, ${after?.id}::uuid)`),
    )
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return toPage(rows, input.limit, ({ key_at: _, ...row }) => row);
}
