import { type Clock, systemClock } from '../clock.js';
import { type Config, loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import type { Db, DbHandle } from '../store/db.js';
import { pendingMigrations } from '../store/migrate.js';
import { openConfiguredDb } from '../store/open-configured-db.js';
import type { CliIo } from './io.js';
import { Output } from './output.js';

/** What a caller may replace; everything defaults to the real process. */
export interface CliOptions {
  /** Environment to read the configuration from (default: process.env). */
  env?: Record<string, string | undefined>;
  cwd?: string;
  clock?: Clock;
  /**
   * Opens the configured database. The default locks the data directory first for the embedded
   * database, so the CLI never opens it under a running server; tests pass an open test database.
   */
  openDatabase?: (config: Config, purpose: string) => Promise<DbHandle>;
}

/** What commands receive: streams, time, configuration and the database, nothing global. */
export interface CliContext {
  io: CliIo;
  output: Output;
  clock: Clock;
  /** The validated configuration (throws ConfigError listing every problem). */
  config(): Config;
  openDatabase(config: Config, purpose: string): Promise<DbHandle>;
  /** Opens the database for one command and closes it (releasing the lock) whatever happens. */
  withDb<T>(
    purpose: string,
    work: (db: Db) => Promise<T>,
    options?: { requireMigrated?: boolean },
  ): Promise<T>;
}

export function createCliContext(io: CliIo, argv: readonly string[], options: CliOptions = {}): CliContext {
  let config: Config | undefined;
  const openDatabase = options.openDatabase ?? openConfiguredDb;
  const ctx: CliContext = {
    io,
    output: new Output(io, argv),
    clock: options.clock ?? systemClock,
    config() {
      config ??= loadConfig(options.env ?? process.env, options.cwd ?? process.cwd());
      return config;
    },
    openDatabase,
    async withDb(purpose, work, withOptions = {}) {
      const handle = await openDatabase(ctx.config(), purpose);
      try {
        if (withOptions.requireMigrated !== false) await assertMigrated(handle.db);
        return await work(handle.db);
      } finally {
        await handle.close();
      }
    },
  };
  return ctx;
}

async function assertMigrated(db: Db): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending.length > 0) {
    throw new AppError(
      'service_unavailable',
      `the database is not migrated (${pending.length} pending: ${pending.join(', ')}); run \`tandem migrate\` first`,
    );
  }
}
