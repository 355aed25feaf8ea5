import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  createOpportunity,
  editOpportunity,
  getOpportunity,
  type OpportunityDetail,
  type OpportunityInput,
  removeContactRole,
  setContactRole,
  setPipelineStages,
} from '../../app/opportunities.js';
import { maxCents } from '../../core/csv/columns.js';
import { listVisibleOpportunities, loadPipelineStages } from '../../store/opportunity.repo.js';
import { requestViewer } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Status = Type.Enum(['open', 'won', 'lost']);
const StageKey = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' });

const ContactRoleSchema = Type.Object({
  contactId: Uuid,
  role: Type.String(),
  isPrimary: Type.Boolean(),
  name: Nullable(Type.String({ description: 'The contact’s first and last name' })),
  email: Nullable(Type.String()),
});
const OpportunitySchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  account: Nullable(Type.Object({ id: Uuid, name: Nullable(Type.String()) })),
  amountCents: Type.Integer(),
  currency: Type.String(),
  stage: Type.String(),
  probability: Type.Integer({ description: 'Whole percent' }),
  closeDate: Nullable(Type.String()),
  status: Status,
  closedAt: Nullable(DateTime),
  wonReason: Nullable(Type.String()),
  lostReason: Nullable(Type.String()),
  sourceLeadId: Nullable(Uuid),
  ownerId: Nullable(Uuid),
  partnerId: Nullable(Uuid),
  createdAt: DateTime,
  updatedAt: DateTime,
  contactRoles: Type.Optional(Type.Array(ContactRoleSchema)),
});
const StageSchema = Type.Object({
  key: StageKey,
  name: Type.String({ minLength: 1, maxLength: 80 }),
  probability: Type.Integer({ minimum: 0, maximum: 100 }),
  outcome: Type.Enum(['open', 'won', 'lost']),
});

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  accountId: Type.Optional(Nullable(Uuid)),
  amountCents: Type.Integer({ minimum: 0, maximum: maxCents }),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  stage: Type.Optional(StageKey),
  probability: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 100, description: 'Defaults to the stage’s' }),
  ),
  closeDate: Type.Optional(Nullable(IsoDate)),
  ownerId: Type.Optional(Nullable(Uuid)),
  sourceLeadId: Type.Optional(Nullable(Uuid)),
  status: Type.Optional(Status),
  reason: Type.Optional(Nullable(Type.String({ maxLength: 200, description: 'Why it was won or lost' }))),
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);
type Viewable = Omit<OpportunityDetail, 'contactRoles'> & {
  contactRoles?: OpportunityDetail['contactRoles'];
};
const view = (o: Viewable) => ({
  id: o.id,
  name: o.name,
  account: o.accountId ? { id: o.accountId, name: o.accountName } : null,
  amountCents: o.amountCents,
  currency: o.currency,
  stage: o.stage,
  probability: o.probability,
  closeDate: o.closeDate,
  status: o.status,
  closedAt: iso(o.closedAt),
  wonReason: o.wonReason,
  lostReason: o.lostReason,
  sourceLeadId: o.sourceLeadId,
  ownerId: o.ownerId,
  partnerId: o.partnerId,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
  ...(o.contactRoles ? { contactRoles: o.contactRoles } : {}),
});

const input = (body: Partial<Record<keyof typeof fields, unknown>>): OpportunityInput => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body))
    if (v !== undefined) out[k] = k === 'name' ? String(v).trim() : v;
  return out as OpportunityInput;
};

const sellers = { roles: ['admin', 'sales_manager', 'sales_rep'] as const };
const tags = ['opportunities'];

/** Opportunities (deals) under the record-level access rules of store/access.ts, and the pipeline. */
export async function opportunitiesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/opportunities',
    {
      schema: {
        tags,
        summary: 'Opportunities you may see, newest first',
        description: 'Reps see their own deals, managers their team’s, partners their partner’s.',
        querystring: Type.Object({
          status: Type.Optional(Status),
          accountId: Type.Optional(Uuid),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(OpportunitySchema), nextCursor: Nullable(Type.String()) }),
        },
      },
    },
    async (request) => {
      const page = await listVisibleOpportunities(app.deps.db, requestViewer(request), {
        status: request.query.status,
        accountId: request.query.accountId,
        cursor: request.query.cursor,
        limit: request.query.limit ?? 50,
      });
      return { items: page.items.map(view), nextCursor: page.nextCursor };
    },
  );

  r.post(
    '/api/v1/opportunities',
    {
      config: sellers,
      schema: {
        tags,
        summary: 'Create an opportunity',
        description: 'Without a stage the deal starts in the first open stage; a rep’s deal is their own.',
        body: Type.Object(fields, { additionalProperties: false }),
        response: { 201: OpportunitySchema },
      },
    },
    async (request, reply) => {
      const created = await createOpportunity(app.deps.db, {
        viewer: requestViewer(request),
        fields: input(request.body) as OpportunityInput & { name: string; amountCents: number },
        now: app.deps.clock(),
      });
      return reply.status(201).send(view(created));
    },
  );

  r.get(
    '/api/v1/opportunities/:id',
    {
      schema: {
        tags,
        summary: 'One opportunity with its contact roles',
        params: Type.Object({ id: Uuid }),
        response: { 200: OpportunitySchema },
      },
    },
    async (request) => view(await getOpportunity(app.deps.db, requestViewer(request), request.params.id)),
  );

  r.patch(
    '/api/v1/opportunities/:id',
    {
      config: sellers,
      schema: {
        tags,
        summary: 'Change an opportunity: stage, amount, close date, won or lost with a reason',
        description:
          'Entering a stage sets its probability unless one is given; a won or lost stage (or status) closes the deal, an open one reopens it. A lost deal needs a reason.',
        params: Type.Object({ id: Uuid }),
        body: Type.Partial(Type.Object(fields), { additionalProperties: false }),
        response: { 200: OpportunitySchema },
      },
    },
    async (request) =>
      view(
        await editOpportunity(app.deps.db, {
          viewer: requestViewer(request),
          id: request.params.id,
          changes: input(request.body),
          now: app.deps.clock(),
        }),
      ),
  );

  r.put(
    '/api/v1/opportunities/:id/contact-roles/:contactId',
    {
      config: sellers,
      schema: {
        tags,
        summary: 'Set a contact’s role on an opportunity',
        params: Type.Object({ id: Uuid, contactId: Uuid }),
        body: Type.Object(
          {
            role: Type.String({ minLength: 1, maxLength: 80, description: 'e.g. decision_maker, champion' }),
            isPrimary: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: OpportunitySchema },
      },
    },
    async (request) =>
      view(
        await setContactRole(app.deps.db, {
          viewer: requestViewer(request),
          opportunityId: request.params.id,
          role: {
            contactId: request.params.contactId,
            role: request.body.role,
            isPrimary: request.body.isPrimary ?? false,
          },
          now: app.deps.clock(),
        }),
      ),
  );

  r.delete(
    '/api/v1/opportunities/:id/contact-roles/:contactId',
    {
      config: sellers,
      schema: {
        tags,
        summary: 'Remove a contact from an opportunity',
        params: Type.Object({ id: Uuid, contactId: Uuid }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removeContactRole(app.deps.db, {
        viewer: requestViewer(request),
        opportunityId: request.params.id,
        contactId: request.params.contactId,
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/pipeline-stages',
    {
      schema: {
        tags,
        summary: 'The workspace’s pipeline stages in order',
        response: { 200: Type.Object({ items: Type.Array(StageSchema) }) },
      },
    },
    async (request) => ({ items: await loadPipelineStages(app.deps.db, requestViewer(request).workspaceId) }),
  );

  r.put(
    '/api/v1/pipeline-stages',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: 'Replace the pipeline stages',
        description: 'At least one open stage and exactly one won and one lost stage; keys are unique.',
        body: Type.Object(
          { items: Type.Array(StageSchema, { minItems: 3, maxItems: 30 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(StageSchema) }) },
      },
    },
    async (request) => ({
      items: await setPipelineStages(app.deps.db, requestViewer(request).workspaceId, request.body.items),
    }),
  );
}
