import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Role } from '@tandem/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { createGoal, editGoal, getGoal, goalPlan, listGoals, removeGoal } from '../../app/goals.js';
import { mainStages } from '../../core/funnel/index.js';
import type { Goal, GoalFields } from '../../store/goal.repo.js';
import { requestViewer } from '../plugins/auth.js';
import { answer, Format } from '../report-export.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const NullableNumber = Nullable(Type.Number());
const tags = ['goals'];
const readers = { roles: ['admin', 'marketing', 'sales_manager', 'sales_rep'] satisfies Role[] };
const editors = { roles: ['admin', 'marketing', 'sales_manager'] satisfies Role[] };

const fieldsSchema = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  periodStart: Type.String({ format: 'date', description: 'First day of the period' }),
  periodEnd: Type.String({ format: 'date', description: 'Last day of the period (inclusive)' }),
  targetCents: Type.Integer({ minimum: 0, maximum: 1e15, description: 'Revenue target in cents' }),
  currency: Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' }),
  funnel: Nullable(Type.String({ minLength: 1, maxLength: 64, description: 'A funnel key; null for all' })),
};
const GoalSchema = Type.Object({
  id: Uuid,
  ...fieldsSchema,
  createdBy: Nullable(Uuid),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const view = (g: Goal) => ({
  ...g,
  createdAt: g.createdAt.toISOString(),
  updatedAt: g.updatedAt.toISOString(),
});

const Pace = Type.Object({
  actual: Type.Number(),
  required: NullableNumber,
  expectedByNow: Nullable(Type.Number({ description: 'required × the elapsed share of the period' })),
  onTrack: Nullable(Type.Boolean()),
});
const StageNumbers = Type.Object(Object.fromEntries(mainStages.map((s) => [s, Nullable(Type.Integer())])));
const Plan = Type.Object({
  goal: GoalSchema,
  asOf: DateTime,
  measuredFrom: DateTime,
  measuredTo: DateTime,
  rates: Type.Record(Type.String(), NullableNumber, {
    description: 'Conversion from each stage to the next',
  }),
  averageDealCents: NullableNumber,
  wonDealsMeasured: Type.Integer(),
  reverseFunnel: Type.Object({
    required: StageNumbers,
    blockedAt: Nullable(Type.Enum(mainStages, { description: 'Where a rate or the deal size is missing' })),
  }),
  elapsedShare: Type.Number(),
  revenue: Type.Object({
    targetCents: Type.Integer(),
    wonCents: Type.Integer(),
    openWeightedCents: Type.Integer(),
    projectedCents: Type.Integer(),
    gapCents: Type.Integer(),
    pace: Pace,
  }),
  marketing: Type.Object({ leads: Pace, mqls: Pace, sourcedPipelineCents: Pace }),
  sales: Type.Object({ sqls: Pace, opportunities: Pace, won: Pace, revenueCents: Pace }),
  onTrack: Type.Boolean(),
});

/** Revenue goals and their plan (the reverse funnel and progress against it). docs/reports.md#goals */
export async function goalsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/goals',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Every revenue goal, latest period first',
        response: { 200: Type.Object({ items: Type.Array(GoalSchema) }) },
      },
    },
    async (request) => ({
      items: (await listGoals(app.deps.db, requestViewer(request).workspaceId)).map(view),
    }),
  );

  r.post(
    '/api/v1/goals',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Create a revenue goal for a period',
        body: Type.Object(
          {
            ...fieldsSchema,
            currency: Type.Optional(fieldsSchema.currency),
            funnel: Type.Optional(fieldsSchema.funnel),
          },
          { additionalProperties: false },
        ),
        response: { 201: GoalSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const fields: GoalFields = {
        name: b.name,
        periodStart: b.periodStart,
        periodEnd: b.periodEnd,
        targetCents: b.targetCents,
        currency: b.currency ?? 'USD',
        funnel: b.funnel ?? null,
      };
      const goal = await createGoal(app.deps.db, {
        viewer: requestViewer(request),
        fields,
        now: app.deps.clock(),
      });
      return reply.status(201).send(view(goal));
    },
  );

  r.get(
    '/api/v1/goals/:id',
    {
      config: readers,
      schema: { tags, summary: 'One goal', params: Type.Object({ id: Uuid }), response: { 200: GoalSchema } },
    },
    async (request) =>
      view(await getGoal(app.deps.db, requestViewer(request).workspaceId, request.params.id)),
  );

  r.patch(
    '/api/v1/goals/:id',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Change some fields of a goal',
        params: Type.Object({ id: Uuid }),
        body: Type.Partial(Type.Object(fieldsSchema), { additionalProperties: false }),
        response: { 200: GoalSchema },
      },
    },
    async (request) => {
      const b = request.body;
      const changes: Partial<GoalFields> = {};
      if (b.name !== undefined) changes.name = b.name;
      if (b.periodStart !== undefined) changes.periodStart = b.periodStart;
      if (b.periodEnd !== undefined) changes.periodEnd = b.periodEnd;
      if (b.targetCents !== undefined) changes.targetCents = b.targetCents;
      if (b.currency !== undefined) changes.currency = b.currency;
      if (b.funnel !== undefined) changes.funnel = b.funnel;
      return view(
        await editGoal(app.deps.db, {
          workspaceId: requestViewer(request).workspaceId,
          id: request.params.id,
          changes,
          now: app.deps.clock(),
        }),
      );
    },
  );

  r.delete(
    '/api/v1/goals/:id',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Delete a goal',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removeGoal(app.deps.db, {
        workspaceId: requestViewer(request).workspaceId,
        id: request.params.id,
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/goals/:id/plan',
    {
      config: readers,
      schema: {
        tags,
        summary:
          'What a goal takes (the reverse funnel) and how it is going, marketing and sales side by side',
        description:
          'Rates and the average won deal are measured over the `lookbackDays` before the period (default 365); the reverse funnel rounds up at every stage. Progress counts the period up to now: leads reaching each stage, deals won, open deals closing in the period weighted by probability, and marketing-sourced pipeline (deals from a lead that was an MQL). Pace compares each number with the required one × the elapsed share of the period. Only records you may see count. CSV: one `field,value` row per figure. docs/reports.md#goals',
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object({
          lookbackDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 1830, default: 365 })),
          format: Format,
        }),
        response: { 200: Plan },
      },
    },
    async (request, reply) => {
      const plan = await goalPlan(app.deps.db, requestViewer(request), {
        id: request.params.id,
        lookbackDays: request.query.lookbackDays ?? 365,
        now: app.deps.clock(),
      });
      const json = {
        ...plan,
        goal: view(plan.goal),
        asOf: plan.asOf.toISOString(),
        measuredFrom: plan.measuredFrom.toISOString(),
        measuredTo: plan.measuredTo.toISOString(),
      };
      return answer(request, reply, {
        format: request.query.format,
        name: `goal-plan-${plan.goal.id}`,
        json,
      });
    },
  );
}
