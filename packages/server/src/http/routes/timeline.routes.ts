import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../errors.js';
import { visibleAccounts, visibleContacts } from '../../store/access.js';
import { listTimeline } from '../../store/event.repo.js';
import type { EventRow } from '../../store/schema.js';
import { requestViewer } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableUuid = Type.Union([Uuid, Type.Null()]);
const Bag = Type.Record(Type.String(), Type.Unknown());

const TimelineEvent = Type.Object({
  id: Uuid,
  messageId: Type.String(),
  type: Type.Enum(['track', 'page', 'screen', 'identify', 'group', 'alias'] as const),
  name: NullableString,
  occurredAt: Type.String({ format: 'date-time' }),
  receivedAt: Type.String({ format: 'date-time' }),
  anonymousId: NullableString,
  userId: NullableString,
  contactId: NullableUuid,
  accountId: NullableUuid,
  campaignId: NullableUuid,
  groupId: NullableString,
  properties: Bag,
  traits: Bag,
  pageUrl: NullableString,
  referrer: NullableString,
  utm: Type.Object({
    source: NullableString,
    medium: NullableString,
    campaign: NullableString,
    term: NullableString,
    content: NullableString,
  }),
});

const TimelinePage = Type.Object({
  items: Type.Array(TimelineEvent),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

const Query = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

const eventView = (e: EventRow) => ({
  id: e.id,
  messageId: e.message_id,
  type: e.type,
  name: e.name,
  occurredAt: e.occurred_at.toISOString(),
  receivedAt: e.received_at.toISOString(),
  anonymousId: e.anonymous_id,
  userId: e.user_id,
  contactId: e.contact_id,
  accountId: e.account_id,
  campaignId: e.campaign_id,
  groupId: e.group_id,
  properties: e.properties,
  traits: e.traits,
  pageUrl: e.page_url,
  referrer: e.referrer,
  utm: {
    source: e.utm_source,
    medium: e.utm_medium,
    campaign: e.utm_campaign,
    term: e.utm_term,
    content: e.utm_content,
  },
});

/**
 * Activity timelines for reps: a person's events and a whole company's, newest first, including
 * the anonymous visits that were attached once the visitor identified.
 */
export async function timelineRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/contacts/:id/events',
    {
      schema: {
        tags: ['timeline'],
        summary: "A contact's events, newest first",
        description: 'A contact out of your reach answers 404, exactly like one that does not exist.',
        params: Type.Object({ id: Uuid }),
        querystring: Query,
        response: { 200: TimelinePage },
      },
    },
    async (request) => {
      const viewer = requestViewer(request);
      const contact = await visibleContacts(app.deps.db, viewer)
        .select('contact.id')
        .where('contact.id', '=', request.params.id)
        .executeTakeFirst();
      if (!contact) throw notFound('contact');
      const page = await listTimeline(app.deps.db, {
        workspaceId: viewer.workspaceId,
        by: { contactId: contact.id },
        limit: request.query.limit ?? 50,
        cursor: request.query.cursor,
      });
      return { items: page.items.map(eventView), nextCursor: page.nextCursor };
    },
  );

  r.get(
    '/api/v1/accounts/:id/events',
    {
      schema: {
        tags: ['timeline'],
        summary: "A company's events, newest first: every contact's and its anonymous visitors'",
        description: 'An account out of your reach answers 404, exactly like one that does not exist.',
        params: Type.Object({ id: Uuid }),
        querystring: Query,
        response: { 200: TimelinePage },
      },
    },
    async (request) => {
      const viewer = requestViewer(request);
      const account = await visibleAccounts(app.deps.db, viewer)
        .select('account.id')
        .where('account.id', '=', request.params.id)
        .executeTakeFirst();
      if (!account) throw notFound('account');
      const page = await listTimeline(app.deps.db, {
        workspaceId: viewer.workspaceId,
        by: { accountId: account.id },
        limit: request.query.limit ?? 50,
        cursor: request.query.cursor,
      });
      return { items: page.items.map(eventView), nextCursor: page.nextCursor };
    },
  );
}
