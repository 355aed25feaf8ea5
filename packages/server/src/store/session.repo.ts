import type { Executor } from './executor.js';
import type { SessionRow, UserRow } from './schema.js';

export async function insertSession(
  db: Executor,
  row: Omit<SessionRow, 'ip' | 'user_agent'> & { ip?: string | null; user_agent?: string | null },
): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

/** A session with the user it belongs to: role and team are read fresh on every request. */
export interface SessionWithUser {
  session: SessionRow;
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'role' | 'team_id' | 'partner_id' | 'status'>;
}

/** Looks a session up by the sha256 of its token (unique across workspaces). */
export async function findSessionWithUser(db: Executor, id: string): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', (join) =>
      join
        .onRef('app_user.workspace_id', '=', 'session.workspace_id')
        .onRef('app_user.id', '=', 'session.user_id'),
    )
    .selectAll('session')
    .select([
      'app_user.email',
      'app_user.name',
      'app_user.role',
      'app_user.team_id',
      'app_user.partner_id',
      'app_user.status',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { email, name, role, team_id, partner_id, status, ...session } = row;
  return { session, user: { id: session.user_id, email, name, role, team_id, partner_id, status } };
}

/** Records activity; the guard keeps concurrent requests from rewriting it more than once. */
export async function touchSession(db: Executor, id: string, at: Date, olderThan: Date): Promise<void> {
  await db
    .updateTable('session')
    .set({ last_seen_at: at })
    .where('id', '=', id)
    .where('last_seen_at', '<', olderThan)
    .execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Executor, workspaceId: string, userId: string): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes a user's sessions that can no longer be used (tidied at each login, no sweeper needed). */
export async function deleteDeadSessions(
  db: Executor,
  input: { workspaceId: string; userId: string; now: Date; idleSince: Date },
): Promise<void> {
  await db
    .deleteFrom('session')
    .where('workspace_id', '=', input.workspaceId)
    .where('user_id', '=', input.userId)
    .where((eb) => eb.or([eb('expires_at', '<=', input.now), eb('last_seen_at', '<=', input.idleSince)]))
    .execute();
}

export const loginFailedAction = 'auth.login_failed';
export const loginSucceededAction = 'auth.login_succeeded';

/**
 * Recent login outcomes for these users, read from audit_log so every process sees the same
 * count (the throttle needs no shared memory).
 */
export async function recentLoginAttempts(
  db: Executor,
  users: ReadonlyArray<{ workspaceId: string; userId: string }>,
  since: Date,
): Promise<Array<{ at: Date; succeeded: boolean }>> {
  if (users.length === 0) return [];
  const rows = await db
    .selectFrom('audit_log')
    .select(['action', 'at'])
    .where('action', 'in', [loginFailedAction, loginSucceededAction])
    .where('at', '>', since)
    .where((eb) =>
      eb.or(
        users.map((u) => eb.and([eb('workspace_id', '=', u.workspaceId), eb('target_id', '=', u.userId)])),
      ),
    )
    .execute();
  return rows.map((r) => ({ at: r.at, succeeded: r.action === loginSucceededAction }));
}

/** The signed-in user with their workspace's name and slug, for the session endpoint. */
export async function findUserWithWorkspace(db: Executor, workspaceId: string, userId: string) {
  return db
    .selectFrom('app_user')
    .innerJoin('workspace', 'workspace.id', 'app_user.workspace_id')
    .select([
      'app_user.id',
      'app_user.email',
      'app_user.name',
      'app_user.role',
      'app_user.team_id',
      'app_user.partner_id',
      'workspace.name as workspace_name',
      'workspace.slug as workspace_slug',
    ])
    .where('app_user.workspace_id', '=', workspaceId)
    .where('app_user.id', '=', userId)
    .executeTakeFirst();
}
