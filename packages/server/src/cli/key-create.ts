import type { ApiKeyKind } from '@tandem/contracts';
import { createApiKey } from '../app/workspaces.js';
import type { CliContext } from './context.js';
import { resolveWorkspace } from './resolve-workspace.js';

export interface KeyCreateOptions {
  kind: ApiKeyKind;
  name?: string | undefined;
  workspace?: string | undefined;
}

export interface CreatedKey {
  id: string;
  kind: ApiKeyKind;
  name: string;
  prefix: string;
  /** The key itself; only its hash is stored, so this is the one time it can be seen. */
  key: string;
  workspace: string;
}

/** `tandem key create --kind write|secret [--name <n>] [--workspace <slug>]` */
export async function keyCreateCommand(ctx: CliContext, options: KeyCreateOptions): Promise<CreatedKey> {
  return ctx.withDb('tandem key create', async (db) => {
    const workspace = await resolveWorkspace(db, options.workspace);
    const key = await createApiKey(db, {
      workspaceId: workspace.id,
      kind: options.kind,
      ...(options.name !== undefined ? { name: options.name } : {}),
    });
    return { ...key, workspace: workspace.slug };
  });
}

export function formatKeyCreate(k: CreatedKey): string {
  const use =
    k.kind === 'write'
      ? 'Use it in the tracking snippet or a Segment library (ingestion only).'
      : 'Send it as `Authorization: Bearer <key>` to the REST API; keep it secret.';
  return [
    `Created ${k.kind} key "${k.name}" in workspace ${k.workspace} (id ${k.id}):`,
    '',
    `  ${k.key}`,
    '',
    `Copy it now: it is shown only once. ${use}`,
  ].join('\n');
}
