import { sql } from 'kysely';
import { newId } from '../id.js';
import type { Executor } from './executor.js';
import type { TouchpointSource } from './schema.js';

export const startCursor = '00000000-0000-0000-0000-000000000000';

export async function readTouchpointCursor(
  db: Executor,
  workspaceId: string,
  source: TouchpointSource,
): Promise<string> {
  const row = await db
    .selectFrom('touchpoint_cursor')
    .select('last_id')
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', source)
    .executeTakeFirst();
  return row?.last_id ?? startCursor;
}

export async function writeTouchpointCursor(
  db: Executor,
  input: { workspaceId: string; source: TouchpointSource; lastId: string; now: Date },
): Promise<void> {
  await db
    .insertInto('touchpoint_cursor')
    .values({
      workspace_id: input.workspaceId,
      source: input.source,
      last_id: input.lastId,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'source']).doUpdateSet({ last_id: input.lastId, updated_at: input.now }),
    )
    .execute();
}

/** Events after the cursor and before `before` (both ids), oldest first, with the contact's account. */
export async function eventsAfter(
  db: Executor,
  input: { workspaceId: string; after: string; before: string; limit: number },
) {
  return db
    .selectFrom('event')
    .leftJoin('contact', (j) =>
      j.onRef('contact.workspace_id', '=', 'event.workspace_id').onRef('contact.id', '=', 'event.contact_id'),
    )
    .select([
      'event.id',
      'event.type',
      'event.name',
      'event.utm_source',
      'event.utm_medium',
      'event.utm_campaign',
      'event.referrer',
      'event.page_url',
      'event.contact_id',
      'event.occurred_at',
      sql<string | null>`coalesce(event.account_id, contact.account_id)`.as('account_id'),
    ])
    .where('event.workspace_id', '=', input.workspaceId)
    .where('event.id', '>', input.after)
    .where('event.id', '<', input.before)
    .orderBy('event.id')
    .limit(input.limit)
    .execute();
}

/** Activities after the cursor and before `before`, with the contact (directly or through the lead). */
export async function activitiesAfter(
  db: Executor,
  input: { workspaceId: string; after: string; before: string; limit: number },
) {
  return db
    .selectFrom('activity')
    .leftJoin('lead', (j) =>
      j.onRef('lead.workspace_id', '=', 'activity.workspace_id').onRef('lead.id', '=', 'activity.lead_id'),
    )
    .leftJoin('contact', (j) =>
      j
        .onRef('contact.workspace_id', '=', 'activity.workspace_id')
        .on((eb) => eb(eb.ref('contact.id'), '=', eb.fn.coalesce('activity.contact_id', 'lead.contact_id'))),
    )
    .select([
      'activity.id',
      'activity.kind',
      'activity.occurred_at',
      'contact.id as contact_id',
      'contact.account_id',
    ])
    .where('activity.workspace_id', '=', input.workspaceId)
    .where('activity.id', '>', input.after)
    .where('activity.id', '<', input.before)
    .orderBy('activity.id')
    .limit(input.limit)
    .execute();
}

export interface NewTouchpoint {
  source: TouchpointSource;
  sourceId: string;
  occurredAt: Date;
  contactId: string | null;
  accountId: string | null;
  campaignId: string | null;
  channel: string;
  kind: string;
}

/** Inserts touchpoints; one per source record, so a repeated run adds nothing. */
export async function insertTouchpoints(
  db: Executor,
  input: { workspaceId: string; touchpoints: readonly NewTouchpoint[]; now: Date },
): Promise<number> {
  let inserted = 0;
  const chunk = 1_000;
  for (let i = 0; i < input.touchpoints.length; i += chunk) {
    const result = await db
      .insertInto('touchpoint')
      .values(
        input.touchpoints.slice(i, i + chunk).map((t) => ({
          workspace_id: input.workspaceId,
          id: newId(t.occurredAt.getTime()),
          source: t.source,
          source_id: t.sourceId,
          occurred_at: t.occurredAt,
          contact_id: t.contactId,
          account_id: t.accountId,
          campaign_id: t.campaignId,
          channel: t.channel,
          kind: t.kind,
          created_at: input.now,
        })),
      )
      .onConflict((oc) => oc.columns(['workspace_id', 'source', 'source_id']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/**
 * Links touches recorded before their visitor was identified: identification later sets the
 * event's contact (store/event.repo stitching), and the touch follows. Bounded per call.
 */
export async function linkAnonymousTouchpoints(
  db: Executor,
  input: { workspaceId: string; limit: number },
): Promise<number> {
  const result = await sql`
    update touchpoint t
       set contact_id = e.contact_id, account_id = coalesce(t.account_id, e.account_id, c.account_id)
      from event e
      left join contact c on c.workspace_id = e.workspace_id and c.id = e.contact_id
     where t.workspace_id = ${input.workspaceId}
       and t.contact_id is null
       and t.source = 'event'
       and e.workspace_id = t.workspace_id
       and e.id = t.source_id
       and e.contact_id is not null
       and t.source_id in (
         select source_id from touchpoint
          where workspace_id = ${input.workspaceId} and contact_id is null
          order by source_id limit ${input.limit})
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface JourneyTouch {
  id: string;
  at: Date;
  contactId: string | null;
  accountId: string | null;
  campaignId: string | null;
  channel: string;
  kind: string;
  source: TouchpointSource;
}

/** Touches of these contacts or accounts (at or before `until` when given), oldest first. */
export async function touchesOf(
  db: Executor,
  input: {
    workspaceId: string;
    contactIds: readonly string[];
    accountIds: readonly string[];
    until: Date | null;
    limit?: number;
  },
): Promise<JourneyTouch[]> {
  if (input.contactIds.length === 0 && input.accountIds.length === 0) return [];
  let q = db
    .selectFrom('touchpoint')
    .select(['id', 'occurred_at', 'contact_id', 'account_id', 'campaign_id', 'channel', 'kind', 'source'])
    .where('workspace_id', '=', input.workspaceId)
    .where((eb) =>
      eb.or([
        ...(input.contactIds.length ? [eb('contact_id', 'in', input.contactIds)] : []),
        ...(input.accountIds.length ? [eb('account_id', 'in', input.accountIds)] : []),
      ]),
    )
    .orderBy('occurred_at')
    .orderBy('id');
  if (input.until) q = q.where('occurred_at', '<=', input.until);
  if (input.limit) q = q.limit(input.limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.occurred_at,
    contactId: r.contact_id,
    accountId: r.account_id,
    campaignId: r.campaign_id,
    channel: r.channel,
    kind: r.kind,
    source: r.source,
  }));
}
