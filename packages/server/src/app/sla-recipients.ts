import type { Executor } from '../store/executor.js';

/** Active sales managers of a team (none without a team). */
export async function managersOf(
  db: Executor,
  workspaceId: string,
  teamId: string | null,
): Promise<string[]> {
  if (!teamId) return [];
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .where('role', '=', 'sales_manager')
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

/** Active marketing users: they hear about rejections, recycles and requests. */
export async function marketingUsers(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'marketing')
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

export const uniqueIds = (ids: ReadonlyArray<string | null | undefined>): string[] => [
  ...new Set(ids.filter((id): id is string => typeof id === 'string')),
];
