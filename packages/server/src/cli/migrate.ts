import { type MigrateOutcome, migrateToLatest } from '../store/migrate.js';
import type { CliContext } from './context.js';

/** `tandem migrate`: applies every pending migration. */
export async function migrateCommand(ctx: CliContext): Promise<MigrateOutcome> {
  return ctx.withDb('tandem migrate', (db) => migrateToLatest(db), { requireMigrated: false });
}

export function formatMigrate(outcome: MigrateOutcome): string {
  if (outcome.applied.length === 0) return `Nothing to apply: the database is at ${outcome.latest}.`;
  const s = outcome.applied.length === 1 ? '' : 's';
  return [`Applied ${outcome.applied.length} migration${s}:`, ...outcome.applied.map((m) => `  ${m}`)].join(
    '\n',
  );
}
