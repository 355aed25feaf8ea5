/** What the timestamp correction needs; all optional but receivedAt. */
export interface TimestampInput {
  /** When the server received the request. */
  receivedAt: Date;
  /** When the client sent the request, by the client's clock. */
  sentAt?: Date | undefined;
  /** When the event happened, by the client's clock. */
  originalTimestamp?: Date | undefined;
}

/**
 * When the event happened, on the server's clock. Client clocks are often wrong, but the time
 * between the event and sending it is right on any clock, so
 * `timestamp = receivedAt − (sentAt − originalTimestamp)` removes the skew.
 * Without sentAt the client's timestamp is taken as is (historical imports). The result never
 * lies after receivedAt (an event cannot happen after it arrived) nor before 1970.
 * @example correctTimestamp({ receivedAt: new Date('2025-01-01T12:00:10Z'),
 *   sentAt: new Date('2025-01-01T09:00:05Z'), originalTimestamp: new Date('2025-01-01T09:00:00Z') })
 *   // → 2025-01-01T12:00:05Z
 */
export function correctTimestamp(input: TimestampInput): Date {
  const received = input.receivedAt.getTime();
  const original = input.originalTimestamp?.getTime();
  if (original === undefined) return new Date(received);
  const sent = input.sentAt?.getTime();
  const corrected = sent === undefined ? original : received - (sent - original);
  return new Date(Math.max(0, Math.min(received, corrected)));
}
