import {
  campaignMatcher,
  classifyActivityTouch,
  classifyEventTouch,
} from '../core/touchpoints/classify-touch.js';
import { listCampaigns } from '../store/campaign.repo.js';
import type { Executor } from '../store/executor.js';
import {
  activitiesAfter,
  eventsAfter,
  insertTouchpoints,
  linkAnonymousTouchpoints,
  type NewTouchpoint,
  readTouchpointCursor,
  writeTouchpointCursor,
} from '../store/touchpoint.repo.js';

/**
 * How far behind `now` the builder reads. Ids are UUIDv7 stamped when a row is written, and a
 * transaction may commit a little after a later one: reading only ids older than this keeps the
 * cursor from stepping over a row that was not yet visible.
 */
export const touchpointLagMs = 60_000;

/** The smallest UUIDv7 of a millisecond: every id stamped earlier sorts below it. */
export function idFloor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

export interface BuildTouchpointsResult {
  events: number;
  activities: number;
  inserted: number;
  linked: number;
  /** A batch was full: call again for the rest. */
  more: boolean;
}

/**
 * Derives touchpoints from the events and activities written since the last run, following a
 * cursor per source (the ingest path is not involved), and links earlier anonymous touches whose
 * visitor has since been identified. Idempotent: a touch is unique by its source record, so a
 * repeated or overlapping run adds nothing. Run it in one transaction with the cursor update.
 */
export async function buildTouchpoints(
  db: Executor,
  input: { workspaceId: string; now: Date; batch?: number },
): Promise<BuildTouchpointsResult> {
  const { workspaceId, now } = input;
  const limit = input.batch ?? 5_000;
  const before = idFloor(now.getTime() - touchpointLagMs);
  const campaigns = campaignMatcher(await listCampaigns(db, workspaceId));
  const touches: NewTouchpoint[] = [];

  const events = await eventsAfter(db, {
    workspaceId,
    after: await readTouchpointCursor(db, workspaceId, 'event'),
    before,
    limit,
  });
  for (const e of events) {
    const touch = classifyEventTouch(
      {
        type: e.type,
        name: e.name,
        utmSource: e.utm_source,
        utmMedium: e.utm_medium,
        utmCampaign: e.utm_campaign,
        referrer: e.referrer,
        pageUrl: e.page_url,
      },
      campaigns,
    );
    if (touch) {
      touches.push({
        source: 'event',
        sourceId: e.id,
        occurredAt: e.occurred_at,
        contactId: e.contact_id,
        accountId: e.account_id,
        ...touch,
      });
    }
  }

  const activities = await activitiesAfter(db, {
    workspaceId,
    after: await readTouchpointCursor(db, workspaceId, 'activity'),
    before,
    limit,
  });
  for (const a of activities) {
    const touch = classifyActivityTouch(a.kind);
    if (touch) {
      touches.push({
        source: 'activity',
        sourceId: a.id,
        occurredAt: a.occurred_at,
        contactId: a.contact_id,
        accountId: a.account_id,
        ...touch,
      });
    }
  }

  const inserted = await insertTouchpoints(db, { workspaceId, touchpoints: touches, now });
  const lastEvent = events.at(-1);
  if (lastEvent) await writeTouchpointCursor(db, { workspaceId, source: 'event', lastId: lastEvent.id, now });
  const lastActivity = activities.at(-1);
  if (lastActivity)
    await writeTouchpointCursor(db, { workspaceId, source: 'activity', lastId: lastActivity.id, now });
  const linked = await linkAnonymousTouchpoints(db, { workspaceId, limit });
  return {
    events: events.length,
    activities: activities.length,
    inserted,
    linked,
    more: events.length === limit || activities.length === limit,
  };
}
