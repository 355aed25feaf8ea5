import type { Role } from '@tandem/contracts';
import type { Viewer } from '../app/viewer.js';

/**
 * The authenticated caller of a request.
 * - `user`: a person, by session cookie (`via: 'session'`).
 * - `secret_key`: a REST API secret key; acts as a workspace admin.
 * - `write_key`: a public ingestion key; only ingestion routes accept it.
 */
export type Principal =
  | {
      kind: 'user';
      via: 'session';
      workspaceId: string;
      userId: string;
      role: Role;
      teamId: string | null;
      partnerId: string | null;
      sessionId: string;
      csrfToken: string;
    }
  | { kind: 'secret_key'; workspaceId: string; keyId: string }
  | { kind: 'write_key'; workspaceId: string; keyId: string };

/**
 * Access policy of a route, in its `config.auth`:
 * - `user` (the default when omitted): a session or a secret key;
 * - `write_key`: an ingestion write key;
 * - `public`: no authentication at all; must be chosen explicitly.
 */
export type RouteAuth = 'public' | 'user' | 'write_key';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** Roles allowed on a `user` route; secret keys count as admin. Omitted: every role. */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function viewerOf(principal: Principal): Viewer {
  switch (principal.kind) {
    case 'user':
      return {
        workspaceId: principal.workspaceId,
        userId: principal.userId,
        role: principal.role,
        teamId: principal.teamId,
        partnerId: principal.partnerId,
      };
    case 'secret_key':
      return {
        workspaceId: principal.workspaceId,
        userId: null,
        role: 'admin',
        teamId: null,
        partnerId: null,
      };
    case 'write_key':
      throw new Error('a write key has no viewer: it may only ingest');
  }
}
