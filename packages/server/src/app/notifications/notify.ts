import type { Executor } from '../../store/executor.js';

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
}

/**
 * Records a notification inside the caller's transaction; delivery (inbox, server-sent
 * events, email, webhooks) happens after the commit, so a rolled-back change notifies nobody.
 */
export async function notify(_db: Executor, _input: NotificationInput): Promise<void> {
  // Delivery lands with the notifications work; until then notifications are dropped.
}
