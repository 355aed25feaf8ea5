import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  BacktestRequestSchema,
  BacktestRunSchema,
  outcomeStages,
  RescoringRunSchema,
  SignalLiftSchema,
} from '@tandem/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { analysisRoles, backtestRun, startBacktest } from '../../app/backtest/run-backtest.js';
import { latestRescoring } from '../../app/rescoring.js';
import { draftFromSignalLift, signalLift } from '../../app/signal-lift.js';
import { notFound } from '../../errors.js';
import { actorOf, principalOf, requestViewer } from '../plugins/auth.js';
import { Version, versionView } from './lead-contracts.routes.js';

const tags = ['lead contract'];
const IsoTime = Type.String({ format: 'date-time' });
const Outcome = Type.Optional(Type.Enum(outcomeStages));
const WithinDays = Type.Optional(Type.Integer({ minimum: 1, maximum: 730 }));
const liftDescription =
  'Leads with an event in the window; converted = reached `outcome` (or a later stage) between `from` and ' +
  '`withinDays` after `to`. Lift = conversion rate with the signal ÷ base rate. Suggested points scale the ' +
  "rule's points by the lift, shrunk toward the current points when few leads have the signal (docs/lead-contract.md).";
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

  r.get(
    `${base}/signal-lift`,
    {
      config: analysts,
      schema: {
        tags,
        summary:
          'Conversion with and without each behaviour and firmographic signal, lift and suggested points',
        description: liftDescription,
        querystring: Type.Object(
          { from: IsoTime, to: IsoTime, outcome: Outcome, withinDays: WithinDays },
          { additionalProperties: false },
        ),
        response: { 200: SignalLiftSchema },
      },
    },
    async (request) =>
      signalLift(app.deps.db, {
        viewer: requestViewer(request),
        ...request.query,
        now: app.deps.clock(),
      }),
  );

  r.post(
    `${base}/signal-lift/draft`,
    {
      config: analysts,
      schema: {
        tags,
        summary: 'A new draft of the active contract with the suggested points',
        description:
          'Without `keys`, every rule of the active contract gets its suggested points; with `keys`, only those ' +
          'signals change, and a chosen signal no rule covers becomes a new rule.',
        body: Type.Object(
          {
            from: IsoTime,
            to: IsoTime,
            outcome: Outcome,
            withinDays: WithinDays,
            keys: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { minItems: 1, maxItems: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Version },
      },
    },
    async (request, reply) => {
      const draft = await draftFromSignalLift(app.deps.db, {
        viewer: requestViewer(request),
        actor: actorOf(request),
        ...request.body,
        now: app.deps.clock(),
      });
      return reply.status(201).send(versionView(draft));
    },
  );
}
