import { emailAttemptKey, emailSendKind } from '../app/notifications/notify.js';
import { recordBounce } from '../app/nurture/tracking.js';
import type { Config } from '../config.js';
import { afterFailedAttempt, emailRetryPolicy } from '../core/notifications/delivery-policy.js';
import { renderNotificationEmail, subjectPath } from '../core/notifications/render-email.js';
import type { MailMessage, MailTransport } from '../mail/mail-transport.js';
import { findEmailMessage, recordEmailAttempt } from '../store/email-message.repo.js';
import type { Executor } from '../store/executor.js';
import { isSuppressed } from '../store/nurture.repo.js';
import type { EmailMessageRow } from '../store/schema.js';
import { scheduleTimer } from '../store/timer.repo.js';
import type { JobDefinition, JobEffectContext } from './catalog.js';

type SendOutcome =
  | { kind: 'skip' }
  | { kind: 'sent' }
  | { kind: 'suppressed' }
  | { kind: 'failed'; error: string; permanent: boolean };

/** An SMTP answer in the 5xx range: the server refused the message for good. */
const permanentFailure = (error: unknown): boolean => {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/** Whether this attempt is still to be made (not recorded yet, message not settled). */
const awaits = (email: EmailMessageRow | undefined, attempt: number): email is EmailMessageRow =>
  email !== undefined && email.status === 'pending' && email.attempts < attempt;

const attemptOf = (payload: Record<string, unknown>): number => Number(payload.attempt ?? 1);

/** What the email says: a notification's rendering with its link, or the stored bodies as they are. */
async function composeEmail(db: Executor, email: EmailMessageRow, publicUrl: string): Promise<MailMessage> {
  if (email.notification_id) {
    const notification = await db
      .selectFrom('notification')
      .selectAll()
      .where('workspace_id', '=', email.workspace_id)
      .where('id', '=', email.notification_id)
      .executeTakeFirst();
    const user = email.user_id
      ? await db
          .selectFrom('app_user')
          .select('name')
          .where('workspace_id', '=', email.workspace_id)
          .where('id', '=', email.user_id)
          .executeTakeFirst()
      : undefined;
    if (notification) {
      const rendered = renderNotificationEmail({
        title: notification.title,
        body: notification.body,
        link: `${publicUrl}${subjectPath({ type: notification.subject_type, id: notification.subject_id })}`,
        recipientName: user?.name ?? email.to_address,
      });
      return { to: email.to_address, subject: rendered.subject, text: rendered.text, html: rendered.html };
    }
  }
  const headers = email.headers ?? {};
  return {
    to: email.to_address,
    subject: email.subject,
    text: email.text_body,
    ...(email.html_body ? { html: email.html_body } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

/**
 * Sends one email_message. The SMTP exchange runs outside the database transaction (the job's
 * effect); the handler then records the attempt: sent, or a retry scheduled with backoff, or
 * failed once emailRetryPolicy's attempts are spent. Each attempt is its own timer (payload.attempt),
 * so a repeated run of an attempt already recorded does nothing.
 */
export function emailJob(deps: {
  config: Pick<Config, 'publicUrl'>;
  mail: MailTransport;
  random?: () => number;
}): JobDefinition {
  const random = deps.random ?? Math.random;
  return {
    kind: emailSendKind,
    async effect({ db, timer }: JobEffectContext): Promise<SendOutcome> {
      const email = await findEmailMessage(db, timer.workspace_id, timer.subject_id ?? '');
      if (!awaits(email, attemptOf(timer.payload))) return { kind: 'skip' };
      // Marketing email is checked against the suppression list right before it leaves.
      if (email.stream === 'marketing' && (await isSuppressed(db, email.workspace_id, email.to_address)))
        return { kind: 'suppressed' };
      try {
        await deps.mail.send(await composeEmail(db, email, deps.config.publicUrl));
        return { kind: 'sent' };
      } catch (error) {
        return {
          kind: 'failed',
          error: error instanceof Error ? error.message : String(error),
          permanent: permanentFailure(error),
        };
      }
    },
    async handle({ db, now, timer, log, effect }) {
      const outcome = effect as SendOutcome;
      if (outcome.kind === 'skip') return;
      const attempt = attemptOf(timer.payload);
      const email = await findEmailMessage(db, timer.workspace_id, timer.subject_id ?? '', { lock: true });
      if (!awaits(email, attempt)) return;
      const base = { workspaceId: email.workspace_id, id: email.id, attempts: attempt };
      if (outcome.kind === 'sent') {
        await recordEmailAttempt(db, { ...base, status: 'sent', error: null, sentAt: now });
        log.info({ emailId: email.id, to: email.to_address, transport: deps.mail.kind }, 'email sent');
        return;
      }
      if (outcome.kind === 'suppressed') {
        await recordEmailAttempt(db, {
          ...base,
          status: 'failed',
          error: 'not sent: the address is suppressed',
          sentAt: null,
        });
        return;
      }
      // A marketing email refused for good is a bounce: no retry, the address is suppressed.
      if (outcome.permanent && email.stream === 'marketing') {
        await recordEmailAttempt(db, { ...base, status: 'failed', error: outcome.error, sentAt: null });
        await recordBounce(db, {
          workspaceId: email.workspace_id,
          emailMessageId: email.id,
          error: outcome.error,
          now,
        });
        log.warn({ emailId: email.id, error: outcome.error }, 'email bounced; address suppressed');
        return;
      }
      const next = afterFailedAttempt(attempt, now, emailRetryPolicy, random());
      if (next.kind === 'give_up') {
        await recordEmailAttempt(db, { ...base, status: 'failed', error: outcome.error, sentAt: null });
        log.error({ emailId: email.id, attempts: attempt, error: outcome.error }, 'email failed for good');
        return;
      }
      await recordEmailAttempt(db, { ...base, status: 'pending', error: outcome.error, sentAt: null });
      await scheduleTimer(db, {
        workspaceId: email.workspace_id,
        kind: emailSendKind,
        dueAt: next.at,
        now,
        subjectType: 'email',
        subjectId: email.id,
        payload: { attempt: attempt + 1 },
        dedupeKey: emailAttemptKey(email.id, attempt + 1),
      });
      log.warn({ emailId: email.id, attempts: attempt, error: outcome.error }, 'email failed; will retry');
    },
  };
}
