import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { jointReport, weekStart } from '../../app/joint-report.js';
import { invalid } from '../../errors.js';
import { requestViewer } from '../plugins/auth.js';
import { reportRoles } from './reports-funnel.routes.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const PaceRow = Type.Object({
  label: Type.String(),
  actual: Type.Number(),
  required: Nullable(Type.Number()),
});

const JointReport = Type.Object({
  workspaceName: Type.String(),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  currency: Type.String(),
  goal: Nullable(
    Type.Object({
      name: Type.String(),
      targetCents: Type.Integer(),
      wonCents: Type.Integer(),
      projectedCents: Type.Number(),
      elapsedShare: Type.Number(),
      onTrack: Type.Boolean(),
      marketing: Type.Array(PaceRow),
      sales: Type.Array(PaceRow),
    }),
  ),
  pipeline: Type.Object({
    totalCents: Type.Integer(),
    sourcedCents: Type.Integer(),
    influencedCents: Type.Integer(),
  }),
  funnel: Type.Array(Type.Object({ stage: Type.String(), leads: Type.Integer() })),
  attainment: Type.Array(
    Type.Object({
      side: Type.Enum(['sales', 'marketing']),
      kind: Type.String(),
      met: Type.Integer(),
      breached: Type.Integer(),
      rate: Nullable(Type.Number()),
    }),
  ),
  rejections: Type.Array(Type.Object({ reason: Type.String(), count: Type.Integer() })),
  campaigns: Type.Array(Type.Object({ name: Type.String(), pipelineCents: Type.Integer() })),
  link: Type.String(),
});

/** The joint weekly report, as both teams receive it by email, to open in the app or read as JSON. */
export async function reportsJointRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/reports/joint',
    {
      schema: {
        tags: ['reports'],
        summary: 'The joint weekly report (HTML as emailed, or JSON)',
        description:
          'The week starting on the Monday (UTC) of `week` (default: the last full week): the goal in force, pipeline created and marketing’s sourced and influenced share (W-shaped), the funnel, SLA attainment both ways, top reasons leads came back and top campaigns. `format=html` answers the page the Monday email carries, charts as inline SVG. docs/reports.md#the-joint-weekly-report',
        querystring: Type.Object({
          week: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
          format: Type.Optional(Type.Enum(['json', 'html'], { default: 'json' })),
        }),
        response: { 200: JointReport },
      },
      config: { roles: reportRoles },
    },
    async (request, reply) => {
      const now = app.deps.clock();
      let from = new Date(weekStart(now).getTime() - 7 * 86_400_000);
      if (request.query.week) {
        const at = new Date(`${request.query.week}T00:00:00.000Z`);
        if (Number.isNaN(at.getTime())) throw invalid('querystring:/week', 'must be a date, YYYY-MM-DD');
        from = weekStart(at);
      }
      const { data, rendered } = await jointReport(app.deps.db, {
        workspaceId: requestViewer(request).workspaceId,
        from,
        now,
        publicUrl: app.deps.config.publicUrl,
      });
      if (request.query.format === 'html') {
        // The page as emailed: a string with its own type, not the JSON schema's serialisation.
        return (reply as FastifyReply)
          .type('text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
          .send(rendered.html);
      }
      return { ...data, from: data.from.toISOString(), to: data.to.toISOString() };
    },
  );
}
