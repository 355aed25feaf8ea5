/**
 * Ingestion limits, the same as Segment's HTTP Tracking API so its clients never meet a
 * surprise: a client that respects Segment's limits respects Tandem's.
 */
export const ingestLimits = {
  /** Bytes of one event, serialised as JSON. */
  maxEventBytes: 32 * 1024,
  /** Bytes of one request body, after gzip inflation. */
  maxRequestBytes: 500 * 1024,
  /** Events in one batch. */
  maxBatchEvents: 2500,
  /** Nesting of objects and arrays in a body; deeper payloads are refused before parsing. */
  maxJsonDepth: 32,
  /** Characters of an id (messageId, userId, anonymousId, groupId, previousId). */
  maxIdLength: 255,
  /** Characters of an event or page name. */
  maxNameLength: 500,
} as const;
