import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import { initialisePGliteDataDir, pgliteStartParams } from './pglite-settings.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Flushes to disk (PGlite: CHECKPOINT) and closes every connection. */
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball (tests clone a migrated template with it). */
  dump?: () => Promise<Blob>;
  /**
   * LISTEN on a channel: PGlite's own listener, or on PostgreSQL a dedicated connection outside
   * the pool (a pooled one would be handed to queries). `onError` reports a lost connection
   * (the caller falls back to polling). Resolves to the function that stops listening.
   */
  listen?: (
    channel: string,
    onPayload: (payload: string) => void,
    onError?: (error: Error) => void,
  ) => Promise<() => Promise<void>>;
}

/** int8 and numeric as JS numbers on both engines (counts, cents and ratios stay far below 2^53). */
const numberParsers = { 20: Number, 1700: Number } as const;

export interface OpenDbOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; omitted means in-memory. */
  dataDir?: string | undefined;
  /** A dumped PGlite data directory to start from (used by tests to clone a migrated template). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite database. */
export async function openDb(options: OpenDbOptions): Promise<DbHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPGlite(options);
}

export async function openPGlite(options: Pick<OpenDbOptions, 'dataDir' | 'loadDataDir'>): Promise<DbHandle> {
  if (options.dataDir && !options.loadDataDir) await initialisePGliteDataDir(options.dataDir);
  const pglite = await PGlite.create({
    startParams: [...pgliteStartParams],
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: numberParsers,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    dump: async () => pglite.dumpDataDir('none'),
    async listen(channel, onPayload) {
      const stop = await pglite.listen(channel, onPayload);
      return async () => {
        if (!closed) await stop();
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      if (options.dataDir) await sql`checkpoint`.execute(db).catch(() => undefined);
      await db.destroy();
    },
  };
}

export function openPostgres(connectionString: string, poolSize = 10): DbHandle {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid in numberParsers
          ? numberParsers[oid as keyof typeof numberParsers]
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Nor one checked out between two queries (a transaction awaiting its caller): its next
  // query fails and the pool drops it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    kind: 'postgres',
    async listen(channel, onPayload, onError) {
      const client = new pg.Client({ connectionString });
      client.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      client.on('error', (error) => onError?.(error));
      await client.connect();
      await client.query(`listen "${channel.replace(/"/g, '""')}"`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** Liveness of the database connection, for /ready and `tandem doctor`. */
export async function pingDb(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
