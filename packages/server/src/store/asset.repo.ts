import { sql } from 'kysely';
import type { Viewer } from '../app/viewer.js';
import type { AssetFormat, AssetStage, AssetStatus } from '../core/content/asset.js';
import type { Executor } from './executor.js';
import type { AssetRow, AssetVersionRow } from './schema.js';

const nobody = '00000000-0000-0000-0000-000000000000';

/**
 * Assets the viewer may see: marketing and admins all of them; everyone else approved assets,
 * plus (sales) the ones they suggested themselves.
 */
export function visibleAssets(db: Executor, viewer: Viewer) {
  const q = db.selectFrom('asset').where('asset.workspace_id', '=', viewer.workspaceId);
  if (viewer.role === 'admin' || viewer.role === 'marketing') return q;
  if (viewer.role === 'partner') return q.where('asset.status', '=', 'approved');
  return q.where((eb) =>
    eb.or([eb('asset.status', '=', 'approved'), eb('asset.created_by', '=', viewer.userId ?? nobody)]),
  );
}

export interface AssetFilters {
  q?: string;
  stage?: AssetStage;
  persona?: string;
  product?: string;
  industry?: string;
  status?: AssetStatus;
  format?: AssetFormat;
  limit: number;
}

/** Library search: words in title, description or any tag; filters combine with AND. */
export async function listAssets(db: Executor, viewer: Viewer, f: AssetFilters): Promise<AssetRow[]> {
  let q = visibleAssets(db, viewer).selectAll('asset');
  if (f.q?.trim()) {
    for (const word of f.q.trim().toLowerCase().split(/\s+/).slice(0, 8)) {
      const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(
        sql<boolean>`lower(asset.title || ' ' || asset.description || ' ' || array_to_string(asset.tags || asset.personas || asset.products || asset.industries, ' ')) like ${pattern}`,
      );
    }
  }
  if (f.stage) q = q.where('asset.stage', '=', f.stage);
  if (f.status) q = q.where('asset.status', '=', f.status);
  if (f.format) q = q.where('asset.format', '=', f.format);
  if (f.persona) q = q.where(sql<boolean>`${f.persona} = any(asset.personas)`);
  if (f.product) q = q.where(sql<boolean>`${f.product} = any(asset.products)`);
  if (f.industry) q = q.where(sql<boolean>`${f.industry} = any(asset.industries)`);
  return q.orderBy('asset.updated_at', 'desc').orderBy('asset.id', 'desc').limit(f.limit).execute();
}

export async function findVisibleAsset(db: Executor, viewer: Viewer, id: string): Promise<AssetRow | null> {
  const row = await visibleAssets(db, viewer)
    .selectAll('asset')
    .where('asset.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function lockAsset(db: Executor, workspaceId: string, id: string): Promise<AssetRow | null> {
  const row = await db
    .selectFrom('asset')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

/** Every version of an asset, newest first. */
export async function assetVersions(
  db: Executor,
  workspaceId: string,
  assetId: string,
): Promise<AssetVersionRow[]> {
  return db
    .selectFrom('asset_version')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('asset_id', '=', assetId)
    .orderBy('version', 'desc')
    .execute();
}

export async function currentVersion(
  db: Executor,
  asset: Pick<AssetRow, 'workspace_id' | 'id' | 'current_version'>,
): Promise<AssetVersionRow | null> {
  if (asset.current_version === 0) return null;
  const row = await db
    .selectFrom('asset_version')
    .selectAll()
    .where('workspace_id', '=', asset.workspace_id)
    .where('asset_id', '=', asset.id)
    .where('version', '=', asset.current_version)
    .executeTakeFirst();
  return row ?? null;
}
