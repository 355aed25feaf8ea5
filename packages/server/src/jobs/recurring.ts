import type { Executor } from '../store/executor.js';

/**
 * Recurring work keeps one pending timer per workspace. For every workspace without a pending or
 * running timer of `kind`, calls `schedule` (which schedules the next one, deduplicated by its
 * key); returns how many were created. Called at start and every minute by the server.
 */
export async function ensureEveryWorkspace(
  db: Executor,
  kind: string,
  schedule: (workspaceId: string) => Promise<boolean>,
): Promise<number> {
  const workspaces = await db.selectFrom('workspace').select('id').execute();
  let created = 0;
  for (const { id } of workspaces) {
    const pending = await db
      .selectFrom('timer')
      .select('id')
      .where('workspace_id', '=', id)
      .where('kind', '=', kind)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirst();
    if (!pending && (await schedule(id))) created++;
  }
  return created;
}
