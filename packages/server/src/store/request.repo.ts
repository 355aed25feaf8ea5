import type { Viewer } from '../app/viewer.js';
import type { Executor } from './executor.js';
import type { MarketingRequestRow, MarketingRequestStatus } from './schema.js';

/** Requests the viewer may see: marketing and admins all; a rep their own; a manager their team's. */
export function visibleRequests(db: Executor, viewer: Viewer) {
  let q = db.selectFrom('marketing_request').where('marketing_request.workspace_id', '=', viewer.workspaceId);
  if (viewer.role === 'admin' || viewer.role === 'marketing') return q;
  if (viewer.role === 'sales_manager' && viewer.teamId) {
    const team = db
      .selectFrom('app_user')
      .select('app_user.id')
      .where('app_user.workspace_id', '=', viewer.workspaceId)
      .where('app_user.team_id', '=', viewer.teamId);
    return q.where((eb) =>
      eb.or([
        eb('marketing_request.requested_by', '=', viewer.userId ?? ''),
        eb('marketing_request.requested_by', 'in', team),
      ]),
    );
  }
  q = q.where('marketing_request.requested_by', '=', viewer.userId ?? '00000000-0000-0000-0000-000000000000');
  return q;
}

export async function lockRequest(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<MarketingRequestRow | null> {
  const row = await db
    .selectFrom('marketing_request')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

export async function listRequests(
  db: Executor,
  viewer: Viewer,
  options: { statuses?: readonly MarketingRequestStatus[]; limit: number },
): Promise<MarketingRequestRow[]> {
  return visibleRequests(db, viewer)
    .selectAll('marketing_request')
    .$if((options.statuses?.length ?? 0) > 0, (q) =>
      q.where('marketing_request.status', 'in', options.statuses!),
    )
    .orderBy('marketing_request.created_at', 'desc')
    .orderBy('marketing_request.id', 'desc')
    .limit(options.limit)
    .execute();
}

/** The marketing team requests go to: the first marketing team by name, or none. */
export async function marketingTeamId(db: Executor, workspaceId: string): Promise<string | null> {
  const row = await db
    .selectFrom('team')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'marketing')
    .orderBy('name')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
