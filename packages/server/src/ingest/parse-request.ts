import type { EventType } from '../store/schema.js';
import { ingestLimits } from './limits.js';
import { type NormalizedEvent, normalizeEvent } from './normalize-event.js';
import { ok, type Rejection, rejected, type StepResult } from './result.js';

/** `batch` (also import) or the type of a single-event endpoint. */
export type IngestKind = 'batch' | EventType;

export interface RejectedEvent {
  index: number;
  messageId: string | null;
  rejection: Rejection;
  /** What was sent, to be kept (bounded) with the rejection. */
  payload: unknown;
}

export interface ParsedRequest {
  /** A write key sent in the body (browser clients), if any. */
  writeKey: string | undefined;
  accepted: NormalizedEvent[];
  rejected: RejectedEvent[];
}

type Bag = Record<string, unknown>;
const isBag = (value: unknown): value is Bag =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function requestSentAt(body: Bag): StepResult<Date | undefined> {
  const value = body.sentAt;
  if (value === undefined || value === null || value === '') return ok(undefined);
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) return rejected('validation_failed', '/sentAt', 'must be an ISO-8601 date-time');
  return ok(new Date(time));
}

/**
 * Splits a parsed request body into accepted and rejected events (pure). A refusal of the whole
 * request (not an object, no batch array, too many events) is returned as a rejection.
 */
export function parseIngestRequest(
  body: unknown,
  options: { kind: IngestKind; receivedAt: Date },
): StepResult<ParsedRequest> {
  if (!isBag(body)) return rejected('validation_failed', '/', 'the body must be a JSON object');
  const writeKey = typeof body.writeKey === 'string' && body.writeKey !== '' ? body.writeKey : undefined;
  const sentAt = requestSentAt(body);
  if (!sentAt.ok) return sentAt;

  let raws: unknown[];
  let batchContext: Bag | undefined;
  if (options.kind === 'batch') {
    if (!Array.isArray(body.batch))
      return rejected('validation_failed', '/batch', 'must be an array of events');
    if (body.batch.length > ingestLimits.maxBatchEvents) {
      return rejected(
        'payload_too_large',
        '/batch',
        `a batch holds at most ${ingestLimits.maxBatchEvents} events`,
      );
    }
    if (body.batch.length === 0)
      return rejected('validation_failed', '/batch', 'must hold at least one event');
    raws = body.batch;
    batchContext = isBag(body.context) ? body.context : undefined;
  } else {
    raws = [body];
  }

  const accepted: NormalizedEvent[] = [];
  const refused: RejectedEvent[] = [];
  raws.forEach((raw, index) => {
    const result = normalizeEvent(raw, {
      receivedAt: options.receivedAt,
      sentAt: sentAt.value,
      impliedType: options.kind === 'batch' ? undefined : options.kind,
      pointer: options.kind === 'batch' ? `/batch/${index}` : '',
      batchContext,
    });
    if (result.ok) {
      accepted.push(result.value);
    } else {
      const messageId = isBag(raw) && typeof raw.messageId === 'string' ? raw.messageId.slice(0, 255) : null;
      refused.push({ index, messageId, rejection: result.rejection, payload: raw });
    }
  });
  return ok({ writeKey, accepted, rejected: refused });
}
