import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import type { Db } from './db.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-ingestion.js';
import * as m0003 from './migrations/0003-lead-contract.js';
import * as m0004 from './migrations/0004-lead-scoring.js';
import * as m0005 from './migrations/0005-timers.js';
import * as m0006 from './migrations/0006-contract-analysis.js';
import * as m0007 from './migrations/0007-handoff.js';
import * as m0008 from './migrations/0008-notifications.js';
import * as m0009 from './migrations/0009-ingest-speed.js';
import * as m0010 from './migrations/0010-closed-loop.js';
import * as m0011 from './migrations/0011-goals.js';
import * as m0012 from './migrations/0012-content.js';
import * as m0013 from './migrations/0013-nurture.js';
import * as m0017 from './migrations/0017-report-indexes.js';

/** Migrations are listed statically so they work from source, from dist and in tests alike. */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-ingestion': m0002,
  '0003-lead-contract': m0003,
  '0004-lead-scoring': m0004,
  '0005-timers': m0005,
  '0006-contract-analysis': m0006,
  '0007-handoff': m0007,
  '0008-notifications': m0008,
  '0009-ingest-speed': m0009,
  '0010-closed-loop': m0010,
  '0011-goals': m0011,
  '0012-content': m0012,
  '0013-nurture': m0013,
  '0017-report-indexes': m0017,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export const latestMigration = Object.keys(migrations).sort().at(-1)!;

function migrator(db: Db): Migrator {
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works on an untyped view of the database.
  return new Migrator({ db: db as any, provider: new StaticProvider() });
}

export interface MigrateOutcome {
  applied: string[];
  latest: string;
}

/** Applies every pending migration; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Db): Promise<MigrateOutcome> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    latest: latestMigration,
  };
}

/** Migrations known to the code but not yet applied to the database. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
