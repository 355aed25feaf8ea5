import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { speedGroupings, speedToLeadReport } from '../../app/speed-to-lead.js';
import { invalid } from '../../errors.js';
import { requestViewer } from '../plugins/auth.js';
import { answer, Format } from '../report-export.js';

const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
/** Speed-to-lead figures of one step (shared with the funnel-health report). */
export const Stats = Type.Object({
  reached: Type.Integer(),
  p50Minutes: NullableNumber,
  p95Minutes: NullableNumber,
  within: Type.Object({ m5: Type.Number(), m15: Type.Number(), m60: Type.Number() }),
});
/** SLA attainment of one clock kind (shared with the funnel-health report). */
export const Attainment = Type.Object({
  kind: Type.String(),
  met: Type.Integer(),
  breached: Type.Integer(),
  open: Type.Integer(),
  rate: NullableNumber,
});

/** Hand-off reports. */
export async function reportsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/reports/speed-to-lead',
    {
      schema: {
        tags: ['reports'],
        summary: 'Speed-to-lead: MQL → assigned → first touch → decision, and SLA attainment both ways',
        description:
          'For MQLs that qualified in [from, to] (default: the last 30 days): p50/p95 minutes and the share inside 5, 15 and 60 minutes, by rep, team or source. Attainment counts clocks started in the window; a running clock past due counts as breached. CSV: one row per group.',
        querystring: Type.Object({
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          groupBy: Type.Optional(Type.Enum(speedGroupings, { default: 'rep' })),
          format: Format,
        }),
        response: {
          200: Type.Object({
            from: Type.String({ format: 'date-time' }),
            to: Type.String({ format: 'date-time' }),
            groupBy: Type.Enum(speedGroupings),
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
        },
      },
      config: { roles: ['admin', 'marketing', 'sales_manager'] },
    },
    async (request, reply) => {
      const now = app.deps.clock();
      const to = request.query.to ? new Date(request.query.to) : now;
      const from = request.query.from
        ? new Date(request.query.from)
        : new Date(to.getTime() - 30 * 86_400_000);
      if (from >= to) throw invalid('from', 'must be before to');
      const report = await speedToLeadReport(app.deps.db, requestViewer(request), {
        from,
        to,
        groupBy: request.query.groupBy ?? 'rep',
        now,
      });
      const json = { ...report, from: report.from.toISOString(), to: report.to.toISOString() };
      type Row = (typeof report.rows)[number];
      const stats = (name: string, pick: (r: Row) => Row['assigned']) => [
        { header: `${name}_reached`, value: (r: Row) => pick(r).reached },
        { header: `${name}_p50_minutes`, value: (r: Row) => pick(r).p50Minutes },
        { header: `${name}_p95_minutes`, value: (r: Row) => pick(r).p95Minutes },
        { header: `${name}_within_5m`, value: (r: Row) => pick(r).within.m5 },
        { header: `${name}_within_15m`, value: (r: Row) => pick(r).within.m15 },
        { header: `${name}_within_60m`, value: (r: Row) => pick(r).within.m60 },
      ];
      return answer(request, reply, {
        format: request.query.format,
        name: 'speed-to-lead',
        json,
        rows: report.rows,
        columns: [
          { header: 'group', value: (r: Row) => r.group },
          { header: 'leads', value: (r: Row) => r.leads },
          ...stats('assigned', (r) => r.assigned),
          ...stats('first_touch', (r) => r.firstTouch),
          ...stats('decision', (r) => r.decision),
        ],
      });
    },
  );
}
