import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { deleteTemplate, previewTemplate, saveTemplate } from '../../app/nurture/programs.js';
import { recordReply } from '../../app/nurture/tracking.js';
import { templateVariables } from '../../core/nurture/template.js';
import { invalid, notFound } from '../../errors.js';
import {
  findTemplate,
  listSuppressions,
  listTemplates,
  removeSuppression,
  suppressAddress,
} from '../../store/nurture.repo.js';
import type { EmailTemplateRow } from '../../store/schema.js';
import { actorOf, principalOf } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const IdParams = Type.Object({ id: Uuid });
const tags = ['nurture'];

const Template = Type.Object({
  id: Uuid,
  name: Type.String(),
  subject: Type.String(),
  html: Type.String(),
  text: Type.String(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
const TemplateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    subject: Type.String({ minLength: 1, maxLength: 300 }),
    html: Type.String({ maxLength: 200_000 }),
    text: Type.String({ maxLength: 100_000 }),
  },
  { additionalProperties: false },
);

const Suppression = Type.Object({
  email: Type.String(),
  reason: Type.Enum(['unsubscribe', 'bounce', 'manual']),
  note: Type.Union([Type.String(), Type.Null()]),
  at: DateTime,
});

const templateView = (t: EmailTemplateRow) => ({
  id: t.id,
  name: t.name,
  subject: t.subject,
  html: t.html,
  text: t.text,
  createdAt: t.created_at.toISOString(),
  updatedAt: t.updated_at.toISOString(),
});

const editors = { roles: ['admin', 'marketing'] as const };
const readers = { roles: ['admin', 'marketing', 'sales_manager', 'sales_rep'] as const };

/**
 * Nurture email templates with their preview, the suppression list and the inbound reply hook.
 * Admins and marketing edit; sales read templates.
 */
export async function nurtureMailRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ws = (request: Parameters<typeof principalOf>[0]) => principalOf(request).workspaceId;
  const db = () => app.deps.db;

  r.get(
    '/api/v1/nurture/templates',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Email templates, and the variables they may use',
        response: {
          200: Type.Object({ items: Type.Array(Template), variables: Type.Array(Type.String()) }),
        },
      },
    },
    async (request) => ({
      items: (await listTemplates(db(), ws(request))).map(templateView),
      variables: [...templateVariables],
    }),
  );

  r.post(
    '/api/v1/nurture/templates',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Create an email template',
        description:
          'Variables: {{contact.firstName}}, {{contact.lastName}}, {{contact.email}}, {{contact.title}}, {{account.name}}, {{rep.name}}, {{rep.email}}; with a default: {{contact.firstName | "there"}}. Values are HTML-escaped in the HTML part. An unknown variable is refused (400, the field names the part).',
        body: TemplateBody,
        response: { 201: Template },
      },
    },
    async (request, reply) => {
      const row = await saveTemplate(db(), {
        workspaceId: ws(request),
        id: null,
        fields: { ...request.body, name: request.body.name.trim() },
        actor: actorOf(request),
        now: app.deps.clock(),
      });
      return reply.status(201).send(templateView(row));
    },
  );

  r.get(
    '/api/v1/nurture/templates/:id',
    {
      config: readers,
      schema: { tags, summary: 'One email template', params: IdParams, response: { 200: Template } },
    },
    async (request) => {
      const row = await findTemplate(db(), ws(request), request.params.id);
      if (!row) throw notFound('template');
      return templateView(row);
    },
  );

  r.put(
    '/api/v1/nurture/templates/:id',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Replace an email template',
        params: IdParams,
        body: TemplateBody,
        response: { 200: Template },
      },
    },
    async (request) =>
      templateView(
        await saveTemplate(db(), {
          workspaceId: ws(request),
          id: request.params.id,
          fields: { ...request.body, name: request.body.name.trim() },
          actor: actorOf(request),
          now: app.deps.clock(),
        }),
      ),
  );

  r.delete(
    '/api/v1/nurture/templates/:id',
    { config: editors, schema: { tags, summary: 'Delete a template no program uses', params: IdParams } },
    async (request, reply) => {
      await deleteTemplate(db(), {
        workspaceId: ws(request),
        id: request.params.id,
        actor: actorOf(request),
      });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/nurture/templates/:id/preview',
    {
      config: editors,
      schema: {
        tags,
        summary:
          'Render a template for a lead or a contact (without tracking); lists variables with no value',
        params: IdParams,
        body: Type.Object(
          { leadId: Type.Optional(Uuid), contactId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            to: Type.Union([Type.String(), Type.Null()]),
            subject: Type.String(),
            html: Type.String(),
            text: Type.String(),
            missing: Type.Array(Type.String()),
            unknown: Type.Array(Type.String()),
          }),
        },
      },
    },
    async (request) =>
      previewTemplate(db(), {
        workspaceId: ws(request),
        templateId: request.params.id,
        ...(request.body.leadId ? { leadId: request.body.leadId } : {}),
        ...(request.body.contactId ? { contactId: request.body.contactId } : {}),
      }),
  );

  r.get(
    '/api/v1/nurture/suppressions',
    {
      config: editors,
      schema: {
        tags,
        summary: 'The suppression list: addresses nurture never emails, by address',
        querystring: Type.Object({
          search: Type.Optional(Type.String({ maxLength: 200 })),
          after: Type.Optional(Type.String({ maxLength: 320 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(Suppression) }) },
      },
    },
    async (request) => {
      const rows = await listSuppressions(db(), {
        workspaceId: ws(request),
        limit: request.query.limit ?? 100,
        ...(request.query.after ? { after: request.query.after } : {}),
        ...(request.query.search ? { search: request.query.search } : {}),
      });
      return {
        items: rows.map((s) => ({ email: s.email, reason: s.reason, note: s.note, at: s.at.toISOString() })),
      };
    },
  );

  r.post(
    '/api/v1/nurture/suppressions',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Suppress an address by hand; its enrollments end at their next step',
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 320 }),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Suppression, 200: Suppression },
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid('/email', 'is not an email address');
      const now = app.deps.clock();
      const added = await suppressAddress(db(), {
        workspaceId: ws(request),
        email,
        reason: 'manual',
        note: request.body.note ?? null,
        at: now,
      });
      const row = await db()
        .selectFrom('email_suppression')
        .selectAll()
        .where('workspace_id', '=', ws(request))
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      return reply
        .status(added ? 201 : 200)
        .send({ email: row.email, reason: row.reason, note: row.note, at: row.at.toISOString() });
    },
  );

  r.delete(
    '/api/v1/nurture/suppressions/:email',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Remove an address from the suppression list (ended enrollments stay ended)',
        params: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }),
      },
    },
    async (request, reply) => {
      if (!(await removeSuppression(db(), ws(request), request.params.email))) throw notFound('suppression');
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/nurture/replies',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Report a reply to a nurture email (inbound mail hook): the contact leaves its programs',
        description:
          'messageId is the Message-ID the reply answers (its In-Reply-To header), e.g. <0195…@tandem.example.com>.',
        body: Type.Object(
          { messageId: Type.String({ minLength: 3, maxLength: 500 }) },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ matched: Type.Boolean() }) },
      },
    },
    async (request, reply) => {
      const matched = await db()
        .transaction()
        .execute((trx) =>
          recordReply(trx, {
            workspaceId: ws(request),
            messageId: request.body.messageId,
            now: app.deps.clock(),
          }),
        );
      return reply.status(202).send({ matched });
    },
  );
}
