import { jointReport, weekStart } from '../app/joint-report.js';
import { queueEmail } from '../app/notifications/notify.js';
import type { Config } from '../config.js';
import type { Executor } from '../store/executor.js';
import { scheduleTimer } from '../store/timer.repo.js';
import type { JobDefinition } from './catalog.js';
import { ensureEveryWorkspace } from './recurring.js';

export const jointReportKind = 'reports.weekly';
const dayMs = 86_400_000;
/** Sent on Mondays at 07:00 UTC, about the week that just ended. */
const sendHourUtc = 7;

/** The next Monday 07:00 UTC strictly after `now`. */
export function nextReportAt(now: Date): Date {
  let at = new Date(weekStart(now).getTime() + sendHourUtc * 3_600_000);
  while (at <= now) at = new Date(at.getTime() + 7 * dayMs);
  return at;
}

const reportKey = (at: Date) => `${jointReportKind}:${at.toISOString().slice(0, 10)}`;

async function scheduleReport(db: Executor, workspaceId: string, now: Date): Promise<boolean> {
  const at = nextReportAt(now);
  const outcome = await scheduleTimer(db, {
    workspaceId,
    kind: jointReportKind,
    dueAt: at,
    now,
    dedupeKey: reportKey(at),
  });
  return outcome.created;
}

/** Makes sure every workspace has its next weekly report scheduled (at start and every minute). */
export function ensureWeeklyReports(db: Executor, now: Date): Promise<number> {
  return ensureEveryWorkspace(db, jointReportKind, (workspaceId) => scheduleReport(db, workspaceId, now));
}

/**
 * The joint weekly report: rendered once for the week that just ended and put in the email
 * outbox for every active marketer, sales manager and admin (the email job sends it), then the
 * next week's is scheduled. Outbox rows and the next timer commit with the run, so a repeated
 * run after a crash sends nothing twice.
 */
export function jointReportJob(config: Pick<Config, 'publicUrl'>): JobDefinition {
  return {
    kind: jointReportKind,
    async handle({ db, now, timer, log }) {
      const workspaceId = timer.workspace_id;
      const from = new Date(weekStart(now).getTime() - 7 * dayMs);
      const { rendered } = await jointReport(db, { workspaceId, from, now, publicUrl: config.publicUrl });
      const recipients = await db
        .selectFrom('app_user')
        .select(['id', 'email'])
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'active')
        .where('role', 'in', ['marketing', 'sales_manager', 'admin'])
        .orderBy('id')
        .execute();
      for (const user of recipients) {
        await queueEmail(db, {
          workspaceId,
          notificationId: null,
          userId: user.id,
          to: user.email,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          now,
        });
      }
      await scheduleReport(db, workspaceId, now);
      log.info({ workspaceId, recipients: recipients.length }, 'joint weekly report queued');
    },
  };
}
