import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { createLiveHub, type LiveHub } from '../app/notifications/live-hub.js';
import { type Clock, systemClock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db, DbHandle } from '../store/db.js';
import { registerAuth, sessionPrincipalResolver } from './plugins/auth.js';
import { registerProblemHandlers } from './plugins/problem.js';
import { registerRoutes } from './routes/index.js';
import type { RouteAuth } from './types.js';

export interface AppDeps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  config: Config;
  clock?: Clock;
  /** pino options or false; tests pass false. */
  logger?: FastifyServerOptions['logger'];
  /** Built web app to serve at /; omitted in API-only tests. */
  webDir?: string;
  version?: string;
  /** LISTEN for live notifications (DbHandle.listen); without it the inbox stream polls. */
  listen?: DbHandle['listen'];
}

export interface RouteInfo {
  method: string;
  url: string;
  auth: RouteAuth;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access policy (the route-guard test walks it). */
    routeTable: RouteInfo[];
    deps: AppDeps & { clock: Clock };
    /** Pushes committed notifications to open inbox streams (app/notifications/live-hub.ts). */
    liveHub: LiveHub;
  }
}

export type App = FastifyInstance;

/** Builds the HTTP application without listening; tests call `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', { ...deps, clock });
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    // Documentation and the web app's static files are public by design, and said so here.
    if (route.url.startsWith('/docs') || route.prefix === '/docs') {
      route.config = { ...(route.config ?? {}), auth: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, auth: route.config?.auth ?? 'user' });
    }
  });

  registerProblemHandlers(app);
  await app.register(cookie);
  registerAuth(app, {
    db: deps.db,
    clock,
    sessionPrincipal: sessionPrincipalResolver({ db: deps.db, config: deps.config, clock }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tandem API',
        version: deps.version ?? '0.1.0',
        description:
          'REST API (secret key: `Authorization: Bearer tds_…`, or a session cookie with `x-csrf-token` on writes) ' +
          'and the Segment-compatible ingestion API (write key). Errors are `application/problem+json` ' +
          'with a stable `code` and the offending `field`.',
      },
      components: {
        securitySchemes: {
          secretKey: { type: 'http', scheme: 'bearer', description: 'Secret API key (tds_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
          writeKey: { type: 'http', scheme: 'basic', description: 'Write key as the user name (tdw_…)' },
        },
      },
      security: [{ secretKey: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const liveHub = await createLiveHub({ db: deps.db, listen: deps.listen, log: app.log });
  app.decorate('liveHub', liveHub);
  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => liveHub.close());

  await registerRoutes(app);

  if (deps.webDir && existsSync(path.join(deps.webDir, 'index.html'))) {
    const webDir = path.resolve(deps.webDir);
    // `serve: false` only adds reply.sendFile: one public catch-all route serves the web app, so its
    // files are not user-guarded routes and the problem+json 404 handler stays the only one.
    await app.register(fastifyStatic, { root: webDir, serve: false });
    app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, (request, reply) => {
      const rawPath = request.url.split('?')[0] ?? '/';
      let filePath: string;
      try {
        filePath = path.join(webDir, decodeURIComponent(rawPath));
      } catch {
        return reply.callNotFound();
      }
      if (/^\/(api|v1|docs)(\/|$)/.test(rawPath)) return reply.callNotFound();
      if (filePath.startsWith(webDir + path.sep) && existsSync(filePath) && statSync(filePath).isFile()) {
        return reply.sendFile(rawPath.slice(1));
      }
      // Client-side routes: browser navigations get the app shell.
      const wantsHtml = (request.headers.accept ?? '').includes('text/html');
      if (wantsHtml) return reply.type('text/html').sendFile('index.html');
      return reply.callNotFound();
    });
  }
  return app;
}
