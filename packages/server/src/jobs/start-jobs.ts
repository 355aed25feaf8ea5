import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { createMailTransport } from '../mail/mail-transport.js';
import type { Db } from '../store/db.js';
import { defaultCatalog, type JobLog } from './catalog.js';
import { ensureSessionSweeps } from './expired-sessions.job.js';
import { ensureWeeklyReports } from './joint-report.job.js';
import { ensureNurtureSweeps } from './nurture.job.js';
import { defaultWorkerName, type JobRunner, startJobRunner } from './runner.js';
import { ensureTouchpointBuilds } from './touchpoints.job.js';

/** How often the server checks that every workspace (also one created since start) has its builds. */
const ensureEveryMs = 60_000;

/**
 * The server's job runner: schedules the recurring sweeps (idempotent) and starts polling.
 * A lease of five minutes bounds how long a crashed process's timers wait to be taken over.
 * Workspaces created while the server runs get their touchpoint builds, weekly report and
 * nurture sweep scheduled within a minute.
 */
export async function startJobs(deps: {
  db: Db;
  clock: Clock;
  config: Config;
  log: JobLog;
}): Promise<JobRunner> {
  await ensureSessionSweeps(deps.db, deps.clock());
  await ensureTouchpointBuilds(deps.db, deps.clock());
  await ensureWeeklyReports(deps.db, deps.clock());
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
  const ensure = setInterval(() => {
    ensureTouchpointBuilds(deps.db, deps.clock())
      .then(() => ensureWeeklyReports(deps.db, deps.clock()))
      .then(() => ensureNurtureSweeps(deps.db, deps.clock()))
      .catch((error: unknown) => deps.log.error({ err: error }, 'scheduling recurring work failed'));
  }, ensureEveryMs);
  ensure.unref();
  return {
    runOnce: (now) => runner.runOnce(now),
    async stop() {
      clearInterval(ensure);
      await runner.stop();
      mail.close?.();
    },
  };
}
