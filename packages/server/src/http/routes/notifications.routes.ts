import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { subjectPath } from '../../core/notifications/render-email.js';
import { AppError } from '../../errors.js';
import {
  type InboxItem,
  inboxSince,
  listInbox,
  markRead,
  unreadCount,
} from '../../store/notification.repo.js';
import { principalOf } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });

const Notification = Type.Object({
  id: Uuid,
  type: Type.String({ description: 'lead.mql, lead.assigned, sla.warning, sla.breached, request.* …' }),
  subject: Type.Object({ type: Type.String(), id: Type.String() }),
  title: Type.String(),
  body: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  occurredAt: DateTime,
  readAt: Type.Union([DateTime, Type.Null()]),
  link: Type.String({ description: 'Path of the subject in the web app, e.g. /leads/<id>' }),
});
const ReadResult = Type.Object({ updated: Type.Integer(), unreadCount: Type.Integer() });

/** A notification as its recipient sees it (also the data of a stream event). */
export function notificationView(n: InboxItem) {
  return {
    id: n.id,
    type: n.type,
    subject: { type: n.subject_type, id: n.subject_id },
    title: n.title,
    body: n.body,
    data: n.data,
    occurredAt: n.occurred_at.toISOString(),
    readAt: n.read_at ? n.read_at.toISOString() : null,
    link: subjectPath({ type: n.subject_type, id: n.subject_id }),
  };
}

/** The inbox belongs to a person: a secret key has none. */
function inboxOwner(request: FastifyRequest): { workspaceId: string; userId: string } {
  const principal = principalOf(request);
  if (principal.kind !== 'user')
    throw new AppError('forbidden', 'notifications belong to users; log in to read yours');
  return { workspaceId: principal.workspaceId, userId: principal.userId };
}

/** A stream lasts this long, then the browser reconnects (and the session is checked again). */
const streamLifetimeMs = 15 * 60_000;
const heartbeatMs = 20_000;
const catchUpLimit = 200;

/** The signed-in user's notifications: inbox, read marks and a live stream (server-sent events). */
export async function notificationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with the unread count',
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          unread: Type.Optional(Type.Boolean({ description: 'Only unread ones' })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Notification),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            unreadCount: Type.Integer(),
          }),
        },
      },
    },
    async (request) => {
      const owner = inboxOwner(request);
      const page = await listInbox(app.deps.db, {
        ...owner,
        limit: request.query.limit ?? 20,
        ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
        ...(request.query.unread ? { unreadOnly: true } : {}),
      });
      return {
        items: page.items.map(notificationView),
        nextCursor: page.nextCursor,
        unreadCount: await unreadCount(app.deps.db, owner.workspaceId, owner.userId),
      };
    },
  );

  r.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark some of my notifications read',
        body: Type.Object(
          { ids: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) },
          { additionalProperties: false },
        ),
        response: { 200: ReadResult },
      },
    },
    async (request) => {
      const owner = inboxOwner(request);
      const updated = await markRead(app.deps.db, { ...owner, ids: request.body.ids, now: app.deps.clock() });
      return { updated, unreadCount: await unreadCount(app.deps.db, owner.workspaceId, owner.userId) };
    },
  );

  r.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: { 200: ReadResult },
      },
    },
    async (request) => {
      const owner = inboxOwner(request);
      const updated = await markRead(app.deps.db, { ...owner, now: app.deps.clock() });
      return { updated, unreadCount: 0 };
    },
  );

  r.get(
    '/api/v1/notifications/stream',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Live notifications (text/event-stream)',
        description:
          'Server-sent events: `event: notification` with the notification as `data` and its id as the event id, ' +
          'and `: heartbeat` comments. A reconnect with `Last-Event-ID` first receives what it missed.',
        headers: Type.Object({ 'last-event-id': Type.Optional(Uuid) }),
      },
    },
    async (request, reply) => {
      const owner = inboxOwner(request);
      const raw = reply.raw;
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const sent = new Set<string>();
      let open = true;
      const send = async (item: InboxItem) => {
        if (!open || sent.has(item.id)) return;
        sent.add(item.id);
        const unread = await unreadCount(app.deps.db, owner.workspaceId, owner.userId);
        if (!open) return;
        const data = JSON.stringify({ notification: notificationView(item), unreadCount: unread });
        raw.write(`id: ${item.id}\nevent: notification\ndata: ${data}\n\n`);
      };
      const end = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        raw.end();
      };
      const unsubscribe = app.liveHub.subscribe({
        ...owner,
        push: (item) => {
          send(item).catch(end);
        },
        end,
      });
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs);
      const lifetime = setTimeout(end, streamLifetimeMs);
      request.raw.on('close', end);
      raw.write('retry: 3000\n: connected\n\n');
      const lastEventId = request.headers['last-event-id'];
      if (typeof lastEventId === 'string') {
        const missed = await inboxSince(app.deps.db, { ...owner, afterId: lastEventId, limit: catchUpLimit });
        for (const item of missed) await send(item);
      }
    },
  );
}
