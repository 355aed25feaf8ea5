import { sql } from 'kysely';
import type { Executor } from './executor.js';
import type { NewUser, TeamRow, UserRow, UserUpdate } from './schema.js';

export async function insertUser(db: Executor, row: NewUser): Promise<UserRow> {
  return db.insertInto('app_user').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findUser(db: Executor, workspaceId: string, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Users with this email in any workspace (login looks the email up before knowing the workspace). */
export async function findUsersByEmail(db: Executor, email: string): Promise<UserRow[]> {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .execute();
}

export async function listUsers(db: Executor, workspaceId: string): Promise<UserRow[]> {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
}

export async function updateUser(
  db: Executor,
  workspaceId: string,
  id: string,
  patch: UserUpdate,
): Promise<UserRow | undefined> {
  return db
    .updateTable('app_user')
    .set({ ...patch, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function insertTeam(
  db: Executor,
  row: { workspace_id: string; id: string; name: string; kind?: 'sales' | 'marketing' | 'partner' },
): Promise<TeamRow> {
  return db.insertInto('team').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findTeamByName(
  db: Executor,
  workspaceId: string,
  name: string,
): Promise<TeamRow | undefined> {
  return db
    .selectFrom('team')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function listTeams(db: Executor, workspaceId: string): Promise<TeamRow[]> {
  return db.selectFrom('team').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
}
