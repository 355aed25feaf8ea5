import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiKey, createWorkspace } from '../packages/server/src/app/workspaces.js';
import { loadConfig } from '../packages/server/src/config.js';
import { buildApp } from '../packages/server/src/http/build-app.js';
import { newId } from '../packages/server/src/id.js';
import { type DbHandle, openDb } from '../packages/server/src/store/db.js';
import { insertEvents, type NewEventRow } from '../packages/server/src/store/event.repo.js';
import { migrateToLatest } from '../packages/server/src/store/migrate.js';
import { adminQuery, startTestCluster, type TestCluster } from '../packages/server/test/postgres-cluster.js';
import { machineLine, table, writePerformanceSection } from './report.js';
import { thirtyRuleContract, trackNames } from './thirty-rule-contract.js';

/**
 * `npm run bench -- ingest [--seconds 60] [--connections 20] [--only bare,pglite,postgres,pglite-scoring,postgres-scoring]`:
 * Segment-style load (15-event batches, like the Segment clients send) against a Tandem server
 * on PGlite and on PostgreSQL, each in its own process, acknowledged after commit. In the same run
 * it measures the two raw limits: a bare HTTP server that only parses the same requests, and the
 * fastest bulk insert of the same rows straight into the same database. Targets (issue 3):
 * PGlite ≥ 8,000 and PostgreSQL ≥ 15,000 events/s, p99 < 250 ms, server RSS < 500 MB.
 * The `-scoring` servers run the same load with a signed 30-rule contract in force and events
 * from identified people, so every event reaches a lead's live score (issue 4). Runs shorter
 * than 60 seconds print their figures without writing docs/performance.md (`--write` forces it).
 */

const eventsPerRequest = 15;
const targets = { pglite: 8_000, postgres: 15_000 } as const;
type Engine = 'pglite' | 'postgres';
type ServerKind = Engine | `${Engine}-scoring` | 'bare';
/** People the scoring load comes from, identified before it starts. */
const scoringPeople = 2_000;

interface AutocannonResult {
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; average: number };
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (
  options: {
    url: string;
    connections: number;
    duration: number;
    requests: AutocannonRequest[];
    timeout?: number;
  },
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
}

/** The highest one-minute load average seen at the end of a load: a busy machine skews every figure. */
let busiest = 0;

let sequence = 0;
/**
 * A batch as analytics-node sends it: 15 track calls with fresh messageIds. The scoring load's
 * come from identified people and mix the contract's track names and page paths with others.
 */
function batchBody(writeKey: string, scoring = false): string {
  const now = new Date().toISOString();
  const batch = Array.from({ length: eventsPerRequest }, () => {
    sequence++;
    if (scoring) return scoringEvent(sequence, now);
    return {
      type: 'track',
      event: 'Viewed Page',
      userId: `user-${sequence % 5000}`,
      anonymousId: `anon-${sequence % 7000}`,
      messageId: `bench-${process.pid}-${sequence}`,
      timestamp: now,
      properties: { path: '/pricing', plan: 'pro', n: sequence },
      context: {
        library: { name: 'bench', version: '1' },
        page: { url: 'https://acme.io/pricing?utm_campaign=spring' },
      },
    };
  });
  return JSON.stringify({ batch, writeKey, sentAt: now });
}

const scoringPaths = ['/pricing', '/docs/api', '/blog/launch', '/careers', '/customers/acme', '/', '/login'];
const scoringNames = [...trackNames, 'Logged In', 'Settings Changed'];

function scoringEvent(n: number, timestamp: string): Record<string, unknown> {
  const common = {
    userId: `person-${n % scoringPeople}`,
    messageId: `bench-${process.pid}-${n}`,
    timestamp,
    context: { library: { name: 'bench', version: '1' } },
  };
  if (n % 5 < 2) {
    const path = scoringPaths[n % scoringPaths.length]!;
    return { ...common, type: 'page', name: path, properties: { path, url: `https://acme.io${path}` } };
  }
  const plan = ['pro', 'free', 'enterprise'][n % 3]!;
  return { ...common, type: 'track', event: scoringNames[n % scoringNames.length]!, properties: { plan, n } };
}

// ---------------------------------------------------------------- server side (child process)

/** The 30-rule contract, signed and in force, the way the demo and the tests store one. */
async function activateThirtyRuleContract(db: DbHandle['db'], workspaceId: string): Promise<void> {
  const since = new Date(Date.now() - 86_400_000);
  await db
    .insertInto('lead_contract')
    .values({
      workspace_id: workspaceId,
      id: newId(),
      version: 1,
      status: 'active',
      document: JSON.stringify(thirtyRuleContract()),
      source_format: 'json',
      source: null,
      author_id: null,
      created_at: since,
      updated_at: since,
      submitted_at: since,
      effective_at: since,
      activated_at: since,
    })
    .execute();
}

/** Identifies the scoring load's people through the API, so each has a contact, an account and a lead. */
async function identifyPeople(app: Awaited<ReturnType<typeof buildApp>>, writeKey: string): Promise<void> {
  for (let first = 0; first < scoringPeople; first += 250) {
    const batch = Array.from({ length: Math.min(250, scoringPeople - first) }, (_, i) => {
      const n = first + i;
      return {
        type: 'identify',
        userId: `person-${n}`,
        messageId: `identify-${n}`,
        traits: { email: `person-${n}@company-${n % 400}.com`, title: n % 3 ? 'Engineer' : 'VP Marketing' },
      };
    });
    const res = await app.inject({ method: 'POST', url: '/v1/batch', payload: { batch, writeKey } });
    if (res.statusCode !== 200) throw new Error(`identifying the bench people failed: ${res.body}`);
  }
}

async function openEngine(kind: Engine, location: string): Promise<DbHandle> {
  return kind === 'pglite' ? openDb({ dataDir: location }) : openDb({ databaseUrl: location, poolSize: 10 });
}

/** Runs in the child: a Tandem app (or the bare parser) listening on 127.0.0.1; prints READY. */
async function serve(kind: ServerKind, location: string): Promise<void> {
  if (kind === 'bare') {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch: unknown[] };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ success: body.batch.length > 0 }));
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      console.log(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, writeKey: 'tdw_bare' })}`);
    });
    return;
  }
  const scoring = kind.endsWith('-scoring');
  const handle = await openEngine(kind.replace('-scoring', '') as Engine, location);
  await migrateToLatest(handle.db);
  const workspace = await createWorkspace(handle.db, { name: `Bench ${Date.now()}` });
  const key = await createApiKey(handle.db, { workspaceId: workspace.id, kind: 'write' });
  if (scoring) await activateThirtyRuleContract(handle.db, workspace.id);
  const app = await buildApp({
    db: handle.db,
    dbKind: handle.kind,
    config: loadConfig({ TANDEM_DEMO: 'false' }),
    logger: false,
  });
  if (scoring) await identifyPeople(app, key.key);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, writeKey: key.key })}`);
  process.on('SIGTERM', () => {
    void app
      .close()
      .then(() => handle.close())
      .then(() => process.exit(0));
  });
}

// ---------------------------------------------------------------- load side (this process)

interface Child {
  child: ChildProcess;
  url: string;
  writeKey: string;
}

/** `--profile DIR` writes a V8 CPU profile of each server process into DIR (open it in Chrome DevTools). */
let profileDir: string | undefined;

function startChild(kind: ServerKind, location: string): Promise<Child> {
  const runner = fileURLToPath(new URL('./run.ts', import.meta.url));
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, '--conditions=source', '--import', 'tsx', runner, 'ingest', '--serve', kind, location],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /READY (\{.*\})/.exec(output);
      if (line) resolve({ child, ...(JSON.parse(line[1]!) as { url: string; writeKey: string }) });
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}) before it was ready`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Resident memory of a process in MiB (Linux), 0 when unknown. */
function rssMiB(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

interface LoadOutcome {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  rss: { start: number; peak: number; after: number };
}

async function load(
  server: Child,
  options: { duration: number; connections: number; scoring?: boolean },
): Promise<LoadOutcome> {
  const headers = {
    'content-type': 'application/json',
    authorization: `Basic ${Buffer.from(`${server.writeKey}:`).toString('base64')}`,
  };
  const start = rssMiB(server.child.pid);
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(server.child.pid));
  }, 500);
  const result = await new Promise<AutocannonResult>((resolve, reject) =>
    autocannon(
      {
        url: server.url,
        connections: options.connections,
        duration: options.duration,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/v1/batch',
            headers,
            setupRequest: (request) => ({ ...request, body: batchBody(server.writeKey, options.scoring) }),
          },
        ],
      },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    ),
  );
  clearInterval(sampler);
  busiest = Math.max(busiest, os.loadavg()[0] ?? 0);
  // Idle a little, then see whether memory came back down.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  return {
    eventsPerSecond: Math.round((result['2xx'] * eventsPerRequest) / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    rss: { start, peak, after: rssMiB(server.child.pid) },
  };
}

/** The fastest bulk insert of the same rows: the ingestion's own unnest statement, 5,000 rows at a time. */
async function bulkInsertRate(kind: Engine, location: string, rows: number): Promise<number> {
  const handle = await openEngine(kind, location);
  try {
    await migrateToLatest(handle.db);
    const workspace = await createWorkspace(handle.db, { name: `Bulk ${Date.now()}` });
    const body = JSON.parse(batchBody('x')) as { batch: Array<Record<string, unknown>> };
    const sample = body.batch[0]!;
    const now = new Date();
    const make = (i: number): NewEventRow => ({
      workspaceId: workspace.id,
      id: newId(),
      messageId: `bulk-${i}`,
      type: 'track',
      name: 'Viewed Page',
      anonymousId: `anon-${i % 7000}`,
      userId: `user-${i % 5000}`,
      contactId: null,
      accountId: null,
      campaignId: null,
      occurredAt: now,
      receivedAt: now,
      properties: JSON.stringify(sample.properties),
      context: JSON.stringify(sample.context),
      traits: '{}',
      groupId: null,
      previousId: null,
      utmSource: null,
      utmMedium: null,
      utmCampaign: 'spring',
      utmTerm: null,
      utmContent: null,
      referrer: null,
      pageUrl: 'https://acme.io/pricing?utm_campaign=spring',
    });
    const chunk = 5_000;
    const started = performance.now();
    for (let i = 0; i < rows; i += chunk) {
      await insertEvents(
        handle.db,
        Array.from({ length: Math.min(chunk, rows - i) }, (_, j) => make(i + j)),
      );
    }
    return Math.round(rows / ((performance.now() - started) / 1000));
  } finally {
    await handle.close();
  }
}

export async function run(args: string[]): Promise<void> {
  if (args[0] === '--serve') return serve(args[1] as ServerKind, args[2] ?? '');

  const duration = Number(option(args, '--seconds', option(args, '--duration', '60')));
  const write = duration >= 60 || args.includes('--write');
  profileDir = args.includes('--profile') ? path.resolve(option(args, '--profile', 'profiles')) : undefined;
  const connections = Number(option(args, '--connections', '20'));
  const only = option(args, '--only', 'bare,pglite,postgres,pglite-scoring,postgres-scoring').split(',');
  const bulkRows = Number(option(args, '--bulk-rows', '100000'));
  const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-ingest-'));
  let cluster: TestCluster | undefined;
  const rows: Array<Record<string, string | number>> = [];
  const notes: string[] = [];
  let bare: LoadOutcome | undefined;

  try {
    if (only.includes('bare')) {
      const server = await startChild('bare', '');
      console.log(`bare parser: ${duration}s …`);
      bare = await load(server, { duration, connections });
      await stopChild(server.child);
      rows.push({
        server: 'bare Node HTTP + JSON.parse (limit)',
        'events/s': bare.eventsPerSecond.toLocaleString('en-US'),
        'p50 ms': bare.p50,
        'p99 ms': bare.p99,
        target: '—',
        'ratio to target': '—',
        'ratio to parse limit': '1.00',
        'ratio to insert limit': '—',
        'RSS MiB start / peak / after': '—',
      });
    }
    for (const engine of ['pglite', 'postgres'] as const) {
      const kinds = ([engine, `${engine}-scoring`] as const).filter((k) => only.includes(k));
      if (kinds.length === 0) continue;
      const engineName = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
      const outcomes: Array<{ kind: ServerKind; outcome: LoadOutcome }> = [];
      for (const kind of kinds) {
        let location: string;
        if (engine === 'pglite') {
          location = path.join(temp, `${kind}-server`);
        } else {
          cluster ??= await startTestCluster();
          const database = `bench_${kind.replace('-', '_')}`;
          await adminQuery(cluster.url('postgres'), `create database ${database}`);
          location = cluster.url(database);
        }
        const server = await startChild(kind, location);
        console.log(`${kind}: ${duration}s …`);
        outcomes.push({
          kind,
          outcome: await load(server, { duration, connections, scoring: kind !== engine }),
        });
        await stopChild(server.child);
      }
      let bulkLocation = path.join(temp, 'pglite-bulk');
      if (engine === 'postgres') {
        await adminQuery(cluster!.url('postgres'), 'create database bench_bulk');
        bulkLocation = cluster!.url('bench_bulk');
      }
      console.log(`${engine}: bulk insert of ${bulkRows} rows …`);
      const bulk = await bulkInsertRate(engine, bulkLocation, bulkRows);
      const target = targets[engine];
      for (const { kind, outcome } of outcomes) {
        rows.push({
          server: `Tandem on ${engineName}${kind === engine ? '' : ', 30-rule contract, identified senders'}`,
          'events/s': outcome.eventsPerSecond.toLocaleString('en-US'),
          'p50 ms': outcome.p50,
          'p99 ms': outcome.p99,
          target: target.toLocaleString('en-US'),
          'ratio to target': (outcome.eventsPerSecond / target).toFixed(2),
          'ratio to parse limit': bare ? (outcome.eventsPerSecond / bare.eventsPerSecond).toFixed(2) : '—',
          'ratio to insert limit': (outcome.eventsPerSecond / bulk).toFixed(2),
          'RSS MiB start / peak / after': `${outcome.rss.start} / ${outcome.rss.peak} / ${outcome.rss.after}`,
        });
      }
      const binding = bare && bare.eventsPerSecond < bulk ? 'parsing' : 'the bulk insert';
      const failed = outcomes.map((o) => `${o.outcome.failed} (${o.kind})`).join(', ');
      notes.push(
        `${engineName}: bulk insert limit ${bulk.toLocaleString('en-US')} rows/s; ` +
          `the lower raw limit is ${binding}; requests failed or timed out: ${failed}.`,
      );
    }
  } finally {
    await cluster?.stop();
    rmSync(temp, { recursive: true, force: true });
  }

  const body = [
    machineLine(),
    '',
    `Load: autocannon, ${connections} connections, ${duration} s per server, ${eventsPerRequest}-event batches ` +
      'POSTed to /v1/batch (Basic write key), every event a new messageId; each server in its own process on ' +
      'the same cores as the load generator; events counted only when answered 200 (after commit).',
    '',
    table(rows),
    '',
    ...notes.map((n) => `- ${n}`),
    `- Load average at the end of the busiest load: ${busiest.toFixed(1)} on ${os.cpus().length} cores.`,
  ].join('\n');
  console.log(body);
  if (write) writePerformanceSection('Ingestion (issue 3)', body);
  else console.log('(a run shorter than 60 s: docs/performance.md left as it was; --write to store it)');
}
