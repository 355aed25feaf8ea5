import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { dryRunRouting } from '../../app/routing.js';
import { setBusinessHours, setRepCapacity, setRoutingRules } from '../../app/routing-settings.js';
import type { RoutingRule } from '../../core/routing/index.js';
import type { BusinessHoursInput } from '../../core/sla/index.js';
import { invalid, notFound } from '../../errors.js';
import { visibleLeads } from '../../store/access.js';
import { insertFunnel, listFunnels } from '../../store/funnel.repo.js';
import { findRoutingConfig, listBusinessHours, listRoutingReps } from '../../store/routing.repo.js';
import { requestViewer } from '../plugins/auth.js';

/**
 * An integer or null in a request body, as one `type` list rather than a union: the validator
 * coerces types, and trying a union's branches in turn it would read null as 0 (or 0 as null).
 */
const NullableInteger = (options: { minimum?: number; maximum?: number; description?: string } = {}) =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], ...options });

const Uuid = Type.String({ format: 'uuid' });
const tags = ['routing'];
const readers = { roles: ['admin', 'marketing', 'sales_manager'] as const };
const adminOnly = { roles: ['admin'] as const };

const Target = Type.Union([
  Type.Object({ kind: Type.Literal('user'), userId: Uuid }),
  Type.Object({ kind: Type.Literal('team'), teamId: Uuid, strategy: Type.Enum(['round_robin', 'weighted']) }),
]);
const Base = {
  id: Type.String({ minLength: 1, maxLength: 60 }),
  name: Type.Optional(Type.String({ maxLength: 120 })),
  enabled: Type.Optional(Type.Boolean()),
  ignoreCapacity: Type.Optional(Type.Boolean()),
};
const Strings = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 2000 });
const Rule = Type.Union([
  Type.Object({ ...Base, kind: Type.Literal('account_owner') }),
  Type.Object({
    ...Base,
    kind: Type.Literal('named_accounts'),
    domains: Type.Optional(Strings),
    accountIds: Type.Optional(Type.Array(Uuid, { maxItems: 2000 })),
    target: Target,
  }),
  Type.Object({
    ...Base,
    kind: Type.Literal('territory'),
    countries: Type.Optional(Strings),
    regions: Type.Optional(Strings),
    target: Target,
  }),
  Type.Object({
    ...Base,
    kind: Type.Literal('segment'),
    minEmployees: Type.Optional(NullableInteger()),
    maxEmployees: Type.Optional(NullableInteger()),
    target: Target,
  }),
  Type.Object({ ...Base, kind: Type.Literal('catch_all'), target: Target }),
]);
const Interval = Type.Object({
  start: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
  end: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
});
const Day = Type.Array(Interval, { maxItems: 12 });
const Hours = Type.Object({
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone, e.g. Europe/Berlin' }),
  week: Type.Object({
    mon: Type.Optional(Day),
    tue: Type.Optional(Day),
    wed: Type.Optional(Day),
    thu: Type.Optional(Day),
    fri: Type.Optional(Day),
    sat: Type.Optional(Day),
    sun: Type.Optional(Day),
  }),
  holidays: Type.Optional(
    Type.Array(
      Type.Object({
        date: Type.String({ format: 'date' }),
        name: Type.Optional(Type.String({ maxLength: 120 })),
        hours: Type.Optional(Day),
      }),
      { maxItems: 2000 },
    ),
  ),
});
const FunnelQuery = Type.Object({
  funnel: Type.Optional(Type.String({ maxLength: 63, default: 'default' })),
});

/** Routing rules per funnel, the dry run, business hours per team, rep capacity, funnels. */
export async function routingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/routing/rules',
    {
      schema: {
        tags,
        summary: 'A funnel’s routing rules, in order',
        querystring: FunnelQuery,
        response: {
          200: Type.Object({
            funnel: Type.String(),
            rules: Type.Array(Rule),
            updatedAt: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
      config: readers,
    },
    async (request) => {
      const funnel = request.query.funnel ?? 'default';
      const config = await findRoutingConfig(app.deps.db, requestViewer(request).workspaceId, funnel);
      return {
        funnel,
        rules: config.rules as Static<typeof Rule>[],
        updatedAt: config.updatedAt?.toISOString() ?? null,
      };
    },
  );

  r.put(
    '/api/v1/routing/rules',
    {
      schema: {
        tags,
        summary: 'Replace a funnel’s routing rules',
        description:
          'Rules are tried in order; the first that matches and finds an eligible rep assigns the lead. Problems name the field, e.g. /rules/2/maxEmployees.',
        querystring: FunnelQuery,
        body: Type.Object({ rules: Type.Array(Rule, { maxItems: 200 }) }),
        response: { 204: Type.Null() },
      },
      config: adminOnly,
    },
    async (request, reply) => {
      const viewer = requestViewer(request);
      await setRoutingRules(app.deps.db, {
        workspaceId: viewer.workspaceId,
        funnel: request.query.funnel ?? 'default',
        rules: request.body.rules as RoutingRule[],
        userId: viewer.userId,
        now: app.deps.clock(),
      });
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/v1/routing/dry-run',
    {
      schema: {
        tags,
        summary: 'Who would get this lead now, and why (nothing is stored)',
        body: Type.Object({
          leadId: Uuid,
          excludeUserIds: Type.Optional(Type.Array(Uuid, { maxItems: 100 })),
        }),
        response: {
          200: Type.Object({
            assigneeId: Type.Union([Uuid, Type.Null()]),
            assigneeName: Type.Union([Type.String(), Type.Null()]),
            ruleId: Type.Union([Type.String(), Type.Null()]),
            explanation: Type.Array(Type.String()),
          }),
        },
      },
      config: readers,
    },
    async (request) => {
      const viewer = requestViewer(request);
      const visible = await visibleLeads(app.deps.db, viewer)
        .select('lead.id')
        .where('lead.id', '=', request.body.leadId)
        .executeTakeFirst();
      if (!visible) throw notFound('lead');
      const result = await dryRunRouting(app.deps.db, viewer.workspaceId, request.body.leadId, {
        excludeUserIds: request.body.excludeUserIds ?? [],
      });
      if (!result) throw notFound('lead');
      return result;
    },
  );

  r.get(
    '/api/v1/business-hours',
    {
      schema: {
        tags,
        summary: 'Business hours per team (teamId null: the workspace’s fallback)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                teamId: Type.Union([Uuid, Type.Null()]),
                hours: Hours,
                updatedAt: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const rows = await listBusinessHours(app.deps.db, requestViewer(request).workspaceId);
      return {
        items: rows.map((r) => ({
          ...r,
          hours: r.hours as Static<typeof Hours>,
          updatedAt: r.updatedAt.toISOString(),
        })),
      };
    },
  );

  r.put(
    '/api/v1/business-hours/:team',
    {
      schema: {
        tags,
        summary: 'Set a team’s business hours (`default` for the workspace’s fallback)',
        description:
          'SLA clocks run on the responsible team’s hours: time zone, working days and hours, holidays and half-days.',
        params: Type.Object({ team: Type.Union([Uuid, Type.Literal('default')]) }),
        body: Hours,
        response: { 204: Type.Null() },
      },
      config: adminOnly,
    },
    async (request, reply) => {
      await setBusinessHours(app.deps.db, {
        workspaceId: requestViewer(request).workspaceId,
        teamId: request.params.team === 'default' ? null : request.params.team,
        hours: request.body as BusinessHoursInput,
        now: app.deps.clock(),
      });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/routing/capacity',
    {
      schema: {
        tags,
        summary: 'Reps with their capacity cap, weight, open-lead load and out-of-office flag',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                userId: Uuid,
                name: Type.String(),
                teamId: Type.Union([Uuid, Type.Null()]),
                active: Type.Boolean(),
                outOfOffice: Type.Boolean(),
                capacity: Type.Union([Type.Integer(), Type.Null()]),
                weight: Type.Number(),
                load: Type.Integer(),
              }),
            ),
          }),
        },
      },
      config: readers,
    },
    async (request) => {
      const { reps, load } = await listRoutingReps(app.deps.db, requestViewer(request).workspaceId);
      return {
        items: reps.map((rep) => ({
          userId: rep.id,
          name: rep.name ?? '',
          teamId: rep.teamId,
          active: rep.active,
          outOfOffice: rep.outOfOffice,
          capacity: rep.capacity,
          weight: rep.weight ?? 1,
          load: load[rep.id] ?? 0,
        })),
      };
    },
  );

  r.put(
    '/api/v1/routing/capacity/:userId',
    {
      schema: {
        tags,
        summary: 'Set a rep’s capacity cap (null: none) and weight',
        description: 'Out-of-office is set on the user (PATCH /api/v1/users/{id}, outOfOffice).',
        params: Type.Object({ userId: Uuid }),
        body: Type.Object({
          capacity: NullableInteger({ minimum: 0, maximum: 100_000, description: 'null: no cap' }),
          weight: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 1 })),
        }),
        response: { 204: Type.Null() },
      },
      config: { roles: ['admin', 'sales_manager'] },
    },
    async (request, reply) => {
      const viewer = requestViewer(request);
      if (viewer.role === 'sales_manager') {
        const member = await app.deps.db
          .selectFrom('app_user')
          .select('team_id')
          .where('workspace_id', '=', viewer.workspaceId)
          .where('id', '=', request.params.userId)
          .executeTakeFirst();
        if (!member || member.team_id !== viewer.teamId) throw notFound('user');
      }
      await setRepCapacity(app.deps.db, {
        workspaceId: viewer.workspaceId,
        userId: request.params.userId,
        capacity: request.body.capacity,
        weight: request.body.weight ?? 1,
        now: app.deps.clock(),
      });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/funnels',
    {
      schema: {
        tags,
        summary: 'The workspace’s funnels',
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })) }),
        },
      },
    },
    async (request) => ({ items: await listFunnels(app.deps.db, requestViewer(request).workspaceId) }),
  );

  r.post(
    '/api/v1/funnels',
    {
      schema: {
        tags,
        summary: 'Add a funnel (e.g. one per product line); a contact has one open lead per funnel',
        body: Type.Object({
          key: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' }),
          name: Type.String({ minLength: 1, maxLength: 120 }),
        }),
        response: { 201: Type.Object({ key: Type.String(), name: Type.String() }) },
      },
      config: adminOnly,
    },
    async (request, reply) => {
      const created = await insertFunnel(app.deps.db, {
        workspaceId: requestViewer(request).workspaceId,
        key: request.body.key,
        name: request.body.name,
        now: app.deps.clock(),
      });
      if (!created || request.body.key === 'default') throw invalid('/key', 'a funnel with this key exists');
      return reply.code(201).send(request.body);
    },
  );
}
