import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { insertRows } from '../packages/server/src/app/demo/insert-rows.js';
import { emailSendKind } from '../packages/server/src/app/notifications/notify.js';
import { nurtureStepKind, stepKey } from '../packages/server/src/app/nurture/kinds.js';
import { createWorkspace } from '../packages/server/src/app/workspaces.js';
import { loadConfig } from '../packages/server/src/config.js';
import { percentile } from '../packages/server/src/core/funnel/percentile.js';
import { buildApp } from '../packages/server/src/http/build-app.js';
import { newId } from '../packages/server/src/id.js';
import { defaultCatalog } from '../packages/server/src/jobs/catalog.js';
import { createJobRunner } from '../packages/server/src/jobs/runner.js';
import { createMailTransport } from '../packages/server/src/mail/mail-transport.js';
import { type Db, type DbHandle, openDb } from '../packages/server/src/store/db.js';
import { migrateToLatest } from '../packages/server/src/store/migrate.js';
import { adminQuery, startTestCluster, type TestCluster } from '../packages/server/test/postgres-cluster.js';
import { machineLine, table, writePerformanceSection } from './report.js';

/**
 * `npm run bench -- nurture [--scale 100000] [--sends 2000] [--clicks 2000] [--only pglite,postgres]`:
 * with `--scale` leads enrolled in an active program (one step timer each, all due), (1) nurture
 * steps advanced per second (the email rendered with tracking and written with its send timer),
 * (2) emails handed to a local SMTP server per second, for `--sends` emails; (3) the p50 / p99
 * of the click-tracking redirect against GET /health (both through Fastify's inject, no socket),
 * for `--clicks` clicks on distinct sends. Target (issue 7): the redirect adds ≤ 5 ms p99.
 */
function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? Number(args[at + 1]) : fallback;
}

const publicUrl = 'https://bench.tandem.test';

async function startSmtp() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received: () => received,
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function enroll(db: Db, scale: number, now: Date) {
  const ws = (await createWorkspace(db, { name: `Bench ${newId()}` })).id;
  const templateId = newId();
  await db
    .insertInto('email_template')
    .values({
      workspace_id: ws,
      id: templateId,
      name: 'Bench',
      subject: 'News for {{account.name | "your team"}}, {{contact.firstName | "there"}}',
      html: '<html><body><p>Hello {{contact.firstName | "there"}},</p><p>Our <a href="https://acme.test/guide?src=nurture">guide</a> and <a href="https://acme.test/pricing">pricing</a>.</p><p>{{rep.name | "The team"}}</p></body></html>',
      text: 'Hello {{contact.firstName | "there"}},\nOur guide: https://acme.test/guide?src=nurture\n',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const programId = newId();
  await db
    .insertInto('nurture_program')
    .values({
      workspace_id: ws,
      id: programId,
      name: 'Bench',
      status: 'active',
      rules: '[]',
      steps: JSON.stringify([
        { id: 'first', type: 'email', templateId },
        { id: 'pause', type: 'wait', minutes: 1440 },
        { id: 'second', type: 'email', templateId },
      ]),
      send_rate_per_minute: 100_000,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const contacts = [];
  const leads = [];
  const enrollments = [];
  const timers = [];
  for (let i = 0; i < scale; i++) {
    const contactId = newId(now.getTime());
    const leadId = newId(now.getTime());
    const enrollmentId = newId(now.getTime());
    contacts.push({
      workspace_id: ws,
      id: contactId,
      email: `person${i}@bench${i % 97}.test`,
      first_name: `Person${i}`,
      last_name: null,
      traits: '{}',
      consent: '{}',
      created_at: now,
      updated_at: now,
    });
    leads.push({
      workspace_id: ws,
      id: leadId,
      contact_id: contactId,
      stage: 'recycled' as const,
      fit_grade: 'B',
      created_at: now,
      updated_at: now,
    });
    enrollments.push({
      workspace_id: ws,
      id: enrollmentId,
      program_id: programId,
      lead_id: leadId,
      contact_id: contactId,
      current_step: 'first',
      step_seq: 1,
      next_at: now,
      enrolled_at: now,
      enrolled_by: 'rule' as const,
    });
    timers.push({
      workspace_id: ws,
      id: newId(now.getTime()),
      kind: nurtureStepKind,
      subject_type: 'nurture_enrollment',
      subject_id: enrollmentId,
      due_at: now,
      payload: JSON.stringify({ seq: 1 }),
      created_at: now,
      dedupe_key: stepKey(enrollmentId, 1),
    });
  }
  await insertRows(db, 'contact', contacts);
  await insertRows(db, 'lead', leads);
  await insertRows(db, 'nurture_enrollment', enrollments);
  await insertRows(db, 'timer', timers);
  return ws;
}

async function measure(
  handle: DbHandle,
  engine: 'pglite' | 'postgres',
  o: { scale: number; sends: number; clicks: number },
) {
  const db = handle.db;
  const smtp = await startSmtp();
  try {
    const config = loadConfig({
      TANDEM_DEMO: 'false',
      TANDEM_PUBLIC_URL: publicUrl,
      TANDEM_SMTP_URL: smtp.url,
    });
    // Pooled, as the server's job runner sends.
    const transport = createMailTransport(config, { info() {} }, { pool: true });
    const catalog = defaultCatalog(config, { mail: transport });
    const runner = (kinds: string[]) =>
      createJobRunner({
        db,
        clock: () => new Date(),
        catalog,
        worker: `bench-${kinds[0]}`,
        pollMs: 5,
        batch: 100,
        leaseMs: 300_000,
        kinds,
      });
    const setupStarted = performance.now();
    await enroll(db, o.scale, new Date(Date.now() - 60_000));
    console.log(
      `${engine}: ${o.scale.toLocaleString('en-US')} enrolled in ${((performance.now() - setupStarted) / 1000).toFixed(0)} s`,
    );

    // (1) Steps: render, track, write the email and its send timer, move the enrollment on.
    const steps = runner([nurtureStepKind]);
    let advanced = 0;
    const stepStarted = performance.now();
    while (advanced < o.sends) {
      const result = await steps.runOnce(new Date());
      advanced += result.done;
      if (result.claimed === 0) break;
    }
    const stepSeconds = (performance.now() - stepStarted) / 1000;
    await steps.stop();

    // (2) Hand-off to SMTP of the emails written.
    const mail = runner([emailSendKind]);
    const sendStarted = performance.now();
    for (;;) {
      const result = await mail.runOnce(new Date(Date.now() + 3_600_000));
      if (result.claimed === 0) break;
    }
    const sendSeconds = (performance.now() - sendStarted) / 1000;
    await mail.stop();
    const sent = smtp.received();
    transport.close?.();

    // (3) Click redirect vs a trivial route.
    const app = await buildApp({
      db,
      dbKind: engine,
      config,
      logger: false,
      ...(handle.listen ? { listen: handle.listen } : {}),
    });
    await app.ready();
    const tokens = (await db.selectFrom('nurture_send').select('token').limit(o.clicks).execute()).map(
      (s) => s.token,
    );
    const time = async (url: (i: number) => string, n: number) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        const res = await app.inject({ method: 'GET', url: url(i) });
        ms.push(performance.now() - started);
        if (res.statusCode >= 400) throw new Error(`${url(i)} answered ${res.statusCode}`);
      }
      return ms.sort((a, b) => a - b);
    };
    await time(() => '/health', 200);
    const health = await time(() => '/health', tokens.length);
    const clicks = await time((i) => `/t/c/${tokens[i]}.${i % 2}`, tokens.length);
    await app.close();
    const p = (xs: number[], q: number) => percentile(xs, q) ?? 0;
    return {
      advanced,
      sent,
      stepsPerSecond: advanced / stepSeconds,
      sendsPerSecond: sent / sendSeconds,
      endToEnd: sent / (stepSeconds + sendSeconds),
      health: { p50: p(health, 0.5), p99: p(health, 0.99) },
      click: { p50: p(clicks, 0.5), p99: p(clicks, 0.99) },
      clicks: tokens.length,
    };
  } finally {
    await smtp.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const scale = option(args, '--scale', 100_000);
  const sends = Math.min(option(args, '--sends', 2_000), scale);
  const clicks = option(args, '--clicks', 2_000);
  const onlyAt = args.indexOf('--only');
  const only = (onlyAt >= 0 ? (args[onlyAt + 1] ?? '') : 'pglite').split(',');
  const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-nurture-'));
  let cluster: TestCluster | undefined;
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const engine of (['pglite', 'postgres'] as const).filter((e) => only.includes(e))) {
      let handle: DbHandle;
      if (engine === 'pglite') handle = await openDb({ dataDir: path.join(temp, 'pglite') });
      else {
        cluster ??= await startTestCluster();
        await adminQuery(cluster.url('postgres'), 'create database bench_nurture');
        handle = await openDb({ databaseUrl: cluster.url('bench_nurture'), poolSize: 10 });
      }
      try {
        await migrateToLatest(handle.db);
        const r = await measure(handle, engine, { scale, sends, clicks });
        const added = r.click.p99 - r.health.p99;
        rows.push({
          engine: engine === 'pglite' ? 'PGlite' : 'PostgreSQL',
          'enrolled leads': scale.toLocaleString('en-US'),
          'steps advanced/s (render + write)': r.stepsPerSecond.toFixed(0),
          'emails handed to SMTP/s': r.sendsPerSecond.toFixed(0),
          'end to end emails/s': r.endToEnd.toFixed(0),
          'emails sent': r.sent.toLocaleString('en-US'),
          'click p50 / p99 ms': `${r.click.p50.toFixed(2)} / ${r.click.p99.toFixed(2)}`,
          '/health p50 / p99 ms': `${r.health.p50.toFixed(2)} / ${r.health.p99.toFixed(2)}`,
          'redirect adds, p99 ms': added.toFixed(2),
          'target ms': '≤ 5',
        });
      } finally {
        await handle.close();
      }
    }
  } finally {
    await cluster?.stop();
    rmSync(temp, { recursive: true, force: true });
  }
  console.log(table(rows));
  writePerformanceSection(
    'Nurture email (npm run bench -- nurture)',
    [
      machineLine(),
      '',
      `${scale.toLocaleString('en-US')} leads enrolled in an active program (rate limit 100,000 a minute, so it does not throttle), each with its step timer due. One runner advances the first ${sends.toLocaleString('en-US')} steps (batches of 100, one transaction each: lock the enrollment, read lead, contact, suppression and earlier sends, render the template with its variables, rewrite links to tracking URLs, add the pixel and unsubscribe footer and headers, write email_message, nurture_send and the send timer, schedule the next step); then one runner hands those emails to a local smtp-server on 127.0.0.1 over one pooled SMTP connection, as the server's runner does. The click redirect (\`GET /t/c/<token>.<link>\`: look the send up by token, count the click, schedule its Interest event, 302) is timed over ${clicks.toLocaleString('en-US')} distinct sends against \`GET /health\` through Fastify's inject, in one process on the same cores.`,
      '',
      table(rows),
    ].join('\n'),
  );
}
