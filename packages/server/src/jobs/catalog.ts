import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config.js';
import { defaultRetryPolicy, type RetryPolicy } from '../core/timers/retry-backoff.js';
import { createMailTransport, type MailTransport } from '../mail/mail-transport.js';
import type { Database, TimerRow } from '../store/schema.js';
import { emailJob } from './email.job.js';
import { expiredSessionsJob, type SessionSweepConfig } from './expired-sessions.job.js';
import { jointReportJob } from './joint-report.job.js';
import { leadRenurtureJob } from './lead-renurture.job.js';
import { nurtureStepJob, nurtureSweepJob, nurtureTrackJob } from './nurture.job.js';
import { contractActivationJob, rescoreChunkJob } from './rescore-leads.job.js';
import { slaJobs } from './sla-clock.job.js';
import { touchpointsJob } from './touchpoints.job.js';
import { type WebhookJobConfig, webhookJob } from './webhook.job.js';

export type NotificationJobsConfig = WebhookJobConfig & Pick<Config, 'publicUrl' | 'smtpUrl' | 'mailFrom'>;
export type NurtureJobsConfig = Pick<Config, 'publicUrl' | 'freemailDomains'>;

/** The narrow logging port jobs need (pino's and Fastify's loggers fit it). */
export interface JobLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentJobLog: JobLog = { info() {}, warn() {}, error() {} };

export interface JobContext {
  /**
   * The transaction that also marks the timer done: the handler's writes and the completion
   * commit together or not at all. Use only this handle (on PGlite, the single connection is
   * held by it; another query would wait for ever).
   */
  db: Transaction<Database>;
  /** The time of this run; never read the clock. */
  now: Date;
  timer: TimerRow;
  log: JobLog;
  /** What the job's `effect` returned (undefined for jobs without one). */
  effect?: unknown;
}

/** What a job's `effect` gets: the database itself, no transaction (see JobDefinition.effect). */
export interface JobEffectContext {
  db: Kysely<Database>;
  now: Date;
  timer: TimerRow;
  log: JobLog;
}

/**
 * What runs when a timer of `kind` falls due. Handlers MUST be idempotent: a run can be
 * repeated after a crash between the effect and the commit (outside effects such as email or
 * webhooks) or after a failure, and a handler must re-check that its subject still needs it
 * (the clock may have stopped since the timer was scheduled). Writes to the database through
 * ctx.db happen exactly once: they commit with the completion.
 */
export interface JobDefinition {
  kind: string;
  handle(ctx: JobContext): Promise<void>;
  /** Defaults to defaultRetryPolicy. */
  retry?: RetryPolicy;
  /**
   * An outside effect (an SMTP send, a webhook POST) run before the handler's transaction opens,
   * while the timer's lease is held; its result reaches `handle` as ctx.effect, which records
   * it. Slow network calls then never hold a database connection (PGlite has only one). If it
   * throws, the timer is retried by its policy; after a crash between the effect and the commit
   * the effect runs again (at-least-once), so receivers deduplicate.
   */
  effect?(ctx: JobEffectContext): Promise<unknown>;
}

export type JobCatalog = ReadonlyMap<string, JobDefinition>;

/** Builds a catalog, refusing two definitions of one kind. */
export function createCatalog(jobs: readonly JobDefinition[]): JobCatalog {
  const catalog = new Map<string, JobDefinition>();
  for (const job of jobs) {
    if (catalog.has(job.kind)) throw new Error(`job kind ${job.kind} is defined twice`);
    catalog.set(job.kind, job);
  }
  return catalog;
}

export const retryPolicyOf = (job: JobDefinition | undefined): RetryPolicy =>
  job?.retry ?? defaultRetryPolicy;

/** Every job kind the server runs. Without a mail transport, one is made from the config. */
export function defaultCatalog(
  config: SessionSweepConfig & NotificationJobsConfig & NurtureJobsConfig,
  services: { mail?: MailTransport; log?: JobLog; random?: () => number } = {},
): JobCatalog {
  const mail = services.mail ?? createMailTransport(config, services.log ?? silentJobLog);
  const random = services.random ?? Math.random;
  return createCatalog([
    expiredSessionsJob(config),
    ...slaJobs,
    leadRenurtureJob,
    rescoreChunkJob(),
    contractActivationJob,
    touchpointsJob,
    emailJob({ config, mail, random }),
    webhookJob({ config, random }),
    jointReportJob(config),
    nurtureStepJob(config),
    nurtureSweepJob,
    nurtureTrackJob(config),
  ]);
}
