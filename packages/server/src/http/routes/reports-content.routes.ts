import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { assetStages } from '../../core/content/asset.js';
import { contentReport } from '../../core/content/report.js';
import { invalid } from '../../errors.js';
import { loadContentFacts } from '../../store/content-report.repo.js';
import { requestViewer } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const Stage = Type.Enum(assetStages);
const Numbers = {
  views: Type.Integer(),
  uniqueViewers: Type.Integer(),
  uniqueAccounts: Type.Integer(),
  seconds: Type.Integer(),
  shares: Type.Integer(),
  opportunitiesInfluenced: Type.Integer(),
  wonDealsInfluenced: Type.Integer(),
  wonAmountCents: Type.Integer(),
};

/** Content performance: what is viewed, shared and present in deals, by asset and by funnel stage. */
export async function reportsContentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/reports/content',
    {
      schema: {
        tags: ['reports', 'content'],
        summary: 'Content performance by asset and funnel stage',
        description:
          'Views, unique viewers and accounts, time spent and downloads of view sessions started in [from, to) ' +
          '(default: the last 90 days); shares by rep created in the window; opportunities created and deals won ' +
          'in the window at an account that viewed the asset before. `usedNotMade`: shared assets that marketing ' +
          'did not make or approve; `madeNotUsed`: approved marketing assets never shared.',
        querystring: Type.Object({
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: {
          200: Type.Object({
            from: Type.String({ format: 'date-time' }),
            to: Type.String({ format: 'date-time' }),
            assets: Type.Array(
              Type.Object({
                assetId: Uuid,
                title: Type.String(),
                stage: Stage,
                status: Type.String(),
                origin: Type.String(),
                downloads: Type.Integer(),
                sharesByRep: Type.Array(
                  Type.Object({
                    repId: Type.Union([Uuid, Type.Null()]),
                    repName: Type.Union([Type.String(), Type.Null()]),
                    shares: Type.Integer(),
                  }),
                ),
                ...Numbers,
              }),
            ),
            stages: Type.Array(Type.Object({ stage: Stage, assets: Type.Integer(), ...Numbers })),
            usedNotMade: Type.Array(
              Type.Object({
                assetId: Uuid,
                title: Type.String(),
                origin: Type.String(),
                status: Type.String(),
                shares: Type.Integer(),
                views: Type.Integer(),
              }),
            ),
            madeNotUsed: Type.Array(
              Type.Object({
                assetId: Uuid,
                title: Type.String(),
                stage: Stage,
                format: Type.Union([Type.String(), Type.Null()]),
              }),
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
      const facts = await loadContentFacts(app.deps.db, requestViewer(request).workspaceId, { from, to });
      return { from: from.toISOString(), to: to.toISOString(), ...contentReport(facts) };
    },
  );
}
