import { newId } from '../id.js';
import type { Executor } from './executor.js';

export interface FunnelView {
  key: string;
  name: string;
}

/** The workspace's funnels; 'default' always exists, stored or not. */
export async function listFunnels(db: Executor, workspaceId: string): Promise<FunnelView[]> {
  const rows = await db
    .selectFrom('funnel')
    .select(['key', 'name'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('key')
    .execute();
  return rows.some((r) => r.key === 'default') ? rows : [{ key: 'default', name: 'Default' }, ...rows];
}

export async function funnelExists(db: Executor, workspaceId: string, key: string): Promise<boolean> {
  if (key === 'default') return true;
  const row = await db
    .selectFrom('funnel')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds a funnel; false when the key is taken. */
export async function insertFunnel(
  db: Executor,
  input: { workspaceId: string; key: string; name: string; now: Date },
): Promise<boolean> {
  const row = await db
    .insertInto('funnel')
    .values({
      workspace_id: input.workspaceId,
      id: newId(input.now.getTime()),
      key: input.key,
      name: input.name,
      created_at: input.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
