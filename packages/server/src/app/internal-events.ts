import { normalizeEvent } from '../ingest/normalize-event.js';
import { type StoreBatchOptions, storeBatch } from '../ingest/store-batch.js';
import type { Db } from '../store/db.js';

/**
 * A behaviour Tandem itself observes (a share link viewed, a nurture email opened or clicked):
 * recorded as a Segment `track` event so it takes the same path as tracked behaviour — identity
 * stitching by email, campaigns from UTM, dedupe by message id and live Interest scoring.
 */
export interface InternalTrack {
  /** Stable per occurrence (e.g. `nurture-open:<message id>`): recording twice stores it once. */
  messageId: string;
  /** The event name contract rules match, e.g. `Email Opened`. */
  event: string;
  /** The person's email, which ties the event to their contact (and account). */
  email: string;
  /** An id for the device or channel; defaults to one per email address. */
  anonymousId?: string;
  properties?: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * Stores internal events in their own transaction, exactly like an ingestion flush.
 * Throws a programming error for a message the ingestion rules would refuse.
 */
export async function recordInternalEvents(
  db: Db,
  options: StoreBatchOptions,
  workspaceId: string,
  tracks: readonly InternalTrack[],
): Promise<void> {
  if (tracks.length === 0) return;
  const receivedAt = options.clock();
  const events = tracks.map((track, i) => {
    const raw = {
      type: 'track',
      event: track.event,
      messageId: track.messageId,
      anonymousId: track.anonymousId ?? `tandem:${track.email.toLowerCase()}`,
      timestamp: track.occurredAt.toISOString(),
      properties: track.properties ?? {},
      context: { traits: { email: track.email }, library: { name: 'tandem', version: 'internal' } },
    };
    const result = normalizeEvent(raw, {
      receivedAt,
      // Sent "now" with its own timestamp: the time is kept as given, not corrected for skew.
      sentAt: receivedAt,
      impliedType: undefined,
      pointer: `/${i}`,
    });
    if (!result.ok) {
      throw new Error(
        `internal event ${track.messageId} refused: ${result.rejection.field} ${result.rejection.detail}`,
      );
    }
    return result.value;
  });
  await storeBatch(db, [{ workspaceId, receivedAt, events, rejected: [] }], options);
}

/** The ingestion options internal events are stored with, from the server's configuration. */
export function internalEventOptions(deps: {
  config: { freemailDomains: readonly string[] };
  clock: StoreBatchOptions['clock'];
  dbKind: 'pglite' | 'postgres';
}): StoreBatchOptions {
  return {
    freemailDomains: new Set(deps.config.freemailDomains),
    clock: deps.clock,
    concurrentWriters: deps.dbKind === 'postgres',
  };
}
