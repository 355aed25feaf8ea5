import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { newId } from '../packages/server/src/id.js';
import { pgliteStartParams } from '../packages/server/src/store/pglite-settings.js';
import { adminQuery, startTestCluster } from '../packages/server/test/postgres-cluster.js';
import { machineLine, table, writePerformanceSection } from './report.js';

/**
 * `npm run bench -- ingest-insert [--rows 30000] [--chunk 300] [--only pglite,postgres]`: the
 * event insert alone, in several table layouts and ways of sending the rows, on PGlite and
 * PostgreSQL. Rows are those of the ingest benchmark, 300 per statement (a flush of 20 clients'
 * 15-event batches). The variants run interleaved, round by round, and are compared by rows per
 * CPU-second (this process, plus the PostgreSQL backend serving it): on a machine shared with
 * other work, elapsed time says more about the neighbours than about the variant.
 */

type Engine = 'pglite' | 'postgres';

interface Runner {
  exec(sql: string): Promise<void>;
  query(sql: string, params: unknown[]): Promise<void>;
  copy?(sql: string, data: string): Promise<void>;
  close(): Promise<void>;
  /** CPU seconds used so far by this process and, on PostgreSQL, by the connection's backend. */
  cpu(): number;
}

const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** CPU seconds of another process on this machine (Linux), from /proc. */
function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const copyFrom = (createRequire(import.meta.url)('pg-copy-streams') as { from(sql: string): Writable }).from;

async function openRunner(engine: Engine, location: string): Promise<Runner> {
  if (engine === 'pglite') {
    const db = await PGlite.create({ dataDir: location, startParams: [...pgliteStartParams] });
    return {
      exec: async (s) => void (await db.exec(s)),
      query: async (s, p) => void (await db.query(s, p)),
      copy: async (s, data) => void (await db.query(s, [], { blob: new Blob([data]) })),
      close: () => db.close(),
      cpu: ownCpu,
    };
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  const backend = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  return {
    exec: async (s) => void (await client.query(s)),
    query: async (s, p) => void (await client.query(s, p)),
    copy: async (s, data) => {
      const stream = client.query(copyFrom(s) as never) as unknown as Writable;
      await pipeline(
        (async function* () {
          yield data;
        })(),
        stream,
      );
    },
    close: () => client.end(),
    cpu: () => ownCpu() + processCpu(backend),
  };
}

interface Row {
  workspace_id: string;
  id: string;
  message_id: string;
  type: string;
  name: string;
  anonymous_id: string;
  user_id: string;
  occurred_at: string;
  received_at: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
  traits: Record<string, unknown>;
  utm_campaign: string;
  page_url: string;
}

let seq = 0;
function makeRows(workspaceId: string, n: number): Row[] {
  const now = new Date().toISOString();
  return Array.from({ length: n }, () => {
    seq++;
    return {
      workspace_id: workspaceId,
      id: newId(),
      message_id: `bench-${seq}`,
      type: 'track',
      name: 'Viewed Page',
      anonymous_id: `anon-${seq % 7000}`,
      user_id: `user-${seq % 5000}`,
      occurred_at: now,
      received_at: now,
      properties: { path: '/pricing', plan: 'pro', n: seq },
      context: {
        library: { name: 'bench', version: '1' },
        page: { url: 'https://acme.io/pricing?utm_campaign=spring' },
      },
      traits: {},
      utm_campaign: 'spring',
      page_url: 'https://acme.io/pricing?utm_campaign=spring',
    };
  });
}

const columns = `workspace_id uuid not null, id uuid not null, message_id text not null, type text not null,
  name text, anonymous_id text, user_id text, contact_id uuid, account_id uuid, campaign_id uuid,
  occurred_at timestamptz not null, received_at timestamptz not null`;
const segment = `group_id text, previous_id text, utm_source text, utm_medium text, utm_campaign text,
  utm_term text, utm_content text, referrer text, page_url text`;

function createTable(name: string, layout: Layout): string {
  const docs =
    layout.docs === 'jsonb3'
      ? 'properties jsonb not null, context jsonb not null, traits jsonb not null'
      : layout.docs === 'context-json'
        ? 'properties jsonb not null, context json not null, traits jsonb not null'
        : layout.docs === 'json2'
          ? 'properties json not null, context json not null, traits jsonb not null'
          : 'properties jsonb not null, context text not null, traits jsonb not null';
  const contactWhere = layout.partial ? 'where contact_id is not null' : '';
  const accountWhere = layout.partial ? 'where account_id is not null' : '';
  const table = `
    create table ${name} (${columns}, ${docs}, ${segment},
      primary key (workspace_id, id), unique (workspace_id, message_id));`;
  if (layout.bare) return table;
  return `${table}
    create index ${name}_contact on ${name} (workspace_id, contact_id, occurred_at desc, id desc) ${contactWhere};
    create index ${name}_account on ${name} (workspace_id, account_id, occurred_at desc, id desc) ${accountWhere};
    create index ${name}_anon on ${name} (workspace_id, anonymous_id) where contact_id is null;
    create index ${name}_user on ${name} (workspace_id, user_id) where contact_id is null and user_id is not null;`;
}

interface Layout {
  docs: 'jsonb3' | 'context-json' | 'context-text' | 'json2';
  partial: boolean;
  /** Leave out the secondary indexes (a floor, not a usable layout). */
  bare?: boolean;
}

type Send = 'unnest' | 'recordset' | 'copy';

const insertColumns =
  'workspace_id, id, message_id, type, name, anonymous_id, user_id, occurred_at, received_at, properties, context, traits, utm_campaign, page_url';

async function insertChunk(runner: Runner, table: string, layout: Layout, send: Send, rows: Row[]) {
  const ctxCast = layout.docs === 'jsonb3' ? 'jsonb' : layout.docs === 'context-text' ? 'text' : 'json';
  const propCast = layout.docs === 'json2' ? 'json' : 'jsonb';
  if (send === 'unnest') {
    const col = (f: (r: Row) => unknown) => rows.map(f);
    await runner.query(
      `insert into ${table} (${insertColumns})
       select w, i, m, t, n, a, u, o, r, p::${propCast}, c::${ctxCast}, tr::jsonb, uc, pu
       from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
         as t(w, i, m, t, n, a, u, o, r, p, c, tr, uc, pu)
       on conflict (workspace_id, message_id) do nothing returning message_id`,
      [
        col((r) => r.workspace_id),
        col((r) => r.id),
        col((r) => r.message_id),
        col((r) => r.type),
        col((r) => r.name),
        col((r) => r.anonymous_id),
        col((r) => r.user_id),
        col((r) => r.occurred_at),
        col((r) => r.received_at),
        col((r) => JSON.stringify(r.properties)),
        col((r) => JSON.stringify(r.context)),
        col((r) => JSON.stringify(r.traits)),
        col((r) => r.utm_campaign),
        col((r) => r.page_url),
      ],
    );
  } else if (send === 'recordset') {
    await runner.query(
      `insert into ${table} (${insertColumns})
       select workspace_id, id, message_id, type, name, anonymous_id, user_id, occurred_at, received_at,
         properties::${propCast}, context::${ctxCast}, traits, utm_campaign, page_url
       from json_to_recordset($1::json) as t(workspace_id uuid, id uuid, message_id text, type text, name text,
         anonymous_id text, user_id text, occurred_at timestamptz, received_at timestamptz, properties jsonb,
         context json, traits jsonb, utm_campaign text, page_url text)
       on conflict (workspace_id, message_id) do nothing returning message_id`,
      [JSON.stringify(rows)],
    );
  } else {
    const esc = (v: string) =>
      v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    const data = rows
      .map((r) =>
        [
          r.workspace_id,
          r.id,
          esc(r.message_id),
          r.type,
          esc(r.name),
          esc(r.anonymous_id),
          esc(r.user_id),
          r.occurred_at,
          r.received_at,
          esc(JSON.stringify(r.properties)),
          esc(JSON.stringify(r.context)),
          esc(JSON.stringify(r.traits)),
          esc(r.utm_campaign),
          esc(r.page_url),
        ].join('\t'),
      )
      .join('\n');
    const stage = `stage_${table}`;
    await runner.exec(
      `create temp table if not exists ${stage} (like ${table} including defaults) on commit delete rows`,
    );
    await runner.exec('begin');
    await runner.copy!(`copy ${stage} (${insertColumns}) from ${copyTarget}`, `${data}\n`);
    await runner.exec(
      `insert into ${table} select * from ${stage} on conflict (workspace_id, message_id) do nothing; commit`,
    );
  }
}

let copyTarget = 'STDIN';

export async function run(args: string[]): Promise<void> {
  const opt = (name: string, fallback: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
  };
  const total = Number(opt('--rows', '30000'));
  const chunk = Number(opt('--chunk', '300'));
  const engines = opt('--only', 'pglite,postgres').split(',') as Engine[];
  const variants: Array<{ label: string; layout: Layout; send: Send }> = [
    {
      label: 'before 0009: 3 jsonb, full indexes',
      layout: { docs: 'jsonb3', partial: false },
      send: 'unnest',
    },
    { label: 'context json', layout: { docs: 'context-json', partial: false }, send: 'unnest' },
    { label: 'context text', layout: { docs: 'context-text', partial: false }, send: 'unnest' },
    { label: 'partial contact/account indexes', layout: { docs: 'jsonb3', partial: true }, send: 'unnest' },
    {
      label: '0009: context json + partial indexes',
      layout: { docs: 'context-json', partial: true },
      send: 'unnest',
    },
    { label: '0009 + properties json too', layout: { docs: 'json2', partial: true }, send: 'unnest' },
    {
      label: '0009 rows as one json_to_recordset',
      layout: { docs: 'context-json', partial: true },
      send: 'recordset',
    },
    {
      label: '0009 rows by COPY to a staging table',
      layout: { docs: 'context-json', partial: true },
      send: 'copy',
    },
    {
      label: 'floor: no secondary indexes',
      layout: { docs: 'context-json', partial: true, bare: true },
      send: 'unnest',
    },
  ];
  const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-insert-'));
  const results = new Map<string, Record<string, string | number>>(
    variants.map((v) => [v.label, { 'table layout and statement': v.label }]),
  );
  const cluster = engines.includes('postgres') ? await startTestCluster() : undefined;
  try {
    for (const engine of engines) {
      let location = path.join(temp, 'pglite');
      if (engine === 'postgres') {
        await adminQuery(cluster!.url('postgres'), 'create database bench_insert');
        location = cluster!.url('bench_insert');
      }
      copyTarget = engine === 'pglite' ? "'/dev/blob'" : 'STDIN';
      const runner = await openRunner(engine, location);
      const workspaceId = newId();
      for (const [i, v] of variants.entries()) await runner.exec(createTable(`ev${i}`, v.layout));
      const rates = variants.map(() => 0);
      // Interleave the variants round by round, so drift in the machine's load hits all alike.
      const rounds = 3;
      const times = variants.map(() => 0);
      const cpu = variants.map(() => 0);
      for (let round = 0; round < rounds; round++) {
        for (const [i, v] of variants.entries()) {
          const rows = makeRows(workspaceId, total / rounds);
          const started = performance.now();
          const cpuStarted = runner.cpu();
          for (let at = 0; at < rows.length; at += chunk) {
            await insertChunk(runner, `ev${i}`, v.layout, v.send, rows.slice(at, at + chunk));
          }
          times[i]! += performance.now() - started;
          cpu[i]! += runner.cpu() - cpuStarted;
        }
      }
      for (const [i, v] of variants.entries()) {
        rates[i] = Math.round(total / (times[i]! / 1000));
        const perCpu = Math.round(total / cpu[i]!);
        console.log(`${engine}\t${v.label}\t${rates[i]} rows/s\t${perCpu} rows per CPU-second`);
        results.get(v.label)![`${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} rows per CPU-second`] =
          perCpu.toLocaleString('en-US');
      }
      await runner.close();
    }
  } finally {
    await cluster?.stop();
    rmSync(temp, { recursive: true, force: true });
  }
  const body = [
    machineLine(),
    '',
    `${total.toLocaleString('en-US')} rows per variant and engine, ${chunk} per statement, ` +
      "on a table of the event row's 24 columns with its primary key and messageId unique index; " +
      '"full"/"partial" are the contact and account timeline indexes with or without `where … is not null`.',
    '',
    table([...results.values()]),
  ].join('\n');
  console.log(body);
  writePerformanceSection('Ingestion: event insert variants', body);
}
