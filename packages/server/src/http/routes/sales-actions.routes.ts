import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { leadStages } from '@tandem/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  acceptLead,
  activityKinds,
  claimLead,
  convertLead,
  logLeadActivity,
  qualifyLeadToSql,
  reassignLead,
  returnLead,
} from '../../app/sales-actions.js';
import { invalid, notFound } from '../../errors.js';
import {
  leadHandoffDetail,
  listInbox,
  listQueue,
  returnedLeads,
  teamHandoffView,
} from '../../store/sla-inbox.repo.js';
import { requestViewer } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const IdParams = Type.Object({ id: Uuid });
const tags = ['hand-off'];

const Transition = Type.Object({
  from: Type.Enum(leadStages),
  to: Type.Enum(leadStages),
  at: DateTime,
  action: Type.String(),
  cause: Type.String(),
  actorId: Type.Union([Uuid, Type.Null()]),
  reasonCode: NullableString,
  note: NullableString,
  contractVersion: Type.Union([Type.Integer(), Type.Null()]),
});
const Outcome = Type.Object({
  leadId: Uuid,
  stage: Type.Enum(leadStages),
  ownerId: Type.Union([Uuid, Type.Null()]),
  transition: Transition,
});
const Clock = Type.Object({
  id: Uuid,
  kind: Type.String(),
  assigneeId: Type.Union([Uuid, Type.Null()]),
  startedAt: DateTime,
  warnAt: DateTime,
  dueAt: DateTime,
  reassignAt: NullableDateTime,
  stoppedAt: NullableDateTime,
  stopCause: NullableString,
  outcome: NullableString,
  escalationLevel: Type.Integer({ description: '0 none, 1 warned, 2 breached (escalated), 3 reassigned' }),
});
const InboxItem = Type.Object({
  id: Uuid,
  stage: Type.Enum(leadStages),
  funnel: Type.String(),
  ownerId: Type.Union([Uuid, Type.Null()], { description: 'Null in the team queue' }),
  fitGrade: NullableString,
  fitPoints: Type.Number(),
  interest: Type.Number(),
  source: NullableString,
  assignedAt: NullableDateTime,
  contact: Type.Object({
    id: Uuid,
    name: NullableString,
    email: NullableString,
    title: NullableString,
  }),
  account: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  clocks: Type.Array(Clock),
  nextDueAt: NullableDateTime,
});
const Reason = Type.Object({
  reasonCode: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'A code from the contract’s reason list',
  }),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});

type Json = Record<string, unknown> | unknown[] | unknown;
/** Dates to ISO strings, deeply, for the response schemas. */
function dates(value: Json): Json {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(dates);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dates(v)]));
  }
  return value;
}
// biome-ignore lint/suspicious/noExplicitAny: the response schema checks the shape.
const out = (value: unknown): any => dates(value);

/** Sales actions on a lead, the rep's inbox, the lead's hand-off page, marketing's and the manager's views. */
export async function salesActionsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = (request: { params: { id: string } }, req: Parameters<typeof requestViewer>[0]) => ({
    db: app.deps.db,
    viewer: requestViewer(req),
    leadId: request.params.id,
    now: app.deps.clock(),
  });
  const conflictNote =
    'An illegal step (another rep already accepted it, the lead moved on, it was reassigned away) answers 409 with the reason in errors[0].code, and nothing changes.';

  r.post(
    '/api/v1/leads/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept an MQL (stops the accept clock)',
        description: `The owner, their manager, or a rep of the team claiming an unowned MQL. ${conflictNote}`,
        params: IdParams,
        response: { 200: Outcome },
      },
    },
    async (request) => out(await acceptLead(base(request, request))),
  );

  for (const type of ['reject', 'recycle', 'disqualify'] as const) {
    r.post(
      `/api/v1/leads/:id/${type}`,
      {
        schema: {
          tags,
          summary:
            type === 'reject'
              ? 'Reject a lead back to marketing (reason and note required)'
              : type === 'recycle'
                ? 'Recycle a lead to marketing’s nurture (reason required)'
                : 'Disqualify a lead (reason required)',
          description: `Stops every clock; the lead re-enters nurture after the contract’s cooldown. ${conflictNote}`,
          params: IdParams,
          body: Reason,
          response: { 200: Outcome },
        },
      },
      async (request) =>
        out(
          await returnLead({
            ...base(request, request),
            type,
            reasonCode: request.body.reasonCode,
            note: request.body.note ?? null,
          }),
        ),
    );
  }

  r.post(
    '/api/v1/leads/:id/qualify',
    {
      schema: {
        tags,
        summary: 'Qualify an accepted lead to SQL',
        description: conflictNote,
        params: IdParams,
        response: { 200: Outcome },
      },
    },
    async (request) => out(await qualifyLeadToSql(base(request, request))),
  );

  r.post(
    '/api/v1/leads/:id/convert',
    {
      schema: {
        tags,
        summary: 'Convert an SQL to an opportunity',
        description: `Opens the opportunity at the lead’s account; the lead’s contact is always on it. ${conflictNote}`,
        params: IdParams,
        body: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 200 })),
          amountCents: Type.Integer({ minimum: 0, maximum: 1e14 }),
          currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
          closeDate: Type.String({ format: 'date' }),
          contactRoles: Type.Optional(
            Type.Array(
              Type.Object({
                contactId: Uuid,
                role: Type.String({ minLength: 1, maxLength: 60 }),
                primary: Type.Optional(Type.Boolean()),
              }),
              { maxItems: 50 },
            ),
          ),
        }),
        response: { 200: Type.Intersect([Outcome, Type.Object({ opportunityId: Uuid })]) },
      },
    },
    async (request) => {
      const body = request.body;
      return out(
        await convertLead({
          ...base(request, request),
          amountCents: body.amountCents,
          closeDate: body.closeDate,
          contactRoles: body.contactRoles ?? [],
          ...(body.name ? { name: body.name } : {}),
          ...(body.currency ? { currency: body.currency } : {}),
        }),
      );
    },
  );

  r.post(
    '/api/v1/leads/:id/activities',
    {
      schema: {
        tags,
        summary: 'Log a call, email, meeting or note',
        description: 'The first call, email or meeting stops the first-touch clock at the time it happened.',
        params: IdParams,
        body: Type.Object({
          kind: Type.Enum(activityKinds),
          occurredAt: Type.Optional(DateTime),
          subject: Type.Optional(Type.String({ maxLength: 300 })),
          note: Type.Optional(Type.String({ maxLength: 5000 })),
        }),
        response: { 201: Type.Object({ id: Uuid, stoppedClocks: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await logLeadActivity({
        ...base(request, request),
        kind: body.kind,
        subject: body.subject ?? null,
        note: body.note ?? null,
        ...(body.occurredAt ? { occurredAt: new Date(body.occurredAt) } : {}),
      });
      return reply.code(201).send(result);
    },
  );

  r.post(
    '/api/v1/leads/:id/reassign',
    {
      schema: {
        tags,
        summary: 'Reassign an open lead (managers and admins)',
        description:
          'To a named rep, or without userId to whoever routing picks next, skipping the current owner. Clocks restart for the new owner.',
        params: IdParams,
        body: Type.Object({ userId: Type.Optional(Uuid) }),
        response: { 200: Type.Object({ assigneeId: Type.Union([Uuid, Type.Null()]) }) },
      },
      config: { roles: ['admin', 'sales_manager'] },
    },
    async (request) =>
      reassignLead({
        ...base(request, request),
        ...(request.body.userId ? { toUserId: request.body.userId } : {}),
      }),
  );

  r.get(
    '/api/v1/leads/:id/handoff',
    {
      schema: {
        tags,
        summary: 'A lead’s stage history, clocks, activities and the account’s other people',
        params: IdParams,
        response: {
          200: Type.Object({
            id: Uuid,
            stage: Type.Enum(leadStages),
            ownerId: Type.Union([Uuid, Type.Null()]),
            assignedAt: NullableDateTime,
            history: Type.Array(
              Type.Object({
                from_stage: Type.Union([Type.Enum(leadStages), Type.Null()]),
                to_stage: Type.Enum(leadStages),
                at: DateTime,
                cause: Type.String(),
                actor_id: Type.Union([Uuid, Type.Null()]),
                reason_code: NullableString,
                note: NullableString,
                contract_version: Type.Union([Type.Integer(), Type.Null()]),
              }),
            ),
            clocks: Type.Array(Clock),
            activities: Type.Array(
              Type.Object({
                id: Uuid,
                kind: Type.String(),
                user_id: Type.Union([Uuid, Type.Null()]),
                occurred_at: DateTime,
                subject: NullableString,
                note: NullableString,
              }),
            ),
            account: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
            accountPeople: Type.Array(
              Type.Object({
                id: Uuid,
                name: NullableString,
                title: NullableString,
                stage: Type.Union([Type.Enum(leadStages), Type.Null()]),
                leadId: Type.Union([Uuid, Type.Null()], { description: 'Their open lead, if any' }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const detail = await leadHandoffDetail(app.deps.db, requestViewer(request), request.params.id);
      if (!detail) throw notFound('lead');
      return out(detail);
    },
  );

  r.get(
    '/api/v1/inbox',
    {
      schema: {
        tags,
        summary: 'Open leads by priority (fit grade, then interest) with their clock deadlines',
        description:
          'A rep’s own leads; managers see their team’s and admins everyone’s (ownerId narrows it).',
        querystring: Type.Object({
          ownerId: Type.Optional(Uuid),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(InboxItem),
          }),
        },
      },
    },
    async (request) => {
      const items = await listInbox(app.deps.db, requestViewer(request), {
        ...(request.query.ownerId ? { ownerId: request.query.ownerId } : {}),
        limit: request.query.limit ?? 100,
      });
      return out({ items });
    },
  );

  r.get(
    '/api/v1/inbox/queue',
    {
      schema: {
        tags,
        summary: 'The team queue: open MQLs nobody owns, by priority',
        description:
          'MQLs routing could not give to anyone (every eligible rep out of office or at capacity). A rep or manager sees the leads queued for their team and those queued for no team; an admin sees all. Claim one with POST /api/v1/leads/{id}/claim.',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(InboxItem) }) },
      },
      config: { roles: ['admin', 'sales_manager', 'sales_rep'] },
    },
    async (request) =>
      out({
        items: await listQueue(app.deps.db, requestViewer(request), { limit: request.query.limit ?? 100 }),
      }),
  );

  r.post(
    '/api/v1/leads/:id/claim',
    {
      schema: {
        tags,
        summary: 'Claim an unowned MQL from the team queue',
        description:
          'Assigns the lead to the caller and starts its accept and first-touch clocks as routing does; the lead stays an MQL until accepted. A lead someone owns answers 409 with errors[0].code already_owned; other refusals: illegal_transition (not an MQL), not_owner (another team’s queue), at_capacity (the caller holds their cap of open leads).',
        params: IdParams,
        response: {
          200: Type.Object({
            leadId: Uuid,
            stage: Type.Enum(leadStages),
            ownerId: Uuid,
            clocks: Type.Array(Type.Object({ id: Uuid, kind: Type.String(), dueAt: DateTime })),
          }),
        },
      },
      config: { roles: ['sales_manager', 'sales_rep'] },
    },
    async (request) => out(await claimLead(base(request, request))),
  );

  r.get(
    '/api/v1/leads/returned',
    {
      schema: {
        tags,
        summary: 'Leads sales rejected, recycled or disqualified, with reasons and counts by reason',
        querystring: Type.Object({
          from: Type.Optional(DateTime),
          to: Type.Optional(DateTime),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                leadId: Uuid,
                leadName: Type.Union([Type.String(), Type.Null()], {
                  description: 'The contact’s name, else email',
                }),
                actorName: Type.Union([Type.String(), Type.Null()], { description: 'Who returned it' }),
                action: Type.String(),
                fromStage: Type.Union([Type.Enum(leadStages), Type.Null()]),
                toStage: Type.Enum(leadStages),
                at: DateTime,
                actorId: Type.Union([Uuid, Type.Null()]),
                reasonCode: NullableString,
                note: NullableString,
                contractVersion: Type.Union([Type.Integer(), Type.Null()]),
                currentStage: Type.Enum(leadStages),
              }),
            ),
            byReason: Type.Array(
              Type.Object({ toStage: Type.String(), reasonCode: Type.String(), count: Type.Integer() }),
            ),
          }),
        },
      },
      config: { roles: ['admin', 'marketing', 'sales_manager'] },
    },
    async (request) => {
      const now = app.deps.clock();
      const to = request.query.to ? new Date(request.query.to) : now;
      const from = request.query.from
        ? new Date(request.query.from)
        : new Date(to.getTime() - 90 * 86_400_000);
      if (from >= to) throw invalid('from', 'must be before to');
      return out(
        await returnedLeads(app.deps.db, requestViewer(request), {
          from,
          to,
          limit: request.query.limit ?? 200,
        }),
      );
    },
  );

  r.get(
    '/api/v1/team/handoff',
    {
      schema: {
        tags,
        summary: 'The manager’s team view: load and clocks per rep, breaches now',
        response: {
          200: Type.Object({
            reps: Type.Array(
              Type.Object({
                id: Uuid,
                name: Type.String(),
                role: Type.String(),
                outOfOffice: Type.Boolean(),
                active: Type.Boolean(),
                load: Type.Object({ mql: Type.Integer(), accepted: Type.Integer(), sql: Type.Integer() }),
                openClocks: Type.Integer(),
                breached: Type.Integer(),
              }),
            ),
            breaches: Type.Array(
              Type.Intersect([
                Type.Object({
                  leadId: Uuid,
                  leadName: Type.Union([Type.String(), Type.Null()], {
                    description: 'The contact’s name, else email',
                  }),
                }),
                Clock,
              ]),
            ),
          }),
        },
      },
      config: { roles: ['admin', 'sales_manager'] },
    },
    async (request) => out(await teamHandoffView(app.deps.db, requestViewer(request), app.deps.clock())),
  );
}
