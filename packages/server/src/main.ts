import { demoCredentials } from './app/seed-demo.js';
import { ConfigError, loadConfig } from './config.js';
import { AppError } from './errors.js';
import { type RunningServer, startServer } from './server.js';
import { findWorkspaceBySlug } from './store/workspace.repo.js';
import { tandemVersion } from './version.js';

/** Composition root: `node dist/main.js` (what `npm start` runs). */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // JSON logs on stdout; credentials never reach them.
  const loggerOptions = {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password'],
  };

  let server: RunningServer;
  try {
    server = await startServer({ config, logger: loggerOptions });
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`tandem: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const demo = await findWorkspaceBySlug(server.handle.db, 'demo');
  const lines = [
    `Tandem ${tandemVersion} listening on ${server.url} (database: ${server.handle.kind})`,
    `  web app  ${server.url}/`,
    `  API docs ${server.url}/docs`,
  ];
  if (server.startup.demoSeeded) lines.push('  demo workspace loaded (first run)');
  if (demo) {
    lines.push(`  demo logins (password for all: ${demoCredentials.password}):`);
    for (const user of demoCredentials.users) lines.push(`    ${user.role.padEnd(14)} ${user.email}`);
  }
  console.log(lines.join('\n'));

  const logger = server.app.log;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => {
      logger.error('shutdown grace period over; exiting');
      process.exit(1);
    }, config.shutdownGraceSeconds * 1000);
    force.unref();
    try {
      await server.close();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
