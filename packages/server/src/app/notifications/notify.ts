import { matchesEventFilter } from '../../core/notifications/event-filter.js';
import { webhookBody } from '../../core/notifications/webhook-payload.js';
import { newId } from '../../id.js';
import { insertEmailMessage } from '../../store/email-message.repo.js';
import type { Executor } from '../../store/executor.js';
import { insertNotification, insertRecipients, signalNotification } from '../../store/notification.repo.js';
import { scheduleTimer } from '../../store/timer.repo.js';
import { insertWebhookDelivery, listWebhookEndpoints } from '../../store/webhook.repo.js';

/** Every kind of notification Tandem sends; webhooks carry the same names. */
export const notificationTypes = [
  'lead.mql',
  'lead.assigned',
  'lead.accepted',
  'lead.rejected',
  'lead.recycled',
  'lead.reassigned',
  'sla.warning',
  'sla.breached',
  'request.created',
  'request.accepted',
  'request.delivered',
  'request.declined',
  'request.warning',
  'request.breached',
  'content.viewed',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

export interface NotificationInput {
  workspaceId: string;
  type: NotificationType;
  /** Users who get it in their inbox and by email; webhooks receive every notification. */
  recipientUserIds: readonly string[];
  /** What it is about, e.g. { type: 'lead', id } — the web app links to it. */
  subject: { type: 'lead' | 'request' | 'asset' | 'opportunity'; id: string };
  /** One line for the inbox and the email subject. */
  title: string;
  /** Plain text, a few lines at most. */
  body: string;
  /** Machine-readable details for webhooks (ids, stage, deadline …). */
  data: Record<string, unknown>;
  occurredAt: Date;
  /** Skip the email to recipients (inbox and webhooks still happen). Default false. */
  skipEmail?: boolean;
}

export const emailSendKind = 'email.send';
export const webhookDeliverKind = 'webhook.deliver';

/** The dedupe key of attempt `attempt` of a webhook delivery's series `replays` (0 before any replay). */
export const webhookAttemptKey = (deliveryId: string, replays: number, attempt: number): string =>
  `${webhookDeliverKind}:${deliveryId}:${replays}:${attempt}`;
export const emailAttemptKey = (emailId: string, attempt: number): string =>
  `${emailSendKind}:${emailId}:${attempt}`;

/**
 * Records a notification inside the caller's transaction; delivery (inbox, server-sent
 * events, email, webhooks) happens after the commit, so a rolled-back change notifies nobody.
 *
 * Writes the notification and its inbox rows, one email per recipient with an address and one
 * webhook delivery per matching active endpoint, each with its delivery timer, then signals
 * live streams with pg_notify (delivered by PostgreSQL only at commit). Returns the id.
 */
export async function notify(db: Executor, input: NotificationInput): Promise<string> {
  const now = input.occurredAt;
  const id = newId(now.getTime());
  const { workspaceId } = input;
  await insertNotification(db, {
    workspaceId,
    id,
    type: input.type,
    subjectType: input.subject.type,
    subjectId: input.subject.id,
    title: input.title,
    body: input.body,
    data: input.data,
    occurredAt: now,
  });

  const wanted = [...new Set(input.recipientUserIds)];
  const users =
    wanted.length === 0
      ? []
      : await db
          .selectFrom('app_user')
          .select(['id', 'email', 'status'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', wanted)
          .execute();
  const active = users.filter((u) => u.status === 'active');
  await insertRecipients(
    db,
    workspaceId,
    id,
    active.map((u) => u.id),
  );

  if (!input.skipEmail) {
    for (const user of active) {
      if (!user.email) continue;
      // The body is rendered with its link at send time (the job knows the public URL).
      await queueEmail(db, {
        workspaceId,
        notificationId: id,
        userId: user.id,
        to: user.email,
        subject: input.title,
        text: input.body,
        html: null,
        now,
      });
    }
  }

  const endpoints = (await listWebhookEndpoints(db, workspaceId, { activeOnly: true })).filter((e) =>
    matchesEventFilter(e.events, input.type),
  );
  if (endpoints.length > 0) {
    const payload = webhookBody({
      id,
      type: input.type,
      workspaceId,
      occurredAt: now.toISOString(),
      subject: input.subject,
      title: input.title,
      body: input.body,
      data: input.data,
    });
    for (const endpoint of endpoints) {
      const deliveryId = await insertWebhookDelivery(db, {
        workspaceId,
        id: newId(now.getTime()),
        endpointId: endpoint.id,
        notificationId: id,
        eventType: input.type,
        payload,
        now,
      });
      if (deliveryId)
        await scheduleWebhookAttempt(db, {
          workspaceId,
          deliveryId,
          replays: 0,
          attempt: 1,
          dueAt: now,
          now,
        });
    }
  }

  if (active.length > 0) await signalNotification(db, workspaceId, id);
  return id;
}

/** Schedules attempt `attempt` of a webhook delivery (first, retry or replay). */
export async function scheduleWebhookAttempt(
  db: Executor,
  input: {
    workspaceId: string;
    deliveryId: string;
    replays: number;
    attempt: number;
    dueAt: Date;
    now: Date;
  },
): Promise<void> {
  await scheduleTimer(db, {
    workspaceId: input.workspaceId,
    kind: webhookDeliverKind,
    dueAt: input.dueAt,
    now: input.now,
    subjectType: 'webhook_delivery',
    subjectId: input.deliveryId,
    payload: { attempt: input.attempt, replays: input.replays },
    dedupeKey: webhookAttemptKey(input.deliveryId, input.replays, input.attempt),
  });
}

/**
 * Puts one email in the outbox with the timer of its first send attempt, in the caller's
 * transaction (the email job sends it after the commit). Null when this notification already
 * has an email for this user.
 */
export async function queueEmail(
  db: Executor,
  email: {
    workspaceId: string;
    notificationId: string | null;
    userId: string | null;
    to: string;
    subject: string;
    text: string;
    html: string | null;
    now: Date;
  },
): Promise<string | null> {
  const emailId = await insertEmailMessage(db, { ...email, id: newId(email.now.getTime()) });
  if (emailId)
    await scheduleTimer(db, {
      workspaceId: email.workspaceId,
      kind: emailSendKind,
      dueAt: email.now,
      now: email.now,
      subjectType: 'email',
      subjectId: emailId,
      payload: { attempt: 1 },
      dedupeKey: emailAttemptKey(emailId, 1),
    });
  return emailId;
}
