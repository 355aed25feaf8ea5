import { sql } from 'kysely';
import { decodeCursor, type Page, toPage } from './cursor.js';
import type { Executor } from './executor.js';
import type { NotificationRow } from './schema.js';

/** The pg_notify channel that wakes live streams after a notification commits. */
export const notificationChannel = 'tandem_notification';

export interface NewNotification {
  workspaceId: string;
  id: string;
  type: string;
  subjectType: string;
  subjectId: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export async function insertNotification(db: Executor, n: NewNotification): Promise<void> {
  await db
    .insertInto('notification')
    .values({
      workspace_id: n.workspaceId,
      id: n.id,
      type: n.type,
      subject_type: n.subjectType,
      subject_id: n.subjectId,
      title: n.title,
      body: n.body,
      data: JSON.stringify(n.data),
      occurred_at: n.occurredAt,
    })
    .execute();
}

export async function insertRecipients(
  db: Executor,
  workspaceId: string,
  notificationId: string,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('notification_recipient')
    .values(
      userIds.map((user_id) => ({ workspace_id: workspaceId, notification_id: notificationId, user_id })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Wakes every server process's live streams once the transaction commits: PostgreSQL delivers
 * NOTIFY only on commit, and never after a rollback.
 */
export async function signalNotification(
  db: Executor,
  workspaceId: string,
  notificationId: string,
): Promise<void> {
  const payload = JSON.stringify({ w: workspaceId, n: notificationId });
  await sql`select pg_notify(${notificationChannel}, ${payload})`.execute(db);
}

/** A notification as one recipient sees it. */
export interface InboxItem extends NotificationRow {
  read_at: Date | null;
}

const inboxQuery = (db: Executor, workspaceId: string, userId: string) =>
  db
    .selectFrom('notification_recipient as r')
    .innerJoin('notification as n', (j) =>
      j.onRef('n.workspace_id', '=', 'r.workspace_id').onRef('n.id', '=', 'r.notification_id'),
    )
    .selectAll('n')
    .select('r.read_at')
    .where('r.workspace_id', '=', workspaceId)
    .where('r.user_id', '=', userId);

/** One user's notifications, newest first (ids are UUIDv7, so by id), a page at a time. */
export async function listInbox(
  db: Executor,
  input: { workspaceId: string; userId: string; limit: number; cursor?: string; unreadOnly?: boolean },
): Promise<Page<InboxItem>> {
  const after = decodeCursor(input.cursor);
  let query = inboxQuery(db, input.workspaceId, input.userId)
    .select(sql<string>`n.created_at::text`.as('key_at'))
    .orderBy('r.notification_id', 'desc')
    .limit(input.limit + 1);
  if (after) query = query.where('r.notification_id', '<', after.id);
  if (input.unreadOnly) query = query.where('r.read_at', 'is', null);
  const rows = await query.execute();
  return toPage(rows, input.limit, ({ key_at: _key, ...row }) => row);
}

/** Notifications of a user newer than `afterId` (reconnecting streams), oldest first. */
export async function inboxSince(
  db: Executor,
  input: { workspaceId: string; userId: string; afterId: string; limit: number },
): Promise<InboxItem[]> {
  return inboxQuery(db, input.workspaceId, input.userId)
    .where('r.notification_id', '>', input.afterId)
    .orderBy('r.notification_id', 'asc')
    .limit(input.limit)
    .execute();
}

/** One notification with its recipients (what a wake-up pushes). */
export async function findNotificationWithRecipients(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<{ notification: NotificationRow; userIds: string[] } | null> {
  const notification = await db
    .selectFrom('notification')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!notification) return null;
  const recipients = await db
    .selectFrom('notification_recipient')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('notification_id', '=', id)
    .execute();
  return { notification, userIds: recipients.map((r) => r.user_id) };
}

/** Recipient rows newer than `afterId` across the given users (the polling fallback). */
export async function recipientsSince(
  db: Executor,
  input: { afterId: string; userIds: readonly string[]; limit: number },
): Promise<Array<{ workspace_id: string; notification_id: string }>> {
  if (input.userIds.length === 0) return [];
  return db
    .selectFrom('notification_recipient')
    .select(['workspace_id', 'notification_id'])
    .distinct()
    .where('notification_id', '>', input.afterId)
    .where('user_id', 'in', input.userIds)
    .orderBy('notification_id')
    .limit(input.limit)
    .execute();
}

export async function unreadCount(db: Executor, workspaceId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification_recipient')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks some (ids) or all of a user's notifications read; returns how many changed. */
export async function markRead(
  db: Executor,
  input: { workspaceId: string; userId: string; ids?: readonly string[]; now: Date },
): Promise<number> {
  if (input.ids?.length === 0) return 0;
  let query = db
    .updateTable('notification_recipient')
    .set({ read_at: input.now })
    .where('workspace_id', '=', input.workspaceId)
    .where('user_id', '=', input.userId)
    .where('read_at', 'is', null);
  if (input.ids) query = query.where('notification_id', 'in', input.ids);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The newest notification id of a user (where a fresh stream starts). */
export async function latestNotificationId(
  db: Executor,
  workspaceId: string,
  userId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('notification_recipient')
    .select('notification_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .orderBy('notification_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.notification_id ?? null;
}
