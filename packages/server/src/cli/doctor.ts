import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { sql } from 'kysely';
import { type Config, ConfigError } from '../config.js';
import { AppError } from '../errors.js';
import { readDataDirLock } from '../store/data-dir-lock.js';
import type { DbHandle } from '../store/db.js';
import { latestMigration, pendingMigrations } from '../store/migrate.js';
import { pgliteDir } from '../store/open-configured-db.js';
import { tandemVersion } from '../version.js';
import type { CliContext } from './context.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface DoctorCheck {
  name: 'config' | 'data_dir_lock' | 'database' | 'migrations';
  status: CheckStatus;
  detail: string;
}

export interface DoctorReport {
  /** False when any check failed (exit code 1). */
  ok: boolean;
  checks: DoctorCheck[];
  database: { kind: 'pglite' | 'postgres'; location: string } | null;
  versions: { tandem: string; node: string; database: string | null; pglite: string };
}

/** The installed PGlite package's version (its package.json is not exported, so walk up from its entry). */
export function pgliteVersion(): string {
  try {
    let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
      try {
        const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
          name?: string;
          version?: string;
        };
        if (manifest.name === '@electric-sql/pglite' && manifest.version) return manifest.version;
      } catch {
        // not this directory
      }
    }
  } catch {
    // not installed
  }
  return 'unknown';
}

/** A connection string without its password, fit to print. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * `tandem doctor`: configuration, data-directory lock, database, migrations, versions. A lock
 * held by a running server is a warning, not a failure: the server owns the embedded database
 * then, and doctor must not open it (its /ready endpoint answers for the database instead).
 */
export async function doctorCommand(ctx: CliContext): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const versions: DoctorReport['versions'] = {
    tandem: tandemVersion,
    node: process.versions.node,
    database: null,
    pglite: pgliteVersion(),
  };
  const done = (database: DoctorReport['database']): DoctorReport => ({
    ok: checks.every((c) => c.status !== 'fail'),
    checks,
    database,
    versions,
  });

  let config: Config;
  try {
    config = ctx.config();
    checks.push({ name: 'config', status: 'ok', detail: 'environment is valid' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    checks.push({ name: 'config', status: 'fail', detail: error.problems.join('; ') });
    return done(null);
  }

  const embedded = !config.databaseUrl;
  const database: DoctorReport['database'] = embedded
    ? { kind: 'pglite', location: pgliteDir(config) }
    : { kind: 'postgres', location: redactUrl(config.databaseUrl!) };
  const lockBefore = embedded ? await readDataDirLock(config.dataDir) : undefined;
  if (embedded && !existsSync(database.location)) {
    // Opening would create an empty database: doctor only looks.
    checks.push(
      lockBefore
        ? {
            name: 'data_dir_lock',
            status: 'warn',
            detail: `lock file names process ${lockBefore.pid} (${lockBefore.purpose})`,
          }
        : { name: 'data_dir_lock', status: 'ok', detail: `${config.dataDir} is free` },
    );
    const hint = 'run `tandem migrate` (or `npm start`) to create it';
    checks.push({
      name: 'database',
      status: 'fail',
      detail: `no embedded database at ${database.location}: ${hint}`,
    });
    checks.push({ name: 'migrations', status: 'skip', detail: 'no database' });
    return done(database);
  }

  let handle: DbHandle;
  try {
    handle = await ctx.openDatabase(config, 'tandem doctor');
  } catch (error) {
    if (embedded && error instanceof AppError && error.code === 'conflict') {
      checks.push({ name: 'data_dir_lock', status: 'warn', detail: error.message });
      const why = 'not opened: the embedded database belongs to the process holding the lock';
      checks.push({ name: 'database', status: 'skip', detail: why });
      checks.push({ name: 'migrations', status: 'skip', detail: why });
      return done(database);
    }
    if (embedded) checks.push({ name: 'data_dir_lock', status: 'ok', detail: `${config.dataDir} is free` });
    const message = error instanceof Error ? error.message : String(error);
    checks.push({ name: 'database', status: 'fail', detail: `cannot open ${database.location}: ${message}` });
    checks.push({ name: 'migrations', status: 'skip', detail: 'database not reachable' });
    return done(database);
  }

  try {
    checks.push(
      embedded
        ? {
            name: 'data_dir_lock',
            status: 'ok',
            detail: lockBefore
              ? `stale lock of process ${lockBefore.pid} (${lockBefore.purpose}) was taken over`
              : `${config.dataDir} is free`,
          }
        : { name: 'data_dir_lock', status: 'skip', detail: 'not used with DATABASE_URL' },
    );
    try {
      const { rows } = await sql<{ version: string }>`select version() as version`.execute(handle.db);
      versions.database = rows[0]?.version ?? null;
      checks.push({
        name: 'database',
        status: 'ok',
        detail: `${database.kind} at ${database.location} answers`,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      checks.push({ name: 'database', status: 'fail', detail: `${database.location}: ${message}` });
      checks.push({ name: 'migrations', status: 'skip', detail: 'database not reachable' });
      return done(database);
    }
    const pending = await pendingMigrations(handle.db);
    checks.push(
      pending.length === 0
        ? { name: 'migrations', status: 'ok', detail: `up to date (${latestMigration})` }
        : {
            name: 'migrations',
            status: 'fail',
            detail: `${pending.length} pending (${pending.join(', ')}): run \`tandem migrate\``,
          },
    );
    return done(database);
  } finally {
    await handle.close();
  }
}

const marks: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' };

export function formatDoctor(report: DoctorReport): string {
  const shortDb = report.versions.database?.match(/^PostgreSQL [\d.]+/)?.[0] ?? report.versions.database;
  return [
    ...report.checks.map((c) => `[${marks[c.status]}] ${c.name.padEnd(13)} ${c.detail}`),
    '',
    `Tandem ${report.versions.tandem} · Node ${report.versions.node} · database ${shortDb ?? 'n/a'} · PGlite ${report.versions.pglite}`,
    report.ok ? 'All checks passed.' : 'Some checks failed.',
  ].join('\n');
}
