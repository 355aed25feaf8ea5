import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notify } from '../src/app/notifications/notify.js';
import { createWebhook, replayDelivery } from '../src/app/notifications/webhooks.js';
import { createUser, createWorkspace, systemActor } from '../src/app/workspaces.js';
import { loadConfig } from '../src/config.js';
import { webhookRetryPolicy } from '../src/core/notifications/delivery-policy.js';
import { defaultCatalog } from '../src/jobs/catalog.js';
import { createJobRunner } from '../src/jobs/runner.js';
import { createMailTransport } from '../src/mail/mail-transport.js';
import type { Db, DbHandle } from '../src/store/db.js';
import { createTestDb } from './db.js';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

interface Received {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** A real SMTP server on 127.0.0.1; `failing` answers every recipient with a temporary error. */
async function startSmtp(options: { failing?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (options.failing) {
        const error = new Error('mailbox busy, try later') as Error & { responseCode: number };
        error.responseCode = 451;
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A webhook receiver on 127.0.0.1 answering with `behaviour`. */
async function startReceiver() {
  const requests: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const state = { status: 200, delayMs: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      const answer = () => res.writeHead(state.status).end('ok');
      if (state.delayMs > 0) setTimeout(answer, state.delayMs).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    requests,
    state,
    url: `http://127.0.0.1:${port}/hooks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('notification delivery: email over SMTP and signed webhooks', () => {
  let handle: DbHandle;
  let db: Db;
  let workspaceId: string;
  let repId: string;
  let otherId: string;

  const config = (env: Record<string, string> = {}) =>
    loadConfig({ TANDEM_PUBLIC_URL: 'https://tandem.example.com', ...env });
  const runner = (env: Record<string, string> = {}) => {
    const c = config(env);
    return createJobRunner({
      db,
      clock: () => t0,
      catalog: defaultCatalog(c, { mail: createMailTransport(c, { info() {} }), random: () => 0 }),
      worker: 'w',
      pollMs: 5,
      batch: 50,
      leaseMs: 60_000,
      random: () => 0,
    });
  };
  const leadMql = (recipients: string[], occurredAt = t0) => ({
    workspaceId,
    type: 'lead.mql' as const,
    recipientUserIds: recipients,
    subject: { type: 'lead' as const, id: '0195f000-0000-7000-8000-000000000001' },
    title: 'Ada Lovelace is now an MQL',
    body: 'Fit A, interest 72.\nAssigned to you.',
    data: { leadId: '0195f000-0000-7000-8000-000000000001', grade: 'A' },
    occurredAt,
  });

  beforeAll(async () => {
    handle = await createTestDb();
    db = handle.db;
    workspaceId = (await createWorkspace(db, { name: 'Notify' })).id;
    const mk = (email: string, name: string) =>
      createUser(
        db,
        { workspaceId, email, name, role: 'sales_rep', team: null, partnerId: null, password: null },
        systemActor,
      );
    repId = (await mk('rep@notify.test', 'Rita Rep')).id;
    otherId = (await mk('other@notify.test', 'Otto Other')).id;
  });
  afterAll(async () => {
    await handle?.close();
  });
  beforeEach(async () => {
    for (const table of ['timer', 'email_message', 'webhook_delivery', 'webhook_endpoint'] as const)
      await db.deleteFrom(table).execute();
  });

  it('an email reaches a real SMTP server, with text, HTML and a link to the subject', async () => {
    const smtp = await startSmtp();
    try {
      await db.transaction().execute((trx) => notify(trx, leadMql([repId])));
      const result = await runner({
        TANDEM_SMTP_URL: smtp.url,
        TANDEM_MAIL_FROM: 'Tandem <noreply@example.com>',
      }).runOnce(t0);
      expect(result).toMatchObject({ done: 1, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0]!;
      expect(mail.to).toEqual(['rep@notify.test']);
      expect(mail.from).toBe('noreply@example.com');
      expect(mail.subject).toBe('Ada Lovelace is now an MQL');
      expect(mail.text).toContain('Hello Rita Rep');
      expect(mail.text).toContain('https://tandem.example.com/leads/0195f000-0000-7000-8000-000000000001');
      expect(mail.html).toContain(
        'href="https://tandem.example.com/leads/0195f000-0000-7000-8000-000000000001"',
      );
      const email = await db.selectFrom('email_message').selectAll().executeTakeFirstOrThrow();
      expect(email).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
      // A second run (a retry after a crash) sends nothing more.
      expect(await runner({ TANDEM_SMTP_URL: smtp.url }).runOnce(at(60_000))).toMatchObject({ claimed: 0 });
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('a failing SMTP server leads to retries with backoff, then the email is sent', async () => {
    const failing = await startSmtp({ failing: true });
    await db.transaction().execute((trx) => notify(trx, leadMql([repId])));
    try {
      expect(await runner({ TANDEM_SMTP_URL: failing.url }).runOnce(t0)).toMatchObject({ done: 1 });
      let email = await db.selectFrom('email_message').selectAll().executeTakeFirstOrThrow();
      expect(email).toMatchObject({ status: 'pending', attempts: 1 });
      expect(email.last_error).toContain('451');
      // The retry waits 60 s (emailRetryPolicy, no jitter here); nothing is due before.
      expect(await runner({ TANDEM_SMTP_URL: failing.url }).runOnce(at(59_000))).toMatchObject({
        claimed: 0,
      });
      expect(await runner({ TANDEM_SMTP_URL: failing.url }).runOnce(at(60_000))).toMatchObject({ done: 1 });
      email = await db.selectFrom('email_message').selectAll().executeTakeFirstOrThrow();
      expect(email).toMatchObject({ status: 'pending', attempts: 2 });
    } finally {
      await failing.close();
    }
    const smtp = await startSmtp();
    try {
      expect(await runner({ TANDEM_SMTP_URL: smtp.url }).runOnce(at(180_000))).toMatchObject({ done: 1 });
      expect(smtp.received).toHaveLength(1);
      const email = await db.selectFrom('email_message').selectAll().executeTakeFirstOrThrow();
      expect(email).toMatchObject({ status: 'sent', attempts: 3 });
    } finally {
      await smtp.close();
    }
  });

  it('without TANDEM_SMTP_URL emails are only logged, recipient and subject', async () => {
    const logged: object[] = [];
    const transport = createMailTransport(config(), { info: (fields) => logged.push(fields) });
    expect(transport.kind).toBe('log');
    await transport.send({ to: 'a@b.test', subject: 'Hi', text: 'secret link https://x/reset?token=abc' });
    expect(logged).toEqual([{ to: 'a@b.test', subject: 'Hi' }]);
  });

  it('a rolled-back change notifies nobody', async () => {
    await db
      .transaction()
      .execute(async (trx) => {
        await notify(trx, leadMql([repId, otherId]));
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await db.selectFrom('email_message').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('timer').selectAll().execute()).toEqual([]);
  });

  it('webhooks are signed; the signature verifies with an independent check', async () => {
    const receiver = await startReceiver();
    try {
      const { secret } = await createWebhook(db, {
        workspaceId,
        url: receiver.url,
        events: ['lead.*'],
        actor: systemActor,
        now: t0,
        policy: { allowPrivate: true },
      });
      await createWebhook(db, {
        workspaceId,
        url: `${receiver.url}/requests-only`,
        events: ['request.*'],
        actor: systemActor,
        now: t0,
        policy: { allowPrivate: true },
      });
      const id = await db.transaction().execute((trx) => notify(trx, leadMql([repId])));
      await runner({ TANDEM_WEBHOOK_ALLOW_PRIVATE: 'true' }).runOnce(t0);
      expect(receiver.requests).toHaveLength(1);
      const { headers, body } = receiver.requests[0]!;
      expect(headers['content-type']).toBe('application/json');
      expect(headers['tandem-event']).toBe('lead.mql');
      const signature = String(headers['tandem-signature']);
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
      expect(match).not.toBeNull();
      const [, t, mac] = match!;
      expect(Number(t)).toBe(t0.getTime() / 1000);
      expect(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')).toBe(mac);
      expect(JSON.parse(body)).toMatchObject({ id, type: 'lead.mql', workspaceId, data: { grade: 'A' } });
      const delivery = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200 });
    } finally {
      await receiver.close();
    }
  });

  it('retries with backoff, dead-letters after the last attempt, and a replay delivers', async () => {
    const receiver = await startReceiver();
    receiver.state.status = 500;
    try {
      const { endpoint } = await createWebhook(db, {
        workspaceId,
        url: receiver.url,
        events: ['*'],
        actor: systemActor,
        now: t0,
        policy: { allowPrivate: true },
      });
      await db.transaction().execute((trx) => notify(trx, leadMql([])));
      const run = (now: Date) => runner({ TANDEM_WEBHOOK_ALLOW_PRIVATE: 'true' }).runOnce(now);
      let now = t0;
      const delays: number[] = [];
      for (let attempt = 1; attempt <= webhookRetryPolicy.maxAttempts; attempt++) {
        expect(await run(now)).toMatchObject({ done: 1 });
        const d = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
        expect(d.attempts).toBe(attempt);
        if (d.next_attempt_at) {
          delays.push(d.next_attempt_at.getTime() - now.getTime());
          now = d.next_attempt_at;
        }
      }
      expect(receiver.requests).toHaveLength(webhookRetryPolicy.maxAttempts);
      expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);
      let delivery = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
      expect(delivery).toMatchObject({ status: 'dead', last_status_code: 500 });
      expect(delivery.last_error).toContain('500');
      expect(await run(at(365 * 86_400_000))).toMatchObject({ claimed: 0 });

      receiver.state.status = 204;
      const later = at(86_400_000);
      await replayDelivery(db, { workspaceId, endpointId: endpoint.id, deliveryId: delivery.id, now: later });
      expect(await run(later)).toMatchObject({ done: 1 });
      delivery = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, replays: 1, last_status_code: 204 });
      // The replay sends the same bytes, signed afresh.
      expect(receiver.requests.at(-1)!.body).toBe(receiver.requests[0]!.body);
      expect(receiver.requests.at(-1)!.headers['tandem-signature']).toContain(`t=${later.getTime() / 1000},`);
    } finally {
      await receiver.close();
    }
  });

  it('a slow receiver times out and the attempt is retried', async () => {
    const receiver = await startReceiver();
    receiver.state.delayMs = 5_000;
    try {
      await createWebhook(db, {
        workspaceId,
        url: receiver.url,
        events: ['lead.mql'],
        actor: systemActor,
        now: t0,
        policy: { allowPrivate: true },
      });
      await db.transaction().execute((trx) => notify(trx, leadMql([])));
      await runner({ TANDEM_WEBHOOK_ALLOW_PRIVATE: 'true', TANDEM_WEBHOOK_TIMEOUT_SECONDS: '1' }).runOnce(t0);
      const delivery = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null });
      expect(delivery.last_error).toContain('no answer within 1000 ms');
    } finally {
      await receiver.close();
    }
  });

  it('refuses loopback and private targets by default, at creation and at delivery', async () => {
    for (const url of [
      'http://127.0.0.1/x',
      'http://10.0.0.1/x',
      'http://[::1]/x',
      'http://localhost:8080/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:127.0.0.1]/x',
    ]) {
      await expect(
        createWebhook(db, {
          workspaceId,
          url,
          events: ['*'],
          actor: systemActor,
          now: t0,
          policy: { allowPrivate: false },
        }),
        url,
      ).rejects.toMatchObject({ code: 'validation_failed', field: '/url' });
    }
    // Stored while allowed, delivered after the setting was turned off: refused at delivery, dead at once.
    const receiver = await startReceiver();
    try {
      await createWebhook(db, {
        workspaceId,
        url: receiver.url,
        events: ['*'],
        actor: systemActor,
        now: t0,
        policy: { allowPrivate: true },
      });
      await db.transaction().execute((trx) => notify(trx, leadMql([])));
      await runner().runOnce(t0);
      expect(receiver.requests).toHaveLength(0);
      const delivery = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
      expect(delivery).toMatchObject({ status: 'dead', attempts: 1 });
      expect(delivery.last_error).toContain('loopback');
    } finally {
      await receiver.close();
    }
  });
});
