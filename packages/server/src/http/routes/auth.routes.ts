import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { roles } from '@tandem/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { logIn, UnknownEmailFailures } from '../../app/auth.js';
import { describeSession, endSession } from '../../app/sessions.js';
import { AppError } from '../../errors.js';
import {
  actorOf,
  clearSessionCookie,
  presentedSessionToken,
  principalOf,
  setSessionCookie,
} from '../plugins/auth.js';

/** Login attempts per client IP per minute, whatever the emails (the per-email throttle is separate). */
export const loginAttemptsPerIpPerMinute = 30;

const SessionView = Type.Object({
  user: Type.Object({
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    name: Type.String(),
    role: Type.Enum(roles),
    teamId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    partnerId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  }),
  workspace: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), slug: Type.String() }),
  csrfToken: Type.String({ description: 'Send it back in the x-csrf-token header on every write.' }),
});

const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    workspace: Type.Optional(
      Type.String({ maxLength: 63, description: 'Workspace slug, when the email has accounts in several' }),
    ),
  },
  { additionalProperties: false },
);

export async function authRoutes(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
  const unknownEmails = new UnknownEmailFailures();
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/v1/auth/login',
    {
      config: { auth: 'public', rateLimit: { max: loginAttemptsPerIpPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password',
        description:
          'Sets the httpOnly `tandem_session` cookie and returns the CSRF token for writes. Wrong email and ' +
          'wrong password get the same 401 `invalid_credentials`; repeated failures for one email get 429 ' +
          '`login_throttled` with Retry-After.',
        security: [],
        body: LoginBody,
        response: { 200: SessionView },
      },
    },
    async (request, reply) => {
      const { deps } = app;
      const started = await logIn(
        { db: deps.db, config: deps.config, now: deps.clock(), unknownEmails },
        {
          email: request.body.email,
          password: request.body.password,
          workspace: request.body.workspace,
          presentedToken: presentedSessionToken(request),
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
      );
      setSessionCookie(reply, started.token, deps.config);
      void reply.header('cache-control', 'no-store');
      return started.view;
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log out: end the session and clear its cookie',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.kind === 'user') {
        await endSession(app.deps.db, {
          sessionId: principal.sessionId,
          workspaceId: principal.workspaceId,
          actor: actorOf(request),
          now: app.deps.clock(),
        });
        clearSessionCookie(reply, app.deps.config);
      }
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is logged in, and the CSRF token of the session',
        description: 'The web app calls it at load; 401 when nobody is logged in or the session has expired.',
        response: { 200: SessionView },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.kind !== 'user') {
        throw new AppError('unauthenticated', 'API keys have no login session');
      }
      const view = await describeSession(app.deps.db, {
        sessionId: principal.sessionId,
        workspaceId: principal.workspaceId,
        userId: principal.userId,
        role: principal.role,
        teamId: principal.teamId,
        partnerId: principal.partnerId,
        csrfToken: principal.csrfToken,
      });
      if (!view) throw new AppError('unauthenticated', 'log in');
      void reply.header('cache-control', 'no-store');
      return view;
    },
  );
}
