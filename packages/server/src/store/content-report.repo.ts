import { sql } from 'kysely';
import type { ContentFacts } from '../core/content/report.js';
import type { Executor } from './executor.js';

/** Loads the facts of the content report for [from, to) in one workspace. */
export async function loadContentFacts(
  db: Executor,
  workspaceId: string,
  window: { from: Date; to: Date },
): Promise<ContentFacts> {
  const { from, to } = window;
  const assets = await db
    .selectFrom('asset')
    .select(['id', 'title', 'stage', 'status', 'origin', 'format'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const views = await db
    .selectFrom('share_view')
    .innerJoin('share_link', (j) =>
      j
        .onRef('share_link.workspace_id', '=', 'share_view.workspace_id')
        .onRef('share_link.id', '=', 'share_view.share_id'),
    )
    .select([
      'share_view.asset_id',
      'share_view.seconds',
      'share_view.downloads',
      'share_link.account_id',
      sql<string>`coalesce(share_view.viewer_email, share_link.contact_id::text, share_link.account_id::text)`.as(
        'viewer',
      ),
    ])
    .where('share_view.workspace_id', '=', workspaceId)
    .where('share_view.started_at', '>=', from)
    .where('share_view.started_at', '<', to)
    .execute();
  const shares = await db
    .selectFrom('share_link')
    .leftJoin('app_user', (j) =>
      j
        .onRef('app_user.workspace_id', '=', 'share_link.workspace_id')
        .onRef('app_user.id', '=', 'share_link.rep_id'),
    )
    .select(['share_link.asset_id', 'share_link.rep_id', 'app_user.name'])
    .where('share_link.workspace_id', '=', workspaceId)
    .where('share_link.created_at', '>=', from)
    .where('share_link.created_at', '<', to)
    .execute();
  const firstViews = await db
    .selectFrom('share_view')
    .innerJoin('share_link', (j) =>
      j
        .onRef('share_link.workspace_id', '=', 'share_view.workspace_id')
        .onRef('share_link.id', '=', 'share_view.share_id'),
    )
    .select((eb) => [
      'share_view.asset_id',
      'share_link.account_id',
      eb.fn.min('share_view.started_at').as('at'),
    ])
    .where('share_view.workspace_id', '=', workspaceId)
    .where('share_link.account_id', 'is not', null)
    .where('share_view.started_at', '<', to)
    .groupBy(['share_view.asset_id', 'share_link.account_id'])
    .execute();
  const created = await db
    .selectFrom('opportunity')
    .select(['id', 'account_id', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute();
  const won = await db
    .selectFrom('opportunity')
    .select(['id', 'account_id', 'closed_at', 'amount_cents'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'won')
    .where('closed_at', '>=', from)
    .where('closed_at', '<', to)
    .execute();
  const used = await db
    .selectFrom('share_link')
    .select('asset_id')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .execute();
  return {
    assets: assets.map((a) => ({ ...a })),
    views: views.map((v) => ({
      assetId: v.asset_id,
      viewer: v.viewer,
      accountId: v.account_id,
      seconds: v.seconds,
      downloads: v.downloads,
    })),
    shares: shares.map((s) => ({ assetId: s.asset_id, repId: s.rep_id, repName: s.name })),
    firstViews: firstViews.map((f) => ({
      assetId: f.asset_id,
      accountId: f.account_id!,
      at: new Date(f.at),
    })),
    opportunitiesCreated: created.map((o) => ({ id: o.id, accountId: o.account_id, at: o.created_at })),
    opportunitiesWon: won.map((o) => ({
      id: o.id,
      accountId: o.account_id,
      at: o.closed_at!,
      amountCents: Number(o.amount_cents),
    })),
    everUsed: new Set(used.map((u) => u.asset_id)),
  };
}
