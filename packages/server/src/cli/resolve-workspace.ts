import { AppError } from '../errors.js';
import type { Executor } from '../store/executor.js';
import type { WorkspaceRow } from '../store/schema.js';
import { findWorkspaceBySlug, listWorkspaces } from '../store/workspace.repo.js';

/**
 * The workspace a command acts on: the one named by `--workspace`, or the only one there is.
 * With several and none named, the error lists the choices.
 */
export async function resolveWorkspace(db: Executor, slug: string | undefined): Promise<WorkspaceRow> {
  if (slug !== undefined) {
    const workspace = await findWorkspaceBySlug(db, slug);
    if (workspace) return workspace;
    const slugs = (await listWorkspaces(db)).map((w) => w.slug);
    const choices = slugs.length > 0 ? `; workspaces: ${slugs.join(', ')}` : '';
    throw new AppError('not_found', `no workspace with slug "${slug}"${choices}`, { field: 'workspace' });
  }
  const all = await listWorkspaces(db);
  if (all.length === 1) return all[0]!;
  if (all.length === 0) {
    throw new AppError(
      'not_found',
      'there is no workspace yet: create one with `tandem workspace create --name …` or load the demo with `tandem seed --demo`',
      { field: 'workspace' },
    );
  }
  throw new AppError(
    'validation_failed',
    `there are ${all.length} workspaces; choose one with --workspace <slug>: ${all.map((w) => w.slug).join(', ')}`,
    { field: 'workspace' },
  );
}
