import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { pingDb } from '../../store/db.js';

const Health = Type.Object({ status: Type.Literal('ok') });
const Ready = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
});

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: { tags: ['operations'], summary: 'Liveness: the process is up', response: { 200: Health } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers',
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_request, reply) => {
      const ok = await pingDb(app.deps.db);
      return reply
        .status(ok ? 200 : 503)
        .send({ status: ok ? ('ready' as const) : ('unavailable' as const), database: app.deps.dbKind });
    },
  );
}
