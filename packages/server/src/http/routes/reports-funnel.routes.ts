import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { leadStages } from '@tandem/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { cohortReport, funnelHealthReport } from '../../app/funnel-report.js';
import { mainStages } from '../../core/funnel/index.js';
import { invalid } from '../../errors.js';
import { funnelExists } from '../../store/funnel.repo.js';
import { requestViewer } from '../plugins/auth.js';
import { answer, Format } from '../report-export.js';
import { Attainment, Stats } from './reports.routes.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Counts = Type.Record(Type.String(), Type.Integer());
const GroupConversion = Type.Object({
  group: Nullable(Type.String()),
  entered: Type.Integer(),
  converted: Type.Integer(),
  rate: Type.Number(),
});
const NullableNumber = Nullable(Type.Number());
const FunnelKey = Type.Optional(
  Type.String({ minLength: 1, maxLength: 64, description: 'A funnel key; every funnel when absent' }),
);
export const reportRoles = ['admin', 'marketing', 'sales_manager'] as const;
const dayMs = 86_400_000;

const Health = Type.Object({
  from: DateTime,
  to: DateTime,
  funnel: Nullable(Type.String()),
  counts: Type.Object({
    leads: Type.Integer({ description: 'Distinct leads with a transition in the window' }),
    entries: Counts,
    entered: Counts,
    reached: Counts,
    current: Counts,
  }),
  conversion: Type.Array(
    Type.Object({
      from: Type.Enum(mainStages),
      to: Type.Enum(mainStages),
      reached: Type.Integer(),
      converted: Type.Integer(),
      rate: NullableNumber,
    }),
  ),
  velocity: Type.Array(
    Type.Object({
      stage: Type.Enum(leadStages),
      stays: Type.Integer(),
      open: Type.Integer(),
      medianMs: NullableNumber,
      p90Ms: NullableNumber,
    }),
  ),
  leakage: Type.Array(
    Type.Object({
      from: Nullable(Type.Enum(leadStages)),
      to: Type.Enum(leadStages),
      reasonCode: Nullable(Type.String()),
      reasonLabel: Nullable(Type.String({ description: 'The lead contract’s label for the reason' })),
      count: Type.Integer(),
      share: Type.Number(),
    }),
  ),
  mqlToSql: Type.Object({
    bySource: Type.Array(GroupConversion),
    byContractVersion: Type.Array(GroupConversion),
  }),
  speedToLead: Type.Object({
    rows: Type.Array(
      Type.Object({
        group: Type.String(),
        leads: Type.Integer(),
        assigned: Stats,
        firstTouch: Stats,
        decision: Stats,
      }),
    ),
    attainment: Type.Object({ sales: Type.Array(Attainment), marketing: Type.Array(Attainment) }),
  }),
});

const Cohorts = Type.Object({
  asOf: DateTime,
  months: Type.Array(Type.String()),
  withinDays: Type.Integer(),
  funnel: Nullable(Type.String()),
  timeZone: Type.String(),
  cohorts: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM of the first MQL, in the workspace time zone' }),
      size: Type.Integer(),
      complete: Type.Boolean({ description: 'Every member’s window has ended: the shares are final' }),
      reached: Type.Array(
        Type.Object({ stage: Type.Enum(mainStages), count: Type.Integer(), share: Type.Number() }),
      ),
    }),
  ),
});

async function checkFunnel(app: FastifyInstance, workspaceId: string, funnel: string | undefined) {
  if (funnel !== undefined && !(await funnelExists(app.deps.db, workspaceId, funnel)))
    throw invalid('querystring:/funnel', 'is not a funnel of this workspace');
  return funnel ?? null;
}

/** Funnel health and MQL cohorts. JSON or CSV. docs/reports.md */
export async function reportsFunnelRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/reports/funnel',
    {
      schema: {
        tags: ['reports'],
        summary: 'Funnel health: counts, conversion, time in stage, leakage, MQL → SQL by source and version',
        description:
          'Over [from, to) (default: the last 90 days), from the stage history. Counts reconcile with the transitions: `entries` sum to the transitions in the window. Velocity is median and p90 time in stage of the stays that ended in the window. Leakage groups moves to recycled, disqualified and lost by reason, labelled from the lead contract. MQL → SQL covers the leads whose first MQL fell in the window. Speed-to-lead and SLA attainment come from the same window. A sales manager sees their team’s leads. CSV: one `field,value` row per figure. docs/reports.md#funnel-health',
        querystring: Type.Object({
          from: Type.Optional(DateTime),
          to: Type.Optional(DateTime),
          funnel: FunnelKey,
          format: Format,
        }),
        response: { 200: Health },
      },
      config: { roles: [...reportRoles] },
    },
    async (request, reply) => {
      const q = request.query;
      const viewer = requestViewer(request);
      const now = app.deps.clock();
      const to = q.to ? new Date(q.to) : now;
      const from = q.from ? new Date(q.from) : new Date(to.getTime() - 90 * dayMs);
      if (from >= to) throw invalid('querystring:/from', 'must be before to');
      if (to.getTime() - from.getTime() > 5 * 366 * dayMs)
        throw invalid('querystring:/from', 'the window may span at most five years');
      const funnel = await checkFunnel(app, viewer.workspaceId, q.funnel);
      const report = await funnelHealthReport(app.deps.db, viewer, { from, to, funnel, now });
      const json = {
        ...report,
        from: report.from.toISOString(),
        to: report.to.toISOString(),
        speedToLead: { rows: report.speedToLead.rows, attainment: report.speedToLead.attainment },
      };
      return answer(request, reply, { format: q.format, name: 'funnel', json });
    },
  );

  r.get(
    '/api/v1/reports/funnel/cohorts',
    {
      schema: {
        tags: ['reports'],
        summary: 'MQL cohorts: of the MQLs of each month, the share reaching SQL, opportunity and won',
        description:
          'Cohorts of the last `months` months (the current one included) by the month of each lead’s first MQL, in the workspace time zone. A lead counts as reaching a stage when it enters it or a later one within `withinDays` of that MQL. CSV: one row per month. docs/reports.md#cohorts',
        querystring: Type.Object({
          months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36, default: 6 })),
          withinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730, default: 90 })),
          asOf: Type.Optional(DateTime),
          funnel: FunnelKey,
          format: Format,
        }),
        response: { 200: Cohorts },
      },
      config: { roles: [...reportRoles] },
    },
    async (request, reply) => {
      const q = request.query;
      const viewer = requestViewer(request);
      const funnel = await checkFunnel(app, viewer.workspaceId, q.funnel);
      const report = await cohortReport(app.deps.db, viewer, {
        asOf: q.asOf ? new Date(q.asOf) : app.deps.clock(),
        months: q.months ?? 6,
        withinDays: q.withinDays ?? 90,
        funnel,
      });
      type Row = (typeof report.cohorts)[number];
      const targets =
        report.cohorts[0]?.reached.map((t) => t.stage) ?? (['sql', 'opportunity', 'won'] as const);
      return answer(request, reply, {
        format: q.format,
        name: 'funnel-cohorts',
        json: { ...report, asOf: report.asOf.toISOString() },
        rows: report.cohorts,
        columns: [
          { header: 'month', value: (c: Row) => c.month },
          { header: 'size', value: (c: Row) => c.size },
          { header: 'complete', value: (c: Row) => c.complete },
          ...targets.flatMap((stage, i) => [
            { header: `${stage}_count`, value: (c: Row) => c.reached[i]?.count },
            { header: `${stage}_share`, value: (c: Row) => c.reached[i]?.share },
          ]),
        ],
      });
    },
  );
}
