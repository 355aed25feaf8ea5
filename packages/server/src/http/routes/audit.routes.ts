import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { listAudit } from '../../store/audit.repo.js';
import { decodeCursor, toPage } from '../../store/cursor.js';
import { principalOf } from '../plugins/auth.js';

const AuditEntry = Type.Object({
  id: Type.String({ format: 'uuid' }),
  at: Type.String({ format: 'date-time' }),
  actorKind: Type.Enum(['user', 'api_key', 'system']),
  actorId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String({ description: 'e.g. auth.login_failed, user.role_changed, api_key.revoked' }),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Object({}, { additionalProperties: true }),
  ip: Type.Union([Type.String(), Type.Null()]),
});

/** The audit log: every privileged action, newest first (admin). */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/audit-log',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['settings'],
        summary: 'Audit log (admin), newest first',
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(AuditEntry),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const rows = await listAudit(app.deps.db, principalOf(request).workspaceId, {
        after: decodeCursor(request.query.cursor),
        limit,
      });
      return toPage(rows, limit, (row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actorKind: row.actor_kind,
        actorId: row.actor_id,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        details: row.details,
        ip: row.ip,
      }));
    },
  );
}
