import type { Executor } from './executor.js';
import type { WebhookDeliveryRow, WebhookDeliveryStatus, WebhookEndpointRow } from './schema.js';

export async function insertWebhookEndpoint(
  db: Executor,
  row: {
    workspaceId: string;
    id: string;
    url: string;
    description: string;
    events: readonly string[];
    secret: string;
    createdBy: string | null;
    now: Date;
  },
): Promise<WebhookEndpointRow> {
  return db
    .insertInto('webhook_endpoint')
    .values({
      workspace_id: row.workspaceId,
      id: row.id,
      url: row.url,
      description: row.description,
      events: [...row.events],
      secret: row.secret,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listWebhookEndpoints(
  db: Executor,
  workspaceId: string,
  options: { activeOnly?: boolean } = {},
): Promise<WebhookEndpointRow[]> {
  let query = db.selectFrom('webhook_endpoint').selectAll().where('workspace_id', '=', workspaceId);
  if (options.activeOnly) query = query.where('active', '=', true);
  return query.orderBy('id').execute();
}

export async function findWebhookEndpoint(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<WebhookEndpointRow | undefined> {
  return db
    .selectFrom('webhook_endpoint')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateWebhookEndpoint(
  db: Executor,
  input: {
    workspaceId: string;
    id: string;
    now: Date;
    changes: { url?: string; description?: string; events?: readonly string[]; active?: boolean };
  },
): Promise<WebhookEndpointRow | undefined> {
  const { changes } = input;
  return db
    .updateTable('webhook_endpoint')
    .set({
      updated_at: input.now,
      ...(changes.url !== undefined ? { url: changes.url } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.events !== undefined ? { events: [...changes.events] } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes an endpoint and its delivery history; true when it existed. */
export async function deleteWebhookEndpoint(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  await db
    .deleteFrom('webhook_delivery')
    .where('workspace_id', '=', workspaceId)
    .where('endpoint_id', '=', id)
    .execute();
  const result = await db
    .deleteFrom('webhook_endpoint')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Adds a delivery; null when this notification already has one for this endpoint. */
export async function insertWebhookDelivery(
  db: Executor,
  row: {
    workspaceId: string;
    id: string;
    endpointId: string;
    notificationId: string | null;
    eventType: string;
    payload: string;
    now: Date;
  },
): Promise<string | null> {
  const inserted = await db
    .insertInto('webhook_delivery')
    .values({
      workspace_id: row.workspaceId,
      id: row.id,
      endpoint_id: row.endpointId,
      notification_id: row.notificationId,
      event_type: row.eventType,
      payload: row.payload,
      next_attempt_at: row.now,
      created_at: row.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function findWebhookDelivery(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<WebhookDeliveryRow | undefined> {
  return db
    .selectFrom('webhook_delivery')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Locks a delivery for the job recording an attempt (two runs never both record). */
export async function lockWebhookDelivery(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<WebhookDeliveryRow | undefined> {
  return db
    .selectFrom('webhook_delivery')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function listWebhookDeliveries(
  db: Executor,
  input: {
    workspaceId: string;
    endpointId: string;
    status?: WebhookDeliveryStatus;
    limit: number;
    before?: string;
  },
): Promise<WebhookDeliveryRow[]> {
  let query = db
    .selectFrom('webhook_delivery')
    .selectAll()
    .where('workspace_id', '=', input.workspaceId)
    .where('endpoint_id', '=', input.endpointId)
    .orderBy('id', 'desc')
    .limit(input.limit);
  if (input.status) query = query.where('status', '=', input.status);
  if (input.before) query = query.where('id', '<', input.before);
  return query.execute();
}

/** The latest delivery of each endpoint (the list's "last delivery" column). */
export async function latestDeliveries(
  db: Executor,
  workspaceId: string,
): Promise<Map<string, WebhookDeliveryRow>> {
  const rows = await db
    .selectFrom('webhook_delivery')
    .selectAll()
    .distinctOn('endpoint_id')
    .where('workspace_id', '=', workspaceId)
    .orderBy('endpoint_id')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.endpoint_id, r]));
}

export async function recordDeliveryAttempt(
  db: Executor,
  input: {
    workspaceId: string;
    id: string;
    status: WebhookDeliveryStatus;
    attempts: number;
    nextAttemptAt: Date | null;
    statusCode: number | null;
    error: string | null;
    deliveredAt: Date | null;
  },
): Promise<void> {
  await db
    .updateTable('webhook_delivery')
    .set({
      status: input.status,
      attempts: input.attempts,
      next_attempt_at: input.nextAttemptAt,
      last_status_code: input.statusCode,
      last_error: input.error?.slice(0, 2000) ?? null,
      delivered_at: input.deliveredAt,
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .execute();
}
