import { AppError, invalid, notFound } from '../errors.js';
import { newId } from '../id.js';
import type { Db } from '../store/db.js';
import type { Executor } from '../store/executor.js';
import { lockRequest, marketingTeamId, visibleRequests } from '../store/request.repo.js';
import type { MarketingRequestKind, MarketingRequestRow, MarketingRequestStatus } from '../store/schema.js';
import { notify } from './notifications/notify.js';
import { startSlaClock, stopSlaClocks } from './sla-clocks.js';
import { contractTerms } from './sla-policy.js';
import { marketingUsers, uniqueIds } from './sla-recipients.js';
import type { Viewer } from './viewer.js';

export const requestKinds = [
  'campaign',
  'asset',
  'event_support',
  'deal_help',
] as const satisfies readonly MarketingRequestKind[];

const sales = new Set(['sales_rep', 'sales_manager', 'admin']);
const marketing = new Set(['marketing', 'admin']);

/**
 * Sales asks marketing for a campaign, an asset, event support or help on a deal. Marketing's
 * clock (the contract's marketingRequestHours on the marketing team's hours) starts at once and
 * runs until the request is delivered or declined; it warns and escalates like a lead clock.
 */
export async function createRequest(
  db: Db,
  input: {
    viewer: Viewer;
    now: Date;
    kind: MarketingRequestKind;
    title: string;
    detail?: string | null;
    leadId?: string | null;
    accountId?: string | null;
    opportunityId?: string | null;
  },
): Promise<MarketingRequestRow> {
  if (!sales.has(input.viewer.role)) throw new AppError('forbidden', 'requests to marketing come from sales');
  return db.transaction().execute(async (trx) => openRequest(trx, input));
}

/**
 * The body of createRequest inside the caller's transaction, for use-cases that open a request
 * along with their own change (a rep's asset suggestion). The caller checks who may ask.
 */
export async function openRequest(
  trx: Executor,
  input: Parameters<typeof createRequest>[1],
): Promise<MarketingRequestRow> {
  const { viewer, now } = input;
  const ws = viewer.workspaceId;
  await checkLink(trx, ws, 'lead', input.leadId, '/leadId');
  await checkLink(trx, ws, 'account', input.accountId, '/accountId');
  await checkLink(trx, ws, 'opportunity', input.opportunityId, '/opportunityId');
  const id = newId(now.getTime());
  const teamId = await marketingTeamId(trx, ws);
  const row = await trx
    .insertInto('marketing_request')
    .values({
      workspace_id: ws,
      id,
      kind: input.kind,
      title: input.title.trim(),
      detail: input.detail ?? null,
      requested_by: viewer.userId,
      team_id: teamId,
      assignee_id: null,
      lead_id: input.leadId ?? null,
      account_id: input.accountId ?? null,
      opportunity_id: input.opportunityId ?? null,
      decline_reason: null,
      resolution_note: null,
      created_at: now,
      accepted_at: null,
      delivered_at: null,
      declined_at: null,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const terms = await contractTerms(trx, ws, now);
  const clock = terms
    ? await startSlaClock(trx, {
        workspaceId: ws,
        subject: { type: 'request', id },
        kind: 'marketing_request',
        assigneeId: null,
        teamId,
        settings: terms.sla.marketing_request,
        contractVersion: terms.version,
        now,
      })
    : null;
  await notify(trx, {
    workspaceId: ws,
    type: 'request.created',
    recipientUserIds: await marketingUsers(trx, ws),
    subject: { type: 'request', id },
    title: `Request from sales: ${row.title}`,
    body: row.detail ?? '',
    data: { requestId: id, kind: row.kind, dueAt: clock?.dueAt.toISOString() ?? null },
    occurredAt: now,
  });
  return row;
}

async function checkLink(
  db: Executor,
  workspaceId: string,
  table: 'lead' | 'account' | 'opportunity',
  id: string | null | undefined,
  field: string,
): Promise<void> {
  if (!id) return;
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw invalid(field, `no such ${table}`);
}

type Move = 'accept' | 'deliver' | 'decline';
const allowedFrom: Record<Move, readonly MarketingRequestStatus[]> = {
  accept: ['open'],
  deliver: ['open', 'accepted'],
  decline: ['open', 'accepted'],
};

/**
 * Marketing answers a request: accept (takes it; the clock keeps running), deliver (with a note)
 * or decline (with a reason). Delivering or declining stops the clock. A request already past
 * that step answers 409 and nothing changes.
 */
export async function answerRequest(
  db: Db,
  input: {
    viewer: Viewer;
    now: Date;
    requestId: string;
    move: Move;
    note?: string | null;
    reason?: string | null;
  },
): Promise<MarketingRequestRow> {
  const { viewer, now, move } = input;
  const ws = viewer.workspaceId;
  return db.transaction().execute(async (trx) => {
    const visible = await visibleRequests(trx, viewer)
      .select('marketing_request.id')
      .where('marketing_request.id', '=', input.requestId)
      .executeTakeFirst();
    if (!visible) throw notFound('request');
    if (!marketing.has(viewer.role)) throw new AppError('forbidden', 'marketing answers requests');
    const row = await lockRequest(trx, ws, input.requestId);
    if (!row) throw notFound('request');
    if (!allowedFrom[move].includes(row.status)) {
      const detail = `cannot ${move} a request that is ${row.status}`;
      throw new AppError('conflict', detail, {
        errors: [{ field: '/status', detail, code: 'illegal_transition' }],
      });
    }
    if (move === 'decline' && !input.reason?.trim())
      throw invalid('/reason', 'a declined request needs a reason');
    const status: MarketingRequestStatus =
      move === 'accept' ? 'accepted' : move === 'deliver' ? 'delivered' : 'declined';
    const updated = await trx
      .updateTable('marketing_request')
      .set({
        status,
        updated_at: now,
        assignee_id: row.assignee_id ?? viewer.userId,
        ...(move === 'accept' ? { accepted_at: now } : {}),
        ...(move === 'deliver' ? { delivered_at: now, resolution_note: input.note ?? null } : {}),
        ...(move === 'decline'
          ? { declined_at: now, decline_reason: input.reason!.trim(), resolution_note: input.note ?? null }
          : {}),
      })
      .where('workspace_id', '=', ws)
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (move === 'accept') {
      await trx
        .updateTable('sla_clock')
        .set({ assignee_id: viewer.userId })
        .where('workspace_id', '=', ws)
        .where('subject_type', '=', 'request')
        .where('subject_id', '=', row.id)
        .where('stopped_at', 'is', null)
        .execute();
    } else {
      await stopSlaClocks(trx, {
        workspaceId: ws,
        subject: { type: 'request', id: row.id },
        at: now,
        cause: 'decision',
      });
    }
    await notify(trx, {
      workspaceId: ws,
      type:
        move === 'accept'
          ? 'request.accepted'
          : move === 'deliver'
            ? 'request.delivered'
            : 'request.declined',
      recipientUserIds: uniqueIds([row.requested_by]),
      subject: { type: 'request', id: row.id },
      title: `Your request was ${status}: ${row.title}`,
      body: input.reason ?? input.note ?? '',
      data: { requestId: row.id, status, reason: input.reason ?? null },
      occurredAt: now,
    });
    return updated;
  });
}
