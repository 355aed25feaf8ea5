import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.js';

/** One outgoing email. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe; a `Message-ID` here becomes the message's id. */
  headers?: Record<string, string>;
}

/** The narrow port everything that sends email uses (notifications today, nurture next). */
export interface MailTransport {
  /** 'smtp' sends; 'log' only logs recipient and subject (no SMTP server configured). */
  readonly kind: 'smtp' | 'log';
  /** Resolves when the server accepted the message; rejects on any failure (callers retry). */
  send(message: MailMessage): Promise<{ messageId: string | null }>;
  /** Closes pooled connections (a pooled transport only). */
  close?(): void;
}

export interface MailLog {
  info(fields: object, message: string): void;
}

/**
 * The transport configured by TANDEM_SMTP_URL and TANDEM_MAIL_FROM. Without an SMTP URL it is
 * log-only: it logs who would receive what subject, never bodies (they may hold links and
 * personal data) nor credentials. One connection per message unless `pool` is set (the
 * server's job runner pools, and closes the pool when it stops; nurture sends many).
 */
export function createMailTransport(
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>,
  log: MailLog,
  options: { timeoutMs?: number; pool?: boolean } = {},
): MailTransport {
  if (!config.smtpUrl) {
    return {
      kind: 'log',
      async send(message) {
        log.info({ to: message.to, subject: message.subject }, 'email not sent: no SMTP server configured');
        return { messageId: null };
      },
    };
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const connection = {
    url: config.smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
  const defaults = { from: config.mailFrom };
  // Pooled, one connection carries many messages (opening one costs far more than a message).
  const transport: Transporter<{ messageId?: unknown }> = options.pool
    ? nodemailer.createTransport({ ...connection, pool: true, maxConnections: 1, maxMessages: 500 }, defaults)
    : nodemailer.createTransport(connection, defaults);
  return {
    kind: 'smtp',
    async send(message) {
      const { 'Message-ID': messageId, ...headers } = message.headers ?? {};
      const info = await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
        ...(messageId ? { messageId } : {}),
      });
      return { messageId: typeof info.messageId === 'string' ? info.messageId : null };
    },
    close: () => transport.close(),
  };
}
