import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { answerRequest, createRequest, requestKinds } from '../../app/requests.js';
import { notFound } from '../../errors.js';
import { listRequests, visibleRequests } from '../../store/request.repo.js';
import type { MarketingRequestRow, SlaClockRow } from '../../store/schema.js';
import { userNames } from '../../store/sla-inbox.repo.js';
import { requestViewer } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const NullableUuid = Type.Union([Uuid, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const statuses = ['open', 'accepted', 'delivered', 'declined'] as const;
const tags = ['requests'];

const Request = Type.Object({
  id: Uuid,
  kind: Type.Enum(requestKinds),
  title: Type.String(),
  detail: NullableString,
  status: Type.Enum(statuses),
  requestedBy: NullableUuid,
  requestedByName: Type.Union([Type.String(), Type.Null()], { description: 'Who asked' }),
  assigneeName: Type.Union([Type.String(), Type.Null()], { description: 'Who in marketing took it' }),
  teamId: NullableUuid,
  assigneeId: NullableUuid,
  leadId: NullableUuid,
  accountId: NullableUuid,
  opportunityId: NullableUuid,
  declineReason: NullableString,
  resolutionNote: NullableString,
  createdAt: DateTime,
  acceptedAt: NullableDateTime,
  deliveredAt: NullableDateTime,
  declinedAt: NullableDateTime,
  clock: Type.Union([
    Type.Object({
      dueAt: DateTime,
      warnAt: DateTime,
      stoppedAt: NullableDateTime,
      outcome: NullableString,
      escalationLevel: Type.Integer(),
    }),
    Type.Null(),
  ]),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
function view(r: MarketingRequestRow, clock: SlaClockRow | undefined, names: Map<string, string>) {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    detail: r.detail,
    status: r.status,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by ? (names.get(r.requested_by) ?? null) : null,
    assigneeName: r.assignee_id ? (names.get(r.assignee_id) ?? null) : null,
    teamId: r.team_id,
    assigneeId: r.assignee_id,
    leadId: r.lead_id,
    accountId: r.account_id,
    opportunityId: r.opportunity_id,
    declineReason: r.decline_reason,
    resolutionNote: r.resolution_note,
    createdAt: r.created_at.toISOString(),
    acceptedAt: iso(r.accepted_at),
    deliveredAt: iso(r.delivered_at),
    declinedAt: iso(r.declined_at),
    clock: clock
      ? {
          dueAt: clock.due_at.toISOString(),
          warnAt: clock.warn_at.toISOString(),
          stoppedAt: iso(clock.stopped_at),
          outcome: clock.outcome,
          escalationLevel: clock.escalation_level,
        }
      : null,
  };
}

/** Requests from sales to marketing: create, the board, and marketing's answers. */
export async function requestsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const withClocks = async (workspaceId: string, rows: MarketingRequestRow[]) => {
    const clocks =
      rows.length === 0
        ? []
        : await app.deps.db
            .selectFrom('sla_clock')
            .selectAll()
            .where('workspace_id', '=', workspaceId)
            .where('subject_type', '=', 'request')
            .where(
              'subject_id',
              'in',
              rows.map((x) => x.id),
            )
            .execute();
    const names = await userNames(
      app.deps.db,
      workspaceId,
      rows.flatMap((x) => [x.requested_by, x.assignee_id]),
    );
    return rows.map((row) =>
      view(
        row,
        clocks.find((c) => c.subject_id === row.id),
        names,
      ),
    );
  };

  r.post(
    '/api/v1/requests',
    {
      schema: {
        tags,
        summary: 'Ask marketing for a campaign, an asset, event support or help on a deal',
        description:
          'Starts marketing’s clock (the contract’s marketingRequestHours on the marketing team’s hours).',
        body: Type.Object({
          kind: Type.Enum(requestKinds),
          title: Type.String({ minLength: 1, maxLength: 200 }),
          detail: Type.Optional(Type.String({ maxLength: 5000 })),
          leadId: Type.Optional(Uuid),
          accountId: Type.Optional(Uuid),
          opportunityId: Type.Optional(Uuid),
        }),
        response: { 201: Request },
      },
      config: { roles: ['admin', 'sales_rep', 'sales_manager'] },
    },
    async (request, reply) => {
      const viewer = requestViewer(request);
      const row = await createRequest(app.deps.db, { viewer, now: app.deps.clock(), ...request.body });
      return reply.code(201).send((await withClocks(viewer.workspaceId, [row]))[0]!);
    },
  );

  r.get(
    '/api/v1/requests',
    {
      schema: {
        tags,
        summary: 'The requests board: newest first, filter by status, with marketing’s clock',
        description: 'Marketing and admins see every request; reps their own; managers their team’s.',
        querystring: Type.Object({
          status: Type.Optional(Type.Array(Type.Enum(statuses))),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(Request) }) },
      },
    },
    async (request) => {
      const viewer = requestViewer(request);
      const rows = await listRequests(app.deps.db, viewer, {
        ...(request.query.status ? { statuses: request.query.status } : {}),
        limit: request.query.limit ?? 200,
      });
      return { items: await withClocks(viewer.workspaceId, rows) };
    },
  );

  r.get(
    '/api/v1/requests/:id',
    {
      schema: { tags, summary: 'One request', params: Type.Object({ id: Uuid }), response: { 200: Request } },
    },
    async (request) => {
      const viewer = requestViewer(request);
      const row = await visibleRequests(app.deps.db, viewer)
        .selectAll('marketing_request')
        .where('marketing_request.id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw notFound('request');
      return (await withClocks(viewer.workspaceId, [row]))[0]!;
    },
  );

  for (const move of ['accept', 'deliver', 'decline'] as const) {
    r.post(
      `/api/v1/requests/:id/${move}`,
      {
        schema: {
          tags,
          summary:
            move === 'accept'
              ? 'Marketing takes a request (its clock keeps running)'
              : move === 'deliver'
                ? 'Marketing delivers a request (stops the clock)'
                : 'Marketing declines a request with a reason (stops the clock)',
          description: 'A request past this step answers 409 with the reason; nothing changes.',
          params: Type.Object({ id: Uuid }),
          body: Type.Object({
            note: Type.Optional(Type.String({ maxLength: 5000 })),
            reason:
              move === 'decline'
                ? Type.String({ minLength: 1, maxLength: 500 })
                : Type.Optional(Type.String({ maxLength: 500 })),
          }),
          response: { 200: Request },
        },
        config: { roles: ['admin', 'marketing'] },
      },
      async (request) => {
        const viewer = requestViewer(request);
        const row = await answerRequest(app.deps.db, {
          viewer,
          now: app.deps.clock(),
          requestId: request.params.id,
          move,
          note: request.body.note ?? null,
          reason: request.body.reason ?? null,
        });
        return (await withClocks(viewer.workspaceId, [row]))[0]!;
      },
    );
  }
}
