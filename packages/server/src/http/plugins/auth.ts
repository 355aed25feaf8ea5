import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyApiKey } from '../../app/api-keys.js';
import { resolveSession, type SessionConfig } from '../../app/sessions.js';
import type { Viewer } from '../../app/viewer.js';
import type { Actor } from '../../app/workspaces.js';
import type { Clock } from '../../clock.js';
import { type Config, isSecureOrigin } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Db } from '../../store/db.js';
import { type Principal, type RouteAuth, viewerOf } from '../types.js';

export interface AuthOptions {
  db: Db;
  clock: Clock;
  /** Resolves a session cookie into a principal (sessions are implemented in app/sessions.ts). */
  sessionPrincipal?: (request: FastifyRequest) => Promise<Principal | null>;
}

/** The login session cookie: an opaque random token, httpOnly, SameSite=Lax. */
export const sessionCookieName = 'tandem_session';
export const csrfHeaderName = 'x-csrf-token';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Reads `Authorization: Bearer <key>` or `Basic base64(<key>:)`. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const user = decoded.split(':', 1)[0];
    return user || undefined;
  }
  return undefined;
}

export function presentedSessionToken(request: FastifyRequest): string | undefined {
  return request.cookies?.[sessionCookieName] || undefined;
}

export function setSessionCookie(reply: FastifyReply, token: string, config: Config): void {
  void reply.setCookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: isSecureOrigin(config),
    maxAge: config.sessionMaxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  void reply.clearCookie(sessionCookieName, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: isSecureOrigin(config),
  });
}

/**
 * The session resolver build-app plugs into registerAuth: cookie → session → principal.
 * An expired session answers 401 `session_expired` so the web app can say why it logged out.
 */
export function sessionPrincipalResolver(deps: {
  db: Db;
  config: SessionConfig;
  clock: Clock;
}): (request: FastifyRequest) => Promise<Principal | null> {
  return async (request) => {
    const token = presentedSessionToken(request);
    if (!token) return null;
    const lookup = await resolveSession(deps.db, { token, config: deps.config, now: deps.clock() });
    if (lookup.kind === 'expired')
      throw new AppError('session_expired', 'the session has expired; log in again');
    if (lookup.kind === 'none') return null;
    const s = lookup.session;
    return {
      kind: 'user',
      via: 'session',
      workspaceId: s.workspaceId,
      userId: s.userId,
      role: s.role,
      teamId: s.teamId,
      partnerId: s.partnerId,
      sessionId: s.sessionId,
      csrfToken: s.csrfToken,
    };
  };
}

/** The authenticated caller of a `user` route (the auth hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'log in or present a secret API key');
  return request.principal;
}

export function requestViewer(request: FastifyRequest): Viewer {
  return viewerOf(principalOf(request));
}

/** Who to name in the audit log for this request. */
export function actorOf(request: FastifyRequest): Actor {
  const principal = principalOf(request);
  switch (principal.kind) {
    case 'user':
      return { kind: 'user', id: principal.userId, ip: request.ip };
    case 'secret_key':
    case 'write_key':
      return { kind: 'api_key', id: principal.keyId, ip: request.ip };
  }
}

function sameToken(presented: string | string[] | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Authentication by default: every route requires a user (session or secret key) unless its
 * `config.auth` says `public` or `write_key`. Role checks come from `config.roles`.
 *
 * Writes authenticated by cookie must echo the session's CSRF token in `x-csrf-token`: a cookie
 * rides along on cross-site requests, a custom header cannot. Bearer keys are never sent
 * implicitly by a browser, so they need no token.
 */
export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url === undefined) return; // no route matched: the 404 handler answers
    const auth: RouteAuth = request.routeOptions.config?.auth ?? 'user';
    if (auth === 'public') return;
    if (auth === 'write_key') return; // ingestion resolves its key itself (also from the body)
    const key = presentedKey(request);
    if (key !== undefined) {
      const verified = await verifyApiKey(options.db, key, 'secret', options.clock());
      if (!verified)
        throw new AppError('unauthenticated', 'the API key is invalid or revoked', {
          field: 'authorization',
        });
      request.principal = { kind: 'secret_key', workspaceId: verified.workspaceId, keyId: verified.keyId };
    } else {
      request.principal = (await options.sessionPrincipal?.(request)) ?? null;
    }
    if (!request.principal) throw new AppError('unauthenticated', 'log in or present a secret API key');
    if (
      request.principal.kind === 'user' &&
      unsafeMethods.has(request.method) &&
      !sameToken(request.headers[csrfHeaderName], request.principal.csrfToken)
    ) {
      throw new AppError('csrf_failed', `send the session's CSRF token in the ${csrfHeaderName} header`, {
        field: csrfHeaderName,
      });
    }
    const allowed = request.routeOptions.config?.roles;
    if (allowed && request.principal.kind === 'user' && !allowed.includes(request.principal.role)) {
      throw new AppError('forbidden', `this action needs one of the roles: ${allowed.join(', ')}`);
    }
  });
}
