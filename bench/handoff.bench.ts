import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { insertRows } from '../packages/server/src/app/demo/insert-rows.js';
import { setBusinessHours, setRoutingRules } from '../packages/server/src/app/routing-settings.js';
import { createApiKey, createUser, createWorkspace } from '../packages/server/src/app/workspaces.js';
import { loadConfig } from '../packages/server/src/config.js';
import { percentile } from '../packages/server/src/core/funnel/percentile.js';
import { exampleContract } from '../packages/server/src/core/scoring/example-contract.js';
import { buildApp } from '../packages/server/src/http/build-app.js';
import { newId } from '../packages/server/src/id.js';
import { defaultCatalog } from '../packages/server/src/jobs/catalog.js';
import { createJobRunner } from '../packages/server/src/jobs/runner.js';
import { type Db, type DbHandle, openDb } from '../packages/server/src/store/db.js';
import { migrateToLatest } from '../packages/server/src/store/migrate.js';
import { adminQuery, startTestCluster, type TestCluster } from '../packages/server/test/postgres-cluster.js';
import { machineLine, table, writePerformanceSection } from './report.js';

/**
 * `npm run bench -- handoff [--duration 20] [--clocks 100000] [--due 5000] [--only pglite,postgres]`:
 * (1) the time from the POST of the event that makes a lead an MQL to the moment the assigned
 * rep's open notification stream (server-sent events, as the web app's bell) delivers
 * `lead.assigned` — and, as a second figure, to the POST's answer, which comes after the commit
 * that routed the lead, assigned it and started its clocks (checked afterwards for every probe)
 * — while other clients keep ingesting 15-event batches; (2) SLA timers fired per
 * second by one runner when 100,000 clocks are open (300,000 pending timers) and `--due` of them
 * fall due at once. Target (issue 5): p95 < 1 s. Server and load share the process and the cores.
 */
const allDay = [{ start: '00:00', end: '24:00' }];
const repPassword = 'bench-password-for-reps';

/** Server-sent `lead.assigned` notifications of one rep, read as the web app's bell reads them. */
async function assignedStream(
  base: string,
  email: string,
  onAssigned: (leadId: string, at: number) => void,
): Promise<AbortController> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: repPassword }),
  });
  if (!login.ok) throw new Error(`login ${email}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/notifications/stream`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`stream ${email}: ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').find((line) => line.startsWith('data: '));
          if (data) {
            const { notification } = JSON.parse(data.slice(6)) as {
              notification: { type: string; data: { leadId?: string } };
            };
            if (notification.type === 'lead.assigned' && notification.data.leadId) {
              onAssigned(notification.data.leadId, performance.now());
            }
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted at the end of the run.
    }
  })();
  return abort;
}

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? Number(args[at + 1]) : fallback;
}

async function setup(db: Db, now: Date) {
  const ws = (await createWorkspace(db, { name: `Bench ${newId()}` })).id;
  const writeKey = (await createApiKey(db, { workspaceId: ws, kind: 'write' })).key;
  const reps: string[] = [];
  for (let i = 0; i < 4; i++) {
    reps.push(
      (
        await createUser(db, {
          workspaceId: ws,
          email: `rep${i}@bench.test`,
          name: `Rep ${i}`,
          role: 'sales_rep',
          password: repPassword,
          team: 'Sales',
        })
      ).id,
    );
  }
  const teamId = (
    await db.selectFrom('team').select('id').where('workspace_id', '=', ws).executeTakeFirstOrThrow()
  ).id;
  await setBusinessHours(db, {
    workspaceId: ws,
    teamId,
    hours: {
      timeZone: 'UTC',
      week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    },
    now,
  });
  await setRoutingRules(db, {
    workspaceId: ws,
    funnel: 'default',
    rules: [{ id: 'all', kind: 'catch_all', target: { kind: 'team', teamId, strategy: 'round_robin' } }],
    userId: null,
    now,
  });
  const past = new Date(now.getTime() - 86_400_000);
  await db
    .insertInto('lead_contract')
    .values({
      workspace_id: ws,
      id: newId(),
      version: 1,
      status: 'active',
      document: JSON.stringify(exampleContract),
      source_format: 'json',
      source: null,
      author_id: null,
      created_at: past,
      updated_at: past,
      submitted_at: past,
      effective_at: past,
      activated_at: past,
    })
    .execute();
  return { ws, writeKey, reps, teamId };
}

async function handoffLatency(handle: DbHandle, kind: 'pglite' | 'postgres', seconds: number) {
  const db = handle.db;
  const ctx = await setup(db, new Date());
  const app = await buildApp({
    db,
    dbKind: handle.kind,
    config: loadConfig({ TANDEM_DEMO: 'false' }),
    clock: () => new Date(),
    logger: false,
    ...(handle.listen ? { listen: handle.listen } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const url = `${base}/v1/batch`;
  // Probes run one at a time and only probes make MQLs, so the next `lead.assigned` is the probe's.
  let awaitingAssignment: ((leadId: string, at: number) => void) | undefined;
  const streams = await Promise.all(
    ctx.reps.map((_, i) =>
      assignedStream(base, `rep${i}@bench.test`, (leadId, at) => awaitingAssignment?.(leadId, at)),
    ),
  );
  const auth = `Basic ${Buffer.from(`${ctx.writeKey}:`).toString('base64')}`;
  let seq = 0;
  const post = (batch: unknown[]) =>
    fetch(url, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ batch }),
    });
  const end = Date.now() + seconds * 1000;
  let background = 0;
  const loaders = Array.from({ length: 4 }, async () => {
    while (Date.now() < end) {
      const batch = Array.from({ length: 15 }, () => ({
        type: 'page',
        name: '/docs',
        anonymousId: `anon-${++seq % 3000}`,
        messageId: `bg-${kind}-${seq}`,
        properties: { path: '/docs' },
      }));
      const res = await post(batch);
      if (res.ok) background += 15;
      await res.arrayBuffer();
    }
  });
  const latencies: number[] = [];
  const notified: number[] = [];
  const notifiedLeads = new Map<string, string>();
  const emails: string[] = [];
  let missed = 0;
  const probes = (async () => {
    while (Date.now() < end) {
      const id = `probe-${kind}-${++seq}`;
      const email = `${id}@probe${seq % 500}.example`;
      const assignment = new Promise<{ leadId: string; at: number } | undefined>((resolve) => {
        const timeout = setTimeout(() => resolve(undefined), 10_000);
        awaitingAssignment = (leadId, at) => {
          clearTimeout(timeout);
          awaitingAssignment = undefined;
          resolve({ leadId, at });
        };
      });
      const started = performance.now();
      const res = await post([
        { type: 'identify', userId: id, messageId: `${id}-i`, traits: { email, title: 'VP Marketing' } },
        { type: 'track', userId: id, messageId: `${id}-t`, event: 'Demo Requested' },
      ]);
      await res.arrayBuffer();
      const acknowledged = performance.now();
      const seen = await assignment;
      if (res.ok) {
        latencies.push(acknowledged - started);
        emails.push(email);
        if (seen) {
          notified.push(seen.at - started);
          notifiedLeads.set(email, seen.leadId);
        } else missed++;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await Promise.all([...loaders, probes]);
  for (const stream of streams) stream.abort();
  await app.close();
  // Every acknowledged probe must be assigned with both clocks: the answer came after that commit.
  const assigned = await db
    .selectFrom('lead')
    .innerJoin('contact', (j) =>
      j.onRef('contact.workspace_id', '=', 'lead.workspace_id').onRef('contact.id', '=', 'lead.contact_id'),
    )
    .select(['lead.id', 'lead.owner_id', 'contact.email'])
    .where('lead.workspace_id', '=', ctx.ws)
    .where('contact.email', 'in', emails)
    .execute();
  const clocks = await db
    .selectFrom('sla_clock')
    .select('subject_id')
    .where('workspace_id', '=', ctx.ws)
    .execute();
  const withClocks = assigned.filter(
    (l) => l.owner_id && clocks.filter((c) => c.subject_id === l.id).length === 2,
  ).length;
  // Each stream notification must name the probe's own lead.
  const matched = assigned.filter((l) => l.email && notifiedLeads.get(l.email) === l.id).length;
  latencies.sort((a, b) => a - b);
  notified.sort((a, b) => a - b);
  return {
    probes: latencies.length,
    complete: withClocks,
    notified: notified.length,
    matched,
    missed,
    p50: percentile(latencies, 0.5) ?? 0,
    p95: percentile(latencies, 0.95) ?? 0,
    notifiedP50: percentile(notified, 0.5) ?? 0,
    notifiedP95: percentile(notified, 0.95) ?? 0,
    backgroundPerSecond: Math.round(background / seconds),
  };
}

async function timerRate(db: Db, clocks: number, due: number) {
  const now = new Date('2026-06-01T12:00:00Z');
  const ctx = await setup(db, now);
  const clockRows = [];
  const timerRows = [];
  for (let i = 0; i < clocks; i++) {
    const id = newId(now.getTime());
    // The first `due` clocks warn now; the rest warn, breach and reassign later.
    const warnAt = new Date(now.getTime() + (i < due ? -1000 : 3_600_000));
    const dueAt = new Date(now.getTime() + 7_200_000);
    clockRows.push({
      workspace_id: ctx.ws,
      id,
      subject_type: 'lead' as const,
      subject_id: newId(),
      kind: 'first_touch' as const,
      assignee_id: ctx.reps[i % 4]!,
      team_id: ctx.teamId,
      started_at: now,
      warn_at: warnAt,
      due_at: dueAt,
      reassign_at: new Date(now.getTime() + 36_000_000),
      stopped_at: null,
      stop_cause: null,
      outcome: null,
      warned_at: null,
      breached_at: null,
      contract_version: 1,
    });
    for (const [milestone, at] of [
      ['warning', warnAt],
      ['breach', dueAt],
      ['reassign', new Date(now.getTime() + 36_000_000)],
    ] as const) {
      timerRows.push({
        workspace_id: ctx.ws,
        id: newId(now.getTime()),
        kind: `sla.${milestone}`,
        subject_type: 'sla_clock',
        subject_id: id,
        due_at: at,
        payload: JSON.stringify({ clockId: id }),
        created_at: now,
        dedupe_key: `sla:${id}:${milestone}`,
      });
    }
  }
  await insertRows(db, 'sla_clock', clockRows);
  await insertRows(db, 'timer', timerRows);
  const runner = createJobRunner({
    db,
    clock: () => now,
    catalog: defaultCatalog(loadConfig({})),
    worker: 'bench',
    pollMs: 5,
    batch: 100,
    leaseMs: 300_000,
  });
  const started = performance.now();
  let fired = 0;
  for (;;) {
    const result = await runner.runOnce(now);
    fired += result.done;
    if (result.claimed === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  return { fired, perSecond: Math.round(fired / seconds) };
}

export async function run(args: string[]): Promise<void> {
  const duration = option(args, '--duration', 20);
  const clocks = option(args, '--clocks', 100_000);
  const due = option(args, '--due', 5_000);
  const onlyAt = args.indexOf('--only');
  const only = (onlyAt >= 0 ? (args[onlyAt + 1] ?? '') : 'pglite,postgres').split(',');
  const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-handoff-'));
  let cluster: TestCluster | undefined;
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const engine of (['pglite', 'postgres'] as const).filter((e) => only.includes(e))) {
      let handle: DbHandle;
      if (engine === 'pglite') handle = await openDb({ dataDir: path.join(temp, 'pglite') });
      else {
        cluster ??= await startTestCluster();
        await adminQuery(cluster.url('postgres'), 'create database bench_handoff');
        handle = await openDb({ databaseUrl: cluster.url('bench_handoff'), poolSize: 10 });
      }
      try {
        await migrateToLatest(handle.db);
        console.log(`${engine}: hand-off latency under ingest load, ${duration}s …`);
        const latency = await handoffLatency(handle, engine, duration);
        console.log(`${engine}: ${clocks} open clocks, ${due} due …`);
        const timers = await timerRate(handle.db, clocks, due);
        rows.push({
          engine: engine === 'pglite' ? 'PGlite' : 'PostgreSQL',
          'MQL event → rep notified (SSE), p50 ms': latency.notifiedP50.toFixed(0),
          'p95 ms': latency.notifiedP95.toFixed(0),
          'target p95': '1,000',
          'ratio p95 / target': (latency.notifiedP95 / 1000).toFixed(2),
          'MQL event → committed (answer), p50 / p95 ms': `${latency.p50.toFixed(0)} / ${latency.p95.toFixed(0)}`,
          'probes (complete, notified, matched)': `${latency.probes} (${latency.complete}, ${latency.notified}, ${latency.matched})`,
          'background events/s': latency.backgroundPerSecond.toLocaleString('en-US'),
          [`timers fired/s (${clocks.toLocaleString('en-US')} open clocks)`]:
            timers.perSecond.toLocaleString('en-US'),
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
    'Hand-off (npm run bench -- handoff)',
    [
      machineLine(),
      '',
      `Latency: a probe every 100 ms posts an identify and a \`Demo Requested\` event for a new person and waits until the assigned rep's notification stream (\`GET /api/v1/notifications/stream\`, server-sent events, one open stream per rep as the web app's bell keeps) delivers \`lead.assigned\` for that lead: the first figure is that end-to-end time. The second is the time to the POST's answer, which comes after the commit that scored the lead to MQL, routed it (round robin over four reps), assigned it and started its accept and first-touch clocks with their timers. Every acknowledged probe is checked afterwards (complete: owner and both clocks; matched: the streamed notification named the probe's own lead). Meanwhile four clients post 15-event page batches as fast as they are answered. Timers: ${clocks.toLocaleString('en-US')} open clocks with three pending timers each; ${due.toLocaleString('en-US')} warnings due at once, fired by one runner (batches of 100, one transaction per timer: lock the clock, mark the step, notify, complete). Server, load and runner share one process and the same cores.`,
      '',
      table(rows),
    ].join('\n'),
  );
}
