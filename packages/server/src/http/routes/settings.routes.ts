import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { apiKeyKinds, roles } from '@tandem/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { changeUser, createTeam, revokeKey } from '../../app/settings.js';
import { createApiKey, createUser } from '../../app/workspaces.js';
import { listApiKeys } from '../../store/api-key.repo.js';
import type { ApiKeyRow, TeamRow, UserRow } from '../../store/schema.js';
import { listTeams, listUsers } from '../../store/user.repo.js';
import { actorOf, principalOf, requestViewer } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const NullableUuid = Type.Union([Uuid, Type.Null()]);
const IdParams = Type.Object({ id: Uuid });
const DateTime = Type.String({ format: 'date-time' });
const TeamKind = Type.Enum(['sales', 'marketing', 'partner']);
const UserStatus = Type.Enum(['active', 'disabled']);

const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: Type.Enum(roles),
  teamId: NullableUuid,
  partnerId: NullableUuid,
  status: UserStatus,
  outOfOffice: Type.Boolean(),
  createdAt: DateTime,
});
const Team = Type.Object({ id: Uuid, name: Type.String(), kind: TeamKind, createdAt: DateTime });
const ApiKey = Type.Object({
  id: Uuid,
  kind: Type.Enum(apiKeyKinds),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to recognise it' }),
  createdAt: DateTime,
  lastUsedAt: Type.Union([DateTime, Type.Null()]),
  revokedAt: Type.Union([DateTime, Type.Null()]),
});
const CreatedApiKey = Type.Object({
  id: Uuid,
  kind: Type.Enum(apiKeyKinds),
  name: Type.String(),
  prefix: Type.String(),
  key: Type.String({ description: 'The key itself. Shown only in this answer: Tandem stores a hash.' }),
});
const listOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item) });

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Never the password hash: users leave the server only through this shape. */
export function userView(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    teamId: u.team_id,
    partnerId: u.partner_id,
    status: u.status,
    outOfOffice: u.out_of_office,
    createdAt: u.created_at.toISOString(),
  };
}
const teamView = (t: TeamRow) => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  createdAt: t.created_at.toISOString(),
});
const apiKeyView = (k: ApiKeyRow) => ({
  id: k.id,
  kind: k.kind,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.created_at.toISOString(),
  lastUsedAt: iso(k.last_used_at),
  revokedAt: iso(k.revoked_at),
});

const adminOnly = { roles: ['admin'] as const };

/** Workspace settings: users, teams and API keys. Changes are admin-only and audited. */
export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['settings'],
        summary: 'Users of the workspace (a partner user sees only the users of their partner organisation)',
        response: { 200: listOf(User) },
      },
    },
    async (request) => {
      const viewer = requestViewer(request);
      const users = await listUsers(app.deps.db, viewer.workspaceId);
      // Partners are outside the company: they must not learn who works there.
      const visible =
        viewer.role === 'partner' ? users.filter((u) => u.partner_id === viewer.partnerId) : users;
      return { items: visible.map(userView) };
    },
  );

  r.post(
    '/api/v1/users',
    {
      config: adminOnly,
      schema: {
        tags: ['settings'],
        summary: 'Create a user (admin)',
        description: 'Without a password the user cannot log in until one is set.',
        body: Type.Object(
          {
            email: Type.String({ maxLength: 320 }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            role: Type.Enum(roles),
            team: Type.Optional(
              Type.String({ maxLength: 200, description: 'Team id, or the name of a team to create' }),
            ),
            partnerId: Type.Optional(Uuid),
            password: Type.Optional(Type.String({ maxLength: 1024 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: User },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const user = await createUser(
        app.deps.db,
        {
          workspaceId: principalOf(request).workspaceId,
          email: body.email,
          name: body.name,
          role: body.role,
          team: body.team ?? null,
          partnerId: body.partnerId ?? null,
          password: body.password ?? null,
        },
        actorOf(request),
      );
      return reply.status(201).send(userView(user));
    },
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change a user (admin), or set your own out-of-office',
        description: 'Disabling a user ends their sessions at once.',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            role: Type.Optional(Type.Enum(roles)),
            teamId: Type.Optional(NullableUuid),
            status: Type.Optional(UserStatus),
            outOfOffice: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: User },
      },
    },
    async (request) => {
      const { body } = request;
      const user = await changeUser(app.deps.db, {
        viewer: requestViewer(request),
        actor: actorOf(request),
        userId: request.params.id,
        changes: {
          name: body.name,
          role: body.role,
          teamId: body.teamId,
          status: body.status,
          outOfOffice: body.outOfOffice,
        },
        now: app.deps.clock(),
      });
      return userView(user);
    },
  );

  r.get(
    '/api/v1/teams',
    { schema: { tags: ['settings'], summary: 'Teams of the workspace', response: { 200: listOf(Team) } } },
    async (request) => ({
      items: (await listTeams(app.deps.db, principalOf(request).workspaceId)).map(teamView),
    }),
  );

  r.post(
    '/api/v1/teams',
    {
      config: adminOnly,
      schema: {
        tags: ['settings'],
        summary: 'Create a team (admin)',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }), kind: TeamKind },
          { additionalProperties: false },
        ),
        response: { 201: Team },
      },
    },
    async (request, reply) => {
      const team = await createTeam(app.deps.db, {
        workspaceId: principalOf(request).workspaceId,
        name: request.body.name,
        kind: request.body.kind,
        actor: actorOf(request),
        now: app.deps.clock(),
      });
      return reply.status(201).send(teamView(team));
    },
  );

  r.get(
    '/api/v1/api-keys',
    {
      config: adminOnly,
      schema: {
        tags: ['settings'],
        summary: 'API keys (admin); the keys themselves are never shown again',
        response: { 200: listOf(ApiKey) },
      },
    },
    async (request) => ({
      items: (await listApiKeys(app.deps.db, principalOf(request).workspaceId)).map(apiKeyView),
    }),
  );

  r.post(
    '/api/v1/api-keys',
    {
      config: adminOnly,
      schema: {
        tags: ['settings'],
        summary: 'Create an API key (admin): write keys ingest events, secret keys call this API',
        body: Type.Object(
          { kind: Type.Enum(apiKeyKinds), name: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 201: CreatedApiKey },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const created = await createApiKey(
        app.deps.db,
        {
          workspaceId: principal.workspaceId,
          kind: request.body.kind,
          ...(request.body.name !== undefined ? { name: request.body.name } : {}),
          createdBy: principal.kind === 'user' ? principal.userId : null,
        },
        actorOf(request),
      );
      void reply.header('cache-control', 'no-store');
      return reply.status(201).send(created);
    },
  );

  r.delete(
    '/api/v1/api-keys/:id',
    {
      config: adminOnly,
      schema: {
        tags: ['settings'],
        summary: 'Revoke an API key (admin); it stops working at once',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await revokeKey(app.deps.db, {
        workspaceId: principalOf(request).workspaceId,
        keyId: request.params.id,
        actor: actorOf(request),
        now: app.deps.clock(),
      });
      return reply.status(204).send(null);
    },
  );
}
