import { randomBytes } from 'node:crypto';
import { classifyHost } from '../../core/notifications/address-policy.js';
import { unknownEventFilters } from '../../core/notifications/event-filter.js';
import { webhookBody } from '../../core/notifications/webhook-payload.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId } from '../../id.js';
import { insertAudit } from '../../store/audit.repo.js';
import type { Db } from '../../store/db.js';
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../../store/schema.js';
import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  insertWebhookDelivery,
  insertWebhookEndpoint,
  lockWebhookDelivery,
  updateWebhookEndpoint,
} from '../../store/webhook.repo.js';
import type { Actor } from '../workspaces.js';
import { notificationTypes, scheduleWebhookAttempt } from './notify.js';

const audit = (actor: Actor) => ({ actorKind: actor.kind, actorId: actor.id, ip: actor.ip ?? null });

export interface WebhookPolicy {
  /** TANDEM_WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate: boolean;
}

/** Checks a webhook URL as written: http(s), no credentials, and an allowed host. */
export function checkWebhookUrl(raw: string, policy: WebhookPolicy): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('/url', 'is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid('/url', 'must be an http:// or https:// URL');
  if (url.username || url.password)
    throw invalid('/url', 'must not carry credentials; the signature authenticates');
  if (!policy.allowPrivate) {
    const verdict = classifyHost(url.hostname);
    if (!verdict.allowed)
      throw invalid(
        '/url',
        `points to a refused address (${verdict.reason}); webhooks reach public addresses only`,
      );
  }
  return url.toString();
}

function checkEvents(events: readonly string[]): string[] {
  const cleaned = [...new Set(events.map((e) => e.trim()).filter((e) => e !== ''))];
  if (cleaned.length === 0)
    throw invalid('/events', 'name at least one event type, a prefix such as request.*, or *');
  const unknown = unknownEventFilters(cleaned, notificationTypes);
  if (unknown.length > 0) throw invalid('/events', `match no event type: ${unknown.join(', ')}`);
  return cleaned;
}

/** A new signing secret: 32 random bytes, recognisable by its prefix. */
const newSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** Creates an endpoint; the secret comes back here only (it is never shown again, nor logged). */
export async function createWebhook(
  db: Db,
  input: {
    workspaceId: string;
    url: string;
    events: readonly string[];
    description?: string;
    actor: Actor;
    now: Date;
    policy: WebhookPolicy;
  },
): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  const url = checkWebhookUrl(input.url, input.policy);
  const events = checkEvents(input.events);
  const secret = newSecret();
  return db.transaction().execute(async (trx) => {
    const endpoint = await insertWebhookEndpoint(trx, {
      workspaceId: input.workspaceId,
      id: newId(input.now.getTime()),
      url,
      description: input.description?.trim() ?? '',
      events,
      secret,
      createdBy: input.actor.kind === 'user' ? input.actor.id : null,
      now: input.now,
    });
    await insertAudit(trx, {
      workspaceId: input.workspaceId,
      ...audit(input.actor),
      action: 'webhook.created',
      targetType: 'webhook_endpoint',
      targetId: endpoint.id,
      details: { url, events },
    });
    return { endpoint, secret };
  });
}

export async function changeWebhook(
  db: Db,
  input: {
    workspaceId: string;
    id: string;
    changes: { url?: string; events?: readonly string[]; description?: string; active?: boolean };
    actor: Actor;
    now: Date;
    policy: WebhookPolicy;
  },
): Promise<WebhookEndpointRow> {
  const { changes } = input;
  const url = changes.url !== undefined ? checkWebhookUrl(changes.url, input.policy) : undefined;
  const events = changes.events !== undefined ? checkEvents(changes.events) : undefined;
  return db.transaction().execute(async (trx) => {
    const updated = await updateWebhookEndpoint(trx, {
      workspaceId: input.workspaceId,
      id: input.id,
      now: input.now,
      changes: {
        ...(url !== undefined ? { url } : {}),
        ...(events !== undefined ? { events } : {}),
        ...(changes.description !== undefined ? { description: changes.description.trim() } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
      },
    });
    if (!updated) throw notFound('webhook');
    await insertAudit(trx, {
      workspaceId: input.workspaceId,
      ...audit(input.actor),
      action: 'webhook.updated',
      targetType: 'webhook_endpoint',
      targetId: input.id,
      details: { url, events, active: changes.active },
    });
    return updated;
  });
}

export async function removeWebhook(
  db: Db,
  input: { workspaceId: string; id: string; actor: Actor },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await deleteWebhookEndpoint(trx, input.workspaceId, input.id))) throw notFound('webhook');
    await insertAudit(trx, {
      workspaceId: input.workspaceId,
      ...audit(input.actor),
      action: 'webhook.deleted',
      targetType: 'webhook_endpoint',
      targetId: input.id,
    });
  });
}

/**
 * Sends a dead (or delivered) delivery again with the same body: a new series of attempts
 * starts at once, under the same retry policy. A pending delivery is already on its way (409).
 */
export async function replayDelivery(
  db: Db,
  input: { workspaceId: string; endpointId: string; deliveryId: string; now: Date },
): Promise<WebhookDeliveryRow> {
  return db.transaction().execute(async (trx) => {
    const delivery = await lockWebhookDelivery(trx, input.workspaceId, input.deliveryId);
    if (!delivery || delivery.endpoint_id !== input.endpointId) throw notFound('delivery');
    if (delivery.status === 'pending')
      throw new AppError('conflict', 'this delivery is still being attempted', { field: 'status' });
    const replays = delivery.replays + 1;
    const replayed = await trx
      .updateTable('webhook_delivery')
      .set({ status: 'pending', attempts: 0, replays, next_attempt_at: input.now })
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', input.deliveryId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await scheduleWebhookAttempt(trx, {
      workspaceId: input.workspaceId,
      deliveryId: delivery.id,
      replays,
      attempt: 1,
      dueAt: input.now,
      now: input.now,
    });
    return replayed;
  });
}

/** Queues a `webhook.test` event to one endpoint, whatever its filter (the "send test" button). */
export async function sendTestEvent(
  db: Db,
  input: { workspaceId: string; endpointId: string; now: Date },
): Promise<WebhookDeliveryRow> {
  return db.transaction().execute(async (trx) => {
    const endpoint = await findWebhookEndpoint(trx, input.workspaceId, input.endpointId);
    if (!endpoint) throw notFound('webhook');
    const id = newId(input.now.getTime());
    const payload = webhookBody({
      id,
      type: 'webhook.test',
      workspaceId: input.workspaceId,
      occurredAt: input.now.toISOString(),
      subject: { type: 'webhook', id: endpoint.id },
      title: 'Test event from Tandem',
      body: 'If you can read this, your endpoint receives and can verify Tandem webhooks.',
      data: {},
    });
    await insertWebhookDelivery(trx, {
      workspaceId: input.workspaceId,
      id,
      endpointId: endpoint.id,
      notificationId: null,
      eventType: 'webhook.test',
      payload,
      now: input.now,
    });
    await scheduleWebhookAttempt(trx, {
      workspaceId: input.workspaceId,
      deliveryId: id,
      replays: 0,
      attempt: 1,
      dueAt: input.now,
      now: input.now,
    });
    return (await lockWebhookDelivery(trx, input.workspaceId, id))!;
  });
}
