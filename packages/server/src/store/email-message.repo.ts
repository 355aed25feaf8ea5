import type { Executor } from './executor.js';
import type { EmailMessageRow, EmailStatus } from './schema.js';

/** Adds an email to send; null when this notification already has one for this user. */
export async function insertEmailMessage(
  db: Executor,
  row: {
    workspaceId: string;
    id: string;
    notificationId: string | null;
    userId: string | null;
    to: string;
    subject: string;
    text: string;
    html: string | null;
    now: Date;
  },
): Promise<string | null> {
  const inserted = await db
    .insertInto('email_message')
    .values({
      workspace_id: row.workspaceId,
      id: row.id,
      notification_id: row.notificationId,
      user_id: row.userId,
      to_address: row.to,
      subject: row.subject,
      text_body: row.text,
      html_body: row.html,
      created_at: row.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function findEmailMessage(
  db: Executor,
  workspaceId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<EmailMessageRow | undefined> {
  let query = db
    .selectFrom('email_message')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function recordEmailAttempt(
  db: Executor,
  input: {
    workspaceId: string;
    id: string;
    status: EmailStatus;
    attempts: number;
    error: string | null;
    sentAt: Date | null;
  },
): Promise<void> {
  await db
    .updateTable('email_message')
    .set({
      status: input.status,
      attempts: input.attempts,
      last_error: input.error?.slice(0, 2000) ?? null,
      sent_at: input.sentAt,
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .execute();
}
