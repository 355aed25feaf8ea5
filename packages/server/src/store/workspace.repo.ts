import type { Executor } from './executor.js';
import type { WorkspaceRow } from './schema.js';

export async function insertWorkspace(
  db: Executor,
  row: { id: string; name: string; slug: string; timezone?: string },
): Promise<WorkspaceRow> {
  return db.insertInto('workspace').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findWorkspaceBySlug(db: Executor, slug: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspace').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findWorkspace(db: Executor, id: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspace').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listWorkspaces(db: Executor): Promise<WorkspaceRow[]> {
  return db.selectFrom('workspace').selectAll().orderBy('created_at').execute();
}
