import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { BacktestRequestSchema, BacktestRunSchema, RescoringRunSchema } from '@tandem/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { analysisRoles, backtestRun, startBacktest } from '../../app/backtest/run-backtest.js';
import { latestRescoring } from '../../app/rescoring.js';
import { notFound } from '../../errors.js';
import { principalOf, requestViewer } from '../plugins/auth.js';

const tags = ['lead contract'];
const analysts = { roles: analysisRoles };

/**
 * Analysis of the lead contract: progress of the background rescoring after a version came into
 * force, backtests of any version over history, and signal lift.
 */
export async function leadContractAnalysisRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/api/v1/lead-contracts';
  // Backtests run in this process; closing the app waits for them (the database closes after).
  const running = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });

  r.get(
    `${base}/rescoring`,
    {
      schema: {
        tags,
        summary: 'Progress of the latest background rescoring (after a version came into force)',
        response: { 200: RescoringRunSchema },
      },
    },
    async (request) => {
      const run = await latestRescoring(app.deps.db, principalOf(request).workspaceId);
      if (!run) throw notFound('rescoring run');
      return run;
    },
  );

  r.post(
    `${base}/backtests`,
    {
      config: analysts,
      schema: {
        tags,
        summary: 'Backtest a version (draft included) or an unsaved contract over a window of history',
        description:
          'Send exactly one of `version`, `yaml` or `document`. Answers 202 with the run; poll ' +
          'GET /api/v1/lead-contracts/backtests/{id} for progress and the result.',
        body: BacktestRequestSchema,
        response: { 202: BacktestRunSchema },
      },
    },
    async (request, reply) => {
      const { run, execute } = await startBacktest(app.deps.db, {
        viewer: requestViewer(request),
        request: request.body,
        now: app.deps.clock(),
        clock: app.deps.clock,
      });
      const work = execute().finally(() => running.delete(work));
      running.add(work);
      return reply.status(202).send(run);
    },
  );

  r.get(
    `${base}/backtests/:id`,
    {
      config: analysts,
      schema: {
        tags,
        summary: 'A backtest: its progress, then its result',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: BacktestRunSchema },
      },
    },
    async (request) =>
      backtestRun(app.deps.db, {
        workspaceId: principalOf(request).workspaceId,
        id: request.params.id,
        now: app.deps.clock(),
      }),
  );
}
