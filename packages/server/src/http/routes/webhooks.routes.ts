import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { notificationTypes } from '../../app/notifications/notify.js';
import {
  changeWebhook,
  createWebhook,
  removeWebhook,
  replayDelivery,
  sendTestEvent,
} from '../../app/notifications/webhooks.js';
import { notFound } from '../../errors.js';
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../../store/schema.js';
import {
  findWebhookEndpoint,
  latestDeliveries,
  listWebhookDeliveries,
  listWebhookEndpoints,
} from '../../store/webhook.repo.js';
import { actorOf, principalOf } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const IdParams = Type.Object({ id: Uuid });
const DeliveryStatus = Type.Enum(['pending', 'delivered', 'dead']);

const Delivery = Type.Object({
  id: Uuid,
  endpointId: Uuid,
  notificationId: Type.Union([Uuid, Type.Null()]),
  eventType: Type.String(),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  replays: Type.Integer(),
  nextAttemptAt: NullableDateTime,
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  deliveredAt: NullableDateTime,
  payload: Type.String({ description: 'The exact JSON body sent and signed' }),
});
const Endpoint = Type.Object({
  id: Uuid,
  url: Type.String(),
  description: Type.String(),
  events: Type.Array(Type.String()),
  active: Type.Boolean(),
  createdAt: DateTime,
  lastDelivery: Type.Union([Delivery, Type.Null()]),
});
const CreatedEndpoint = Type.Object({
  ...Endpoint.properties,
  secret: Type.String({
    description: 'The signing secret. Shown only in this answer: store it where your receiver can read it.',
  }),
});
const Events = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: 50,
  description: 'Event types (lead.mql), prefix wildcards (request.*) or * for all',
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const deliveryView = (d: WebhookDeliveryRow) => ({
  id: d.id,
  endpointId: d.endpoint_id,
  notificationId: d.notification_id,
  eventType: d.event_type,
  status: d.status,
  attempts: d.attempts,
  replays: d.replays,
  nextAttemptAt: iso(d.next_attempt_at),
  lastStatusCode: d.last_status_code,
  lastError: d.last_error,
  createdAt: d.created_at.toISOString(),
  deliveredAt: iso(d.delivered_at),
  payload: d.payload,
});

/** Never the secret: endpoints leave the server through this shape (creation adds it once). */
const endpointView = (e: WebhookEndpointRow, last: WebhookDeliveryRow | undefined) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  active: e.active,
  createdAt: e.created_at.toISOString(),
  lastDelivery: last ? deliveryView(last) : null,
});

const adminOnly = { roles: ['admin'] as const };

/** Outbound webhooks: admin-only endpoints, their deliveries, dead letters and replays. */
export async function webhooksRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const policy = () => ({ allowPrivate: app.deps.config.webhookAllowPrivate });

  r.get(
    '/api/v1/webhooks/event-types',
    {
      config: adminOnly,
      schema: {
        tags: ['webhooks'],
        summary: 'Event types a webhook can subscribe to',
        response: { 200: Type.Object({ items: Type.Array(Type.String()) }) },
      },
    },
    async () => ({ items: [...notificationTypes] }),
  );

  r.get(
    '/api/v1/webhooks',
    {
      config: adminOnly,
      schema: {
        tags: ['webhooks'],
        summary: 'Webhook endpoints with their latest delivery (admin)',
        response: { 200: Type.Object({ items: Type.Array(Endpoint) }) },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const [endpoints, latest] = await Promise.all([
        listWebhookEndpoints(app.deps.db, workspaceId),
        latestDeliveries(app.deps.db, workspaceId),
      ]);
      return { items: endpoints.map((e) => endpointView(e, latest.get(e.id))) };
    },
  );

  r.post(
    '/api/v1/webhooks',
    {
      config: adminOnly,
      schema: {
        tags: ['webhooks'],
        summary: 'Create a webhook endpoint (admin); the signing secret is shown once',
        description:
          'Loopback, private, link-local and other non-public addresses are refused (400, field /url) ' +
          'unless TANDEM_WEBHOOK_ALLOW_PRIVATE is set.',
        body: Type.Object(
          {
            url: Type.String({ minLength: 1, maxLength: 2000 }),
            events: Events,
            description: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: CreatedEndpoint },
      },
    },
    async (request, reply) => {
      const { endpoint, secret } = await createWebhook(app.deps.db, {
        workspaceId: principalOf(request).workspaceId,
        url: request.body.url,
        events: request.body.events,
        ...(request.body.description !== undefined ? { description: request.body.description } : {}),
        actor: actorOf(request),
        now: app.deps.clock(),
        policy: policy(),
      });
      return reply.status(201).send({ ...endpointView(endpoint, undefined), secret });
    },
  );

  r.patch(
    '/api/v1/webhooks/:id',
    {
      config: adminOnly,
      schema: {
        tags: ['webhooks'],
        summary: 'Change a webhook endpoint: URL, events, description, active (admin)',
        params: IdParams,
        body: Type.Object(
          {
            url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
            events: Type.Optional(Events),
            description: Type.Optional(Type.String({ maxLength: 500 })),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Endpoint },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const { url, events, description, active } = request.body;
      const endpoint = await changeWebhook(app.deps.db, {
        workspaceId,
        id: request.params.id,
        changes: {
          ...(url !== undefined ? { url } : {}),
          ...(events !== undefined ? { events } : {}),
          ...(description !== undefined ? { description } : {}),
          ...(active !== undefined ? { active } : {}),
        },
        actor: actorOf(request),
        now: app.deps.clock(),
        policy: policy(),
      });
      const latest = await latestDeliveries(app.deps.db, workspaceId);
      return endpointView(endpoint, latest.get(endpoint.id));
    },
  );

  r.delete(
    '/api/v1/webhooks/:id',
    {
      config: adminOnly,
      schema: {
        tags: ['webhooks'],
        summary: 'Delete a webhook endpoint and its deliveries (admin)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      await removeWebhook(app.deps.db, {
        workspaceId: principalOf(request).workspaceId,
        id: request.params.id,
        actor: actorOf(request),
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      config: adminOnly,
      schema: {
        tags: ['webhooks'],
        summary: "An endpoint's deliveries, newest first; status=dead lists the dead letters (admin)",
        params: IdParams,
        querystring: Type.Object({
          status: Type.Optional(DeliveryStatus),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          before: Type.Optional(Uuid),
        }),
        response: { 200: Type.Object({ items: Type.Array(Delivery) }) },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      if (!(await findWebhookEndpoint(app.deps.db, workspaceId, request.params.id)))
        throw notFound('webhook');
      const rows = await listWebhookDeliveries(app.deps.db, {
        workspaceId,
        endpointId: request.params.id,
        limit: request.query.limit ?? 50,
        ...(request.query.status ? { status: request.query.status } : {}),
        ...(request.query.before ? { before: request.query.before } : {}),
      });
      return { items: rows.map(deliveryView) };
    },
  );

  r.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/replay',
    {
      config: adminOnly,
      schema: {
        tags: ['webhooks'],
        summary: 'Send a dead or delivered delivery again, same body (admin)',
        params: Type.Object({ id: Uuid, deliveryId: Uuid }),
        response: { 202: Delivery },
      },
    },
    async (request, reply) => {
      const delivery = await replayDelivery(app.deps.db, {
        workspaceId: principalOf(request).workspaceId,
        endpointId: request.params.id,
        deliveryId: request.params.deliveryId,
        now: app.deps.clock(),
      });
      return reply.status(202).send(deliveryView(delivery));
    },
  );

  r.post(
    '/api/v1/webhooks/:id/test',
    {
      config: adminOnly,
      schema: {
        tags: ['webhooks'],
        summary: 'Queue a webhook.test event to this endpoint (admin)',
        params: IdParams,
        response: { 202: Delivery },
      },
    },
    async (request, reply) => {
      const delivery = await sendTestEvent(app.deps.db, {
        workspaceId: principalOf(request).workspaceId,
        endpointId: request.params.id,
        now: app.deps.clock(),
      });
      return reply.status(202).send(deliveryView(delivery));
    },
  );
}
