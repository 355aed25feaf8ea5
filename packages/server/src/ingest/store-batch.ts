import { applyIdentity, carriesIdentity } from '../app/identity.js';
import { scoreEventsLive } from '../app/live-scoring.js';
import type { Clock } from '../clock.js';
import { newId } from '../id.js';
import type { Db } from '../store/db.js';
import {
  campaignIdsByUtm,
  insertEvents,
  insertedKey,
  insertRejections,
  type NewEventRow,
  type NewRejectionRow,
} from '../store/event.repo.js';
import type { Executor } from '../store/executor.js';
import { findIdentities, lockWorkspaceIdentities } from '../store/identity.repo.js';
import { eventsByMessageId, type ScoringEventRow } from '../store/lead-score.repo.js';
import type { NormalizedEvent } from './normalize-event.js';
import type { RejectedEvent } from './parse-request.js';
import { storableCopy } from './strings.js';

/** What one request hands to the group commit. */
export interface IngestUnit {
  workspaceId: string;
  receivedAt: Date;
  events: NormalizedEvent[];
  rejected: RejectedEvent[];
}

export interface StoreBatchOptions {
  freemailDomains: ReadonlySet<string>;
  clock: Clock;
  /**
   * Whether other transactions may ingest into the same workspace at once (PostgreSQL: several
   * flushes in flight, several processes): identity work then takes the workspace's lock.
   */
  concurrentWriters?: boolean;
}

/** Rejected payloads are kept for diagnosis, bounded so a flood of junk stays small. */
const maxRejectedPayloadChars = 8 * 1024;

function rejectionPayload(payload: unknown): string {
  const text = JSON.stringify(storableCopy(payload)) ?? 'null';
  if (text.length <= maxRejectedPayloadChars) return text;
  return JSON.stringify({
    truncated: true,
    chars: text.length,
    head: storableCopy(text.slice(0, maxRejectedPayloadChars)),
  });
}

const unique = (values: (string | null)[]): string[] => [
  ...new Set(values.filter((v): v is string => v !== null)),
];

async function storeWorkspace(
  trx: Executor,
  workspaceId: string,
  units: IngestUnit[],
  options: StoreBatchOptions,
): Promise<void> {
  const events = units.flatMap((u) => u.events);
  if (options.concurrentWriters) {
    await lockWorkspaceIdentities(trx, workspaceId, events.some(carriesIdentity) ? 'exclusive' : 'shared');
  }
  const known = await findIdentities(trx, workspaceId, {
    anonymousIds: unique(events.map((e) => e.anonymousId)),
    userIds: unique(events.map((e) => e.userId)),
  });
  const byAnonymous = new Map(known.filter((k) => k.kind === 'anonymous_id').map((k) => [k.value, k]));
  const byUser = new Map(known.filter((k) => k.kind === 'user_id').map((k) => [k.value, k]));
  const campaigns = await campaignIdsByUtm(
    trx,
    workspaceId,
    unique(events.map((e) => e.source.utm.campaign?.toLowerCase() ?? null)),
  );

  const rows: NewEventRow[] = events.map((e) => {
    const who =
      (e.userId !== null ? byUser.get(e.userId) : undefined) ??
      (e.anonymousId !== null ? byAnonymous.get(e.anonymousId) : undefined);
    const { utm } = e.source;
    return {
      workspaceId,
      id: newId(e.receivedAt.getTime()),
      messageId: e.messageId,
      type: e.type,
      name: e.name,
      anonymousId: e.anonymousId,
      userId: e.userId,
      contactId: who?.contactId ?? null,
      accountId: who?.accountId ?? null,
      campaignId: utm.campaign !== null ? (campaigns.get(utm.campaign.toLowerCase()) ?? null) : null,
      occurredAt: e.occurredAt,
      receivedAt: e.receivedAt,
      properties: e.json.properties,
      context: e.json.context,
      traits: e.json.traits,
      groupId: e.groupId,
      previousId: e.previousId,
      utmSource: utm.source,
      utmMedium: utm.medium,
      utmCampaign: utm.campaign,
      utmTerm: utm.term,
      utmContent: utm.content,
      referrer: e.source.referrer,
      pageUrl: e.source.pageUrl,
    };
  });
  const inserted = await insertEvents(trx, rows);

  const rejections: NewRejectionRow[] = units.flatMap((u) =>
    u.rejected.map((r) => ({
      workspaceId,
      id: newId(u.receivedAt.getTime()),
      receivedAt: u.receivedAt,
      messageId: r.messageId === null ? null : String(storableCopy(r.messageId)),
      code: r.rejection.code,
      field: String(storableCopy(r.rejection.field)),
      detail: r.rejection.detail,
      payload: rejectionPayload(r.payload),
    })),
  );
  await insertRejections(trx, rejections);

  // Only events stored now teach anything: a resent identify must not replay old traits.
  const now = options.clock();
  const stitchedContacts = new Set<string>();
  let identified = false;
  for (const event of events) {
    if (!carriesIdentity(event) || !inserted.has(insertedKey(workspaceId, event.messageId))) continue;
    identified = true;
    const outcome = await applyIdentity(trx, event, {
      workspaceId,
      freemailDomains: options.freemailDomains,
      now,
    });
    if (outcome.stitched > 0 && outcome.contactId !== null) stitchedContacts.add(outcome.contactId);
  }

  // Identity may have attached this flush's anonymous events (and group calls) to a contact or
  // an account: those are read back; the rest are scored as they were inserted.
  const stored: ScoringEventRow[] = [];
  const reread: string[] = [];
  events.forEach((event, i) => {
    const row = rows[i]!;
    if (!inserted.has(insertedKey(workspaceId, event.messageId))) return;
    if (identified && (row.contactId === null || carriesIdentity(event))) reread.push(event.messageId);
    else if (row.contactId !== null) stored.push(scoringRow(row, event));
  });
  stored.push(...(await eventsByMessageId(trx, workspaceId, reread)));
  await scoreEventsLive(trx, workspaceId, { events: stored, stitchedContacts: [...stitchedContacts] }, now);
}

function scoringRow(row: NewEventRow, event: NormalizedEvent): ScoringEventRow {
  return {
    id: row.id,
    contact_id: row.contactId,
    account_id: row.accountId,
    type: row.type,
    name: row.name,
    occurred_at: row.occurredAt,
    properties: event.properties,
    utm_source: row.utmSource,
    referrer: row.referrer,
  };
}

/** PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply run again. */
const retryableCodes = new Set(['40P01', '40001']);
const maxAttempts = 3;

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && retryableCodes.has(code);
}

/**
 * Stores the events and rejections of several requests in one transaction: identities are
 * looked up once, events go in with one statement (duplicates by messageId skipped), and the
 * new identifying events then stitch. Nothing is acknowledged unless all of it commits. Two
 * concurrent flushes that deadlock (one is aborted by the database) run again.
 */
export async function storeBatch(db: Db, units: IngestUnit[], options: StoreBatchOptions): Promise<void> {
  const byWorkspace = new Map<string, IngestUnit[]>();
  for (const unit of units) {
    const list = byWorkspace.get(unit.workspaceId);
    if (list) list.push(unit);
    else byWorkspace.set(unit.workspaceId, [unit]);
  }
  // Workspaces in one order, so two flushes take their workspace locks in the same order.
  const ordered = [...byWorkspace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction().execute(async (trx) => {
        for (const [workspaceId, list] of ordered) await storeWorkspace(trx, workspaceId, list, options);
      });
      return;
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryable(error)) throw error;
    }
  }
}
