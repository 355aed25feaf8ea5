import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyServerOptions } from 'fastify';
import { isDatabaseEmpty, seedDemo } from './app/seed-demo.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { type App, buildApp } from './http/build-app.js';
import type { JobRunner } from './jobs/runner.js';
import { startJobs } from './jobs/start-jobs.js';
import type { DbHandle } from './store/db.js';
import { migrateToLatest } from './store/migrate.js';
import { openConfiguredDb } from './store/open-configured-db.js';
import { tandemVersion } from './version.js';

/** The built web app (packages/web/dist), found from src/ and dist/ alike. */
export const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface StartServerOptions {
  config: Config;
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** Load the demo workspace into an empty database; defaults to config.seedDemoOnFirstRun. */
  seedDemo?: boolean;
  clock?: Clock;
}

export interface RunningServer {
  url: string;
  port: number;
  app: App;
  handle: DbHandle;
  /** What start-up did: migrations applied, demo loaded. */
  startup: { migrationsApplied: string[]; demoSeeded: boolean };
  /** Stops accepting connections, drains in-flight requests, checkpoints and closes the database. */
  close(): Promise<void>;
}

/** Opens (and locks) the database, migrates, seeds an empty one, and listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const handle = await openConfiguredDb(config, 'server');
  try {
    const { applied } = await migrateToLatest(handle.db);
    let demoSeeded = false;
    if ((options.seedDemo ?? config.seedDemoOnFirstRun) && (await isDatabaseEmpty(handle.db))) {
      await seedDemo(handle.db, { now: clock(), dataDir: config.dataDir });
      demoSeeded = true;
    }
    const webDir = options.webDir ?? defaultWebDir;
    const app = await buildApp({
      db: handle.db,
      dbKind: handle.kind,
      config,
      clock,
      logger: options.logger ?? false,
      version: tandemVersion,
      ...(handle.listen ? { listen: handle.listen } : {}),
      ...(existsSync(webDir) ? { webDir } : {}),
    });
    if (config.webhookAllowPrivate)
      app.log.warn(
        'TANDEM_WEBHOOK_ALLOW_PRIVATE is on: webhooks may reach loopback and private addresses of this network',
      );
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    let jobs: JobRunner | undefined;
    try {
      if (config.jobs) jobs = await startJobs({ db: handle.db, clock, config, log: app.log });
    } catch (error) {
      await app.close();
      throw error;
    }
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`,
      port,
      app,
      handle,
      startup: { migrationsApplied: applied, demoSeeded },
      close() {
        closing ??= (async () => {
          try {
            // The handler in flight finishes before the database closes under it.
            const [appClosed] = await Promise.allSettled([app.close(), jobs?.stop()]);
            if (appClosed.status === 'rejected') throw appClosed.reason;
          } finally {
            await handle.close();
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
