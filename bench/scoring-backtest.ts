import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { computeBacktest } from '../packages/server/src/app/backtest/compute-backtest.js';
import {
  analysisChunkSize,
  clearDatasetCache,
  propertiesRead,
} from '../packages/server/src/app/backtest/dataset.js';
import { exampleContract } from '../packages/server/src/core/scoring/example-contract.js';
import { compileContract } from '../packages/server/src/core/scoring/index.js';
import { newId } from '../packages/server/src/id.js';
import { analysisEvents, analysisLeadsPage } from '../packages/server/src/store/analysis-data.repo.js';
import { type Db, type DbHandle, openDb, openPGlite } from '../packages/server/src/store/db.js';
import { migrateToLatest } from '../packages/server/src/store/migrate.js';
import { adminQuery, startTestCluster, type TestCluster } from '../packages/server/test/postgres-cluster.js';

const day = 86_400_000;
const sizes = {
  pglite: { contacts: 100_000, events: 2_000_000, first: 30, rerun: 2 },
  postgres: { contacts: 1_000_000, events: 20_000_000, first: 60, rerun: 5 },
} as const;
const windowEnd = Date.UTC(2026, 2, 1);
const windowDays = 180;

/**
 * The database backtest at scale: a synthetic workspace generated server-side (generate_series),
 * then a first backtest (reads and encodes every event), a re-run with changed weights (served
 * from the encoded column cache) and a raw scan that reads the same chunks and does nothing
 * with them, so the ratio says how much the backtest adds to reading the data.
 */
export async function backtestRows(
  args: string[],
): Promise<{ rows: Array<Record<string, string | number>>; notes: string[] }> {
  const scale = scaleOption(args);
  const at = args.indexOf('--only');
  const only = at === -1 ? ['pglite', 'postgres'] : (args[at + 1] ?? '').split(',');
  const rows: Array<Record<string, string | number>> = [];
  const notes: string[] = [];
  const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-backtest-'));
  let cluster: TestCluster | undefined;
  try {
    for (const engine of (['pglite', 'postgres'] as const).filter((e) => only.includes(e))) {
      let handle: DbHandle;
      if (engine === 'pglite') handle = await openPGlite({ dataDir: path.join(temp, 'pglite') });
      else {
        cluster ??= await startTestCluster();
        await adminQuery(cluster.url('postgres'), 'create database bench_backtest');
        handle = await openDb({ databaseUrl: cluster.url('bench_backtest'), poolSize: 4 });
      }
      try {
        await migrateToLatest(handle.db);
        const contacts = Math.round(sizes[engine].contacts * scale);
        const events = Math.round(sizes[engine].events * scale);
        console.log(`${engine}: generating ${contacts} contacts and ${events} events …`);
        const generated = performance.now();
        const workspaceId = await generate(handle.db, { contacts, events });
        const generateSeconds = (performance.now() - generated) / 1000;
        const measured = await measure(handle.db, workspaceId);
        const target = sizes[engine];
        const label = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
        rows.push(
          {
            run: `${label}: raw scan of the same chunks (limit)`,
            contacts,
            events,
            seconds: measured.scan.toFixed(2),
            target: '—',
            'ratio to target': '—',
            'ratio to raw scan': '1.00',
          },
          {
            run: `${label}: backtest, first run`,
            contacts,
            events,
            seconds: measured.first.toFixed(2),
            target: `≤ ${target.first * scale} s`,
            'ratio to target': (measured.first / (target.first * scale)).toFixed(2),
            'ratio to raw scan': (measured.first / measured.scan).toFixed(2),
          },
          {
            run: `${label}: re-run with changed weights (column cache)`,
            contacts,
            events,
            seconds: measured.rerun.toFixed(2),
            target: `≤ ${target.rerun * scale} s`,
            'ratio to target': (measured.rerun / (target.rerun * scale)).toFixed(2),
            'ratio to raw scan': (measured.rerun / measured.scan).toFixed(2),
          },
        );
        notes.push(
          `${label}: data generated in ${generateSeconds.toFixed(0)} s; ${measured.mqls} MQLs; peak RSS ${measured.peakMiB} MiB (target ≤ 4,096).`,
        );
      } finally {
        await handle.close();
      }
    }
  } finally {
    await cluster?.stop();
    rmSync(temp, { recursive: true, force: true });
  }
  return { rows, notes };
}

function scaleOption(args: string[]): number {
  const at = args.indexOf('--scale');
  const value = at === -1 ? 1 : Number(args[at + 1]);
  return Number.isFinite(value) && value > 0 ? value : 1;
}

async function measure(db: Db, workspaceId: string) {
  const compiled = compileContract(exampleContract);
  const heavier = structuredClone(exampleContract);
  for (const rule of heavier.interest.rules) rule.points = Math.round(rule.points * 1.5);
  heavier.mql.minInterest = 50;
  const candidate = compileContract(heavier);
  const from = new Date(windowEnd - windowDays * day);
  const to = new Date(windowEnd);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const scanStart = performance.now();
    await rawScan(db, workspaceId, { from: new Date(from.getTime() - 6 * 30 * day), to });
    const scan = (performance.now() - scanStart) / 1000;
    clearDatasetCache();
    const spec = {
      workspaceId,
      active: { compiled, version: 1 },
      from,
      to,
      outcome: 'sql' as const,
      withinDays: 90,
    };
    const firstStart = performance.now();
    const first = await computeBacktest(db, { ...spec, candidate: { compiled, version: 1 } });
    const firstSeconds = (performance.now() - firstStart) / 1000;
    const rerunStart = performance.now();
    const rerun = await computeBacktest(db, { ...spec, candidate: { compiled: candidate, version: null } });
    const rerunSeconds = (performance.now() - rerunStart) / 1000;
    if (!rerun.cached) throw new Error('the re-run with changed weights missed the column cache');
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      scan,
      first: firstSeconds,
      rerun: rerunSeconds,
      mqls: first.result.candidate.mqls,
      peakMiB: Math.round(peak / 2 ** 20),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** The backtest's reads without the backtest: leads pages, then each chunk's events. */
async function rawScan(db: Db, workspaceId: string, window: { from: Date; to: Date }): Promise<number> {
  let after: string | null = null;
  let rows = 0;
  const properties = propertiesRead([exampleContract]);
  for (;;) {
    const leads = await analysisLeadsPage(db, workspaceId, {
      funnel: 'default',
      until: window.to,
      after,
      limit: analysisChunkSize,
    });
    if (leads.length === 0) return rows;
    after = leads.at(-1)!.id;
    rows += (
      await analysisEvents(db, workspaceId, {
        contactIds: leads.map((l) => l.contact_id),
        ...window,
        properties,
      })
    ).length;
  }
}

/**
 * A synthetic workspace: accounts, contacts (ids derived from their number, so events can name
 * them without a join), one lead each, events spread over the window and six half-lives before,
 * and SQL transitions for some leads. Generated by the database in a few statements.
 */
async function generate(db: Db, size: { contacts: number; events: number }): Promise<string> {
  const workspaceId = newId();
  const at = new Date(windowEnd - 400 * day).toISOString();
  await db
    .insertInto('workspace')
    .values({ id: workspaceId, name: 'Bench', slug: `bench-${workspaceId.slice(-8)}`, created_at: at })
    .execute();
  await db
    .insertInto('lead_contract')
    .values({
      workspace_id: workspaceId,
      id: newId(),
      version: 1,
      status: 'active',
      document: JSON.stringify(exampleContract),
      source_format: 'json',
      source: null,
      author_id: null,
      created_at: at,
      updated_at: at,
      submitted_at: at,
      effective_at: at,
      activated_at: at,
    })
    .execute();
  const accounts = Math.max(1, Math.round(size.contacts / 10));
  const ws = sql.lit(workspaceId);
  await sql`
    insert into account (workspace_id, id, domain, name, industry, employees, country, traits, created_at, updated_at)
    select ${ws}::uuid, md5('a' || n)::uuid, 'co' || n || '.test', 'Company ' || n,
      (array['software', 'internet', 'retail', 'financial services', 'education'])[1 + n % 5],
      (array[5, 40, 300, 1200, 9000])[1 + (n / 5) % 5], (array['US', 'DE', 'BR', 'GB', 'IN'])[1 + (n / 25) % 5],
      '{}', ${at}::timestamptz, ${at}::timestamptz
    from generate_series(1, ${accounts}::int) n
  `.execute(db);
  await sql`
    insert into contact (workspace_id, id, email, title, account_id, traits, consent, created_at, updated_at)
    select ${ws}::uuid, md5('c' || n)::uuid, 'p' || n || '@co' || (1 + n % ${accounts}::int) || '.test',
      (array['VP Sales', 'Marketing Manager', 'Engineer', 'CEO', 'Analyst'])[1 + n % 5],
      md5('a' || (1 + n % ${accounts}::int))::uuid, '{}', '{}', ${at}::timestamptz, ${at}::timestamptz
    from generate_series(1, ${size.contacts}::int) n
  `.execute(db);
  await sql`
    insert into lead (workspace_id, id, contact_id, funnel, stage, created_at, updated_at)
    select ${ws}::uuid, md5('l' || n)::uuid, md5('c' || n)::uuid, 'default', 'lead', ${at}::timestamptz, ${at}::timestamptz
    from generate_series(1, ${size.contacts}::int) n
  `.execute(db);
  const spanSeconds = (windowDays + 180) * 86_400;
  const end = new Date(windowEnd).toISOString();
  // In batches, so neither engine builds one huge transaction.
  const batch = 1_000_000;
  for (let start = 1; start <= size.events; start += batch) {
    const stop = Math.min(size.events, start + batch - 1);
    await sql`
      insert into event (workspace_id, id, message_id, type, name, contact_id, occurred_at, received_at, properties)
      select ${ws}::uuid, md5('e' || n)::uuid, 'm' || n,
        case when n % 10 < 6 then 'page' else 'track' end,
        case when n % 10 < 6 then null
          else (array['Webinar Attended', 'Email Link Clicked', 'Asset Downloaded', 'Trial Started', 'Logged In', 'Demo Requested', 'Contact Sales'])[1 + (n / 10) % 7] end,
        md5('c' || (1 + (n::bigint * 7919) % ${size.contacts}::int))::uuid,
        ${end}::timestamptz - make_interval(secs => ((n::bigint * 2654435761) % ${spanSeconds}::bigint)::float8),
        ${end}::timestamptz,
        case when n % 10 < 6
          then jsonb_build_object('path', (array['/pricing', '/docs/api', '/blog/post', '/careers', '/', '/about'])[1 + (n / 10) % 6])
          else jsonb_build_object('topic', case when n % 3 = 0 then 'pricing' else 'support' end,
                                  'stage', case when n % 2 = 0 then 'decision' else 'awareness' end) end
      from generate_series(${start}::int, ${stop}::int) n
    `.execute(db);
  }
  await sql`
    insert into stage_transition (workspace_id, id, lead_id, from_stage, to_stage, at, cause)
    select ${ws}::uuid, md5('t' || n)::uuid, md5('l' || n)::uuid, 'mql', 'sql',
      ${end}::timestamptz - make_interval(days => n % ${windowDays}::int), 'user'
    from generate_series(1, ${size.contacts}::int) n
    where n % 17 = 0
  `.execute(db);
  await sql`analyze`.execute(db);
  return workspaceId;
}
