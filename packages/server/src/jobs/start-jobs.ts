import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { createMailTransport } from '../mail/mail-transport.js';
import type { Db } from '../store/db.js';
import { defaultCatalog, type JobLog } from './catalog.js';
import { ensureSessionSweeps } from './expired-sessions.job.js';
import { ensureNurtureSweeps } from './nurture.job.js';
import { defaultWorkerName, type JobRunner, startJobRunner } from './runner.js';
import { ensureTouchpointBuilds } from './touchpoints.job.js';

/**
 * The server's job runner: schedules the recurring sweeps (idempotent) and starts polling.
 * A lease of five minutes bounds how long a crashed process's timers wait to be taken over.
 */
export async function startJobs(deps: {
  db: Db;
  clock: Clock;
  config: Config;
  log: JobLog;
}): Promise<JobRunner> {
  await ensureSessionSweeps(deps.db, deps.clock());
  await ensureTouchpointBuilds(deps.db, deps.clock());
  await ensureNurtureSweeps(deps.db, deps.clock());
  const mail = createMailTransport(deps.config, deps.log, { pool: true });
  const runner = startJobRunner({
    db: deps.db,
    clock: deps.clock,
    catalog: defaultCatalog(deps.config, { log: deps.log, mail }),
    worker: defaultWorkerName(),
    pollMs: 1_000,
    batch: 20,
    leaseMs: 5 * 60_000,
    log: deps.log,
  });
  return {
    runOnce: (now) => runner.runOnce(now),
    async stop() {
      await runner.stop();
      mail.close?.();
    },
  };
}
