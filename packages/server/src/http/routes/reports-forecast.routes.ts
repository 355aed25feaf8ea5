import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { forecastReport } from '../../app/forecast.js';
import { mainStages } from '../../core/funnel/index.js';
import { invalid } from '../../errors.js';
import { funnelExists } from '../../store/funnel.repo.js';
import { requestViewer } from '../plugins/auth.js';
import { answer, Format } from '../report-export.js';
import { reportRoles } from './reports-funnel.routes.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const NullableNumber = Nullable(Type.Number());
const Money = Type.Object({
  count: Type.Integer(),
  amountCents: Type.Integer(),
  weightedCents: Type.Integer(),
});

const Forecast = Type.Object({
  asOf: DateTime,
  currency: Type.String(),
  funnel: Nullable(Type.String()),
  pipeline: Type.Object({
    stages: Type.Array(Type.Object({ stage: Type.String(), ...Money.properties })),
    months: Type.Array(
      Type.Object({
        month: Type.String({ description: 'YYYY-MM of the expected close date' }),
        ...Money.properties,
      }),
    ),
    amountCents: Type.Integer(),
    weightedCents: Type.Integer(),
    undated: Type.Integer({ description: 'Open deals without a close date: in stages, not in months' }),
  }),
  funnelForecast: Type.Object({
    asOf: DateTime,
    measuredFrom: DateTime,
    horizonEnd: Nullable(DateTime),
    rates: Type.Record(Type.String(), NullableNumber),
    averageDealCents: NullableNumber,
    stageMedianMs: Type.Record(Type.String(), NullableNumber),
    stages: Type.Array(
      Type.Object({
        stage: Type.Enum(mainStages),
        count: Type.Integer(),
        winProbability: NullableNumber,
        inHorizon: Type.Integer(),
        expectedRevenueCents: Type.Integer(),
      }),
    ),
    expectedRevenueCents: Type.Integer(),
  }),
  accuracy: Type.Object({
    madeAt: DateTime,
    forecastCents: Type.Integer(),
    actualCents: Type.Integer(),
    wonDeals: Type.Integer(),
    allWonCents: Type.Integer(),
    errorCents: Type.Integer(),
    absolutePercentError: NullableNumber,
    accuracy: NullableNumber,
  }),
  totalExpectedCents: Type.Integer(),
});

/** Forecast: weighted pipeline, funnel-based forecast and its accuracy. JSON or CSV. */
export async function reportsForecastRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/reports/forecast',
    {
      schema: {
        tags: ['reports'],
        summary: 'Forecast: weighted pipeline, revenue still to come from the funnel, and forecast accuracy',
        description:
          'Weighted pipeline: open deals × their probability, by stage and by close month. Funnel forecast: today’s MQLs, accepted leads and SQLs × their measured chance to win × the average won deal, rates and stage times measured over the `lookbackDays` before asOf (deals are in the pipeline part, so the two add up). With `horizonDays`, only leads expected to close by then. Accuracy: the same funnel forecast reconstructed from the history known `accuracyDays` before asOf, against the revenue its leads won since. CSV: one `field,value` row per figure. docs/reports.md#forecast',
        querystring: Type.Object({
          asOf: Type.Optional(DateTime),
          lookbackDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 1830, default: 365 })),
          horizonDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 1830 })),
          accuracyDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 1830, default: 90 })),
          currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' })),
          funnel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          format: Format,
        }),
        response: { 200: Forecast },
      },
      config: { roles: [...reportRoles] },
    },
    async (request, reply) => {
      const q = request.query;
      const viewer = requestViewer(request);
      if (q.funnel !== undefined && !(await funnelExists(app.deps.db, viewer.workspaceId, q.funnel)))
        throw invalid('querystring:/funnel', 'is not a funnel of this workspace');
      const report = await forecastReport(app.deps.db, viewer, {
        asOf: q.asOf ? new Date(q.asOf) : app.deps.clock(),
        lookbackDays: q.lookbackDays ?? 365,
        horizonDays: q.horizonDays ?? null,
        accuracyDays: q.accuracyDays ?? 90,
        currency: q.currency ?? 'USD',
        funnel: q.funnel ?? null,
      });
      const f = report.funnelForecast;
      const json = {
        ...report,
        asOf: report.asOf.toISOString(),
        funnelForecast: {
          asOf: f.asOf.toISOString(),
          measuredFrom: f.measuredFrom.toISOString(),
          horizonEnd: f.horizonEnd?.toISOString() ?? null,
          rates: f.rates,
          averageDealCents: f.averageDealCents,
          stageMedianMs: f.stageMedianMs,
          stages: f.stages,
          expectedRevenueCents: f.expectedRevenueCents,
        },
        accuracy: { ...report.accuracy, madeAt: report.accuracy.madeAt.toISOString() },
      };
      return answer(request, reply, { format: q.format, name: 'forecast', json });
    },
  );
}
