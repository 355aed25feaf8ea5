import type { FastifyInstance, FastifyRequest } from 'fastify';
import { verifyApiKey } from '../../app/api-keys.js';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { Db } from '../../store/db.js';
import type { Principal, RouteAuth } from '../types.js';

export interface AuthOptions {
  db: Db;
  clock: Clock;
  /** Resolves a session cookie into a principal (sessions are implemented in app/sessions.ts). */
  sessionPrincipal?: (request: FastifyRequest) => Promise<Principal | null>;
}

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

/**
 * Authentication by default: every route requires a user (session or secret key) unless its
 * `config.auth` says `public` or `write_key`. Role checks come from `config.roles`.
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
      if (!verified) throw new AppError('unauthenticated', 'the API key is invalid or revoked', { field: 'authorization' });
      request.principal = { kind: 'secret_key', workspaceId: verified.workspaceId, keyId: verified.keyId };
    } else {
      request.principal = (await options.sessionPrincipal?.(request)) ?? null;
    }
    if (!request.principal) throw new AppError('unauthenticated', 'log in or present a secret API key');
    const allowed = request.routeOptions.config?.roles;
    if (allowed && request.principal.kind === 'user' && !allowed.includes(request.principal.role)) {
      throw new AppError('forbidden', `this action needs one of the roles: ${allowed.join(', ')}`);
    }
  });
}
